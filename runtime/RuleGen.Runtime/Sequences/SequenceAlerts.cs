using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using RuleGen.Runtime.Windows;

namespace RuleGen.Runtime.Sequences;

/// <summary>
/// A found sequence as Kibana writes it (build_alert_group_from_sequence.ts): one building-block alert per event
/// (a copy of the event, <c>kibana.alert.building_block_type = default</c>, <c>kibana.alert.group.id</c>,
/// <c>kibana.alert.group.index</c>) and one shell alert (the fields every event shares, original_time = the first
/// event's). Ids as Kibana derives them, with documented stand-ins for what only Kibana knows:
/// <list type="bullet">
/// <item>an event's ancestor is (its identity, its <c>_index</c>): StageHit's identity, and the document's
/// <c>_index</c> when it has one, else "" (the backing index of a data stream is not in a log file);</item>
/// <item>the rule's saved-object id (<c>kibana.alert.rule.uuid</c>) is the rule's <c>rule_id</c>;</item>
/// <item>building block i: sha256 hex of (Σ over events: id + index + rule) + i (generate_building_block_ids.ts);</item>
/// <item>shell: sha256 hex of (Σ over events: id + index + block id + "") + rule (generateAlertId over the shell's
/// ancestors, which are each block's event and the block itself, whose _index is "" when it is built).</item>
/// </list>
/// So the same events in the same order give the same ids in every window; a sequence sharing events is new.
/// </summary>
public static class SequenceAlerts
{
    public static void Add(string ruleId, long tickMs, IReadOnlyList<StageHit> events, List<WindowAlert> alerts)
    {
        SequenceShellAlert shell = Build(ruleId, tickMs, events, out SequenceBuildingBlockAlert[] blocks);
        alerts.Add(shell);
        alerts.AddRange(blocks);
    }

    /// <summary>The sequence's shell alert, and its building blocks in event order (buildAlertGroupFromSequence).</summary>
    public static SequenceShellAlert Build(string ruleId, long tickMs, IReadOnlyList<StageHit> events, out SequenceBuildingBlockAlert[] blocks)
    {
        var ancestors = events.Select(e => new SequenceAncestor(e.Identity, e.Match is RuleMatch m ? IndexOf(m) : "")).ToArray();
        string[] blockIds = BuildingBlockIds(ruleId, ancestors);
        string shellId = ShellId(ruleId, ancestors, blockIds);
        blocks = new SequenceBuildingBlockAlert[events.Count];
        for (int i = 0; i < events.Count; i++) blocks[i] = new SequenceBuildingBlockAlert(blockIds[i], tickMs, events[i], shellId, i, ancestors[i]);
        return new SequenceShellAlert(shellId, tickMs, events, ancestors, blockIds);
    }

    public static string[] BuildingBlockIds(string ruleId, IReadOnlyList<SequenceAncestor> ancestors)
    {
        var baseText = new StringBuilder();
        foreach (SequenceAncestor a in ancestors) baseText.Append(a.Id).Append(a.Index).Append(ruleId);
        string text = baseText.ToString();
        var ids = new string[ancestors.Count];
        for (int i = 0; i < ids.Length; i++) ids[i] = Sha256Hex(text + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return ids;
    }

    public static string ShellId(string ruleId, IReadOnlyList<SequenceAncestor> ancestors, IReadOnlyList<string> blockIds)
    {
        var text = new StringBuilder();
        for (int i = 0; i < ancestors.Count; i++) text.Append(ancestors[i].Id).Append(ancestors[i].Index).Append(blockIds[i]);
        return Sha256Hex(text.Append(ruleId).ToString());
    }

    internal static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string IndexOf(RuleMatch match)
    {
        JsonElement? index = match.Column("_index");
        return index is { ValueKind: JsonValueKind.String } s ? s.GetString()! : "";
    }

    internal static void WriteAncestor(Utf8JsonWriter w, string id, string type, string index, int depth)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("type", type);
        w.WriteString("index", index);
        w.WriteNumber("depth", depth);
        w.WriteEndObject();
    }
}

/// <summary>An event as an alert's ancestor: the document identity and index the ids hash.</summary>
public readonly record struct SequenceAncestor(string Id, string Index);

/// <summary>One event of a sequence as its building-block alert: a copy of the event (the writer adds its columns).</summary>
public sealed class SequenceBuildingBlockAlert : WindowAlert
{
    private readonly SequenceAncestor _ancestor;

    public SequenceBuildingBlockAlert(string id, long tickMs, StageHit hit, string groupId, int groupIndex, SequenceAncestor ancestor)
        : base(id, tickMs, hit.Timestamp, hit.Match)
    {
        Hit = hit;
        GroupId = groupId;
        GroupIndex = groupIndex;
        _ancestor = ancestor;
    }

    public StageHit Hit { get; }

    public string GroupId { get; }

    public int GroupIndex { get; }

    public override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString("kibana.alert.building_block_type", "default");
        w.WriteString("kibana.alert.group.id", GroupId);
        w.WriteNumber("kibana.alert.group.index", GroupIndex);
        w.WriteNumber("kibana.alert.depth", 1);
        w.WriteStartArray("kibana.alert.ancestors");
        SequenceAlerts.WriteAncestor(w, _ancestor.Id, "event", _ancestor.Index, 0);
        w.WriteEndArray();
    }
}

/// <summary>
/// The alert that ties a sequence together: its id is the group id; its fields are those every event of the sequence
/// holds with the same value (Kibana's objectArrayIntersection; arrays keep their common elements), except the ones
/// the alert itself writes (@timestamp, kibana.alert.*); original_time is the first event's @timestamp.
/// </summary>
public sealed class SequenceShellAlert : WindowAlert
{
    private readonly IReadOnlyList<SequenceAncestor> _ancestors;
    private readonly IReadOnlyList<string> _blockIds;

    public SequenceShellAlert(string id, long tickMs, IReadOnlyList<StageHit> events, IReadOnlyList<SequenceAncestor> ancestors, IReadOnlyList<string> blockIds)
        : base(id, tickMs, events[0].Timestamp, source: null)
    {
        Events = events;
        _ancestors = ancestors;
        _blockIds = blockIds;
    }

    public IReadOnlyList<StageHit> Events { get; }

    /// <summary>The columns every event shares, in the first event's column order.</summary>
    public IReadOnlyList<KeptColumn> SharedColumns()
    {
        var shared = new List<KeptColumn>();
        if (Events.Any(e => e.Match is null)) return shared;
        foreach (KeptColumn column in Events[0].Match!.Columns)
        {
            if (column.Name == "@timestamp" || column.Name.StartsWith("kibana.alert.", StringComparison.Ordinal) || column.RawJson == "null") continue;
            string? common = column.RawJson;
            for (int i = 1; i < Events.Count && common is not null; i++)
                common = Intersect(common, SequenceSpec.Raw(Events[i].Match!, column.Name));
            if (common is not null) shared.Add(new KeptColumn(column.Name, common));
        }
        return shared;
    }

    public override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteString("kibana.alert.group.id", Id);
        w.WriteNumber("kibana.alert.depth", 2);
        w.WriteStartArray("kibana.alert.ancestors");
        for (int i = 0; i < _ancestors.Count; i++)
        {
            SequenceAlerts.WriteAncestor(w, _ancestors[i].Id, "event", _ancestors[i].Index, 0);
            SequenceAlerts.WriteAncestor(w, _blockIds[i], "signal", "", 1);
        }
        w.WriteEndArray();
        foreach (KeptColumn column in SharedColumns())
        {
            w.WritePropertyName(column.Name);
            w.WriteRawValue(column.RawJson, skipInputValidation: true);
        }
    }

    /// <summary>Equal JSON texts stay; when either is an array, the elements both hold (none: dropped); else dropped.</summary>
    private static string? Intersect(string a, string? b)
    {
        if (b is null) return null;
        if (a == b) return a;
        using JsonDocument da = JsonDocument.Parse(a), db = JsonDocument.Parse(b);
        if (da.RootElement.ValueKind != JsonValueKind.Array && db.RootElement.ValueKind != JsonValueKind.Array) return null;
        static IEnumerable<string> Elements(JsonElement e) =>
            e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().Select(x => x.GetRawText()) : new[] { e.GetRawText() };
        var right = new HashSet<string>(Elements(db.RootElement), StringComparer.Ordinal);
        string[] common = Elements(da.RootElement).Where(right.Contains).Distinct(StringComparer.Ordinal).ToArray();
        return common.Length == 0 ? null : "[" + string.Join(",", common) + "]";
    }
}
