using System;
using System.Buffers;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RuleGen.Runtime;

/// <summary>
/// Writes alerts as NDJSON with Elastic's alerts-as-data names (kibana.alert.*), then the KEEP columns under their
/// own dotted names with their exact JSON values, then where the event was read (rulegen.input.*).
/// Each alert is assembled as one whole line in memory and appended to a buffer that goes to the stream in large
/// writes: flushing the JSON writer per alert cost one write() system call per alert. Only whole lines are ever
/// handed to the stream, so whatever stops the output (a closed pipe, a full disk, Ctrl-C) never cuts a line.
/// </summary>
public sealed class AlertWriter : IDisposable
{
    /// <summary>The default buffer: 64 KiB, the size of a Linux pipe.</summary>
    public const int DefaultBufferBytes = 64 << 10;

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    private readonly Stream _output;
    private readonly bool _flushEachAlert;
    private readonly ArrayBufferWriter<byte> _line = new(4096);
    private readonly Utf8JsonWriter _writer;
    private readonly byte[] _buffer;
    private int _buffered;

    /// <param name="output">Where the lines go; it is flushed by <see cref="Flush"/> and <see cref="Dispose"/>, not closed.</param>
    /// <param name="flushEachAlert">Hand every alert to the stream at once (for a person watching a terminal).</param>
    /// <param name="bufferBytes">How many bytes of whole lines are gathered before one write to the stream.</param>
    public AlertWriter(Stream output, bool flushEachAlert = false, int bufferBytes = DefaultBufferBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferBytes, 1);
        _output = output;
        _flushEachAlert = flushEachAlert;
        _buffer = new byte[bufferBytes];
        _writer = new Utf8JsonWriter(_line, Options);
    }

    /// <summary>
    /// An alert of a stateful rule: the rule's fields, the alert id, @timestamp = the execution t_k, original_time, the
    /// kind's own fields (threshold_result, new_terms, group…), and, when it copies an event, that event's kept columns
    /// and input position.
    /// </summary>
    public void Write(CompiledRule compiled, Windows.WindowAlert alert)
    {
        Utf8JsonWriter w = Begin(compiled.Metadata);
        w.WriteString("kibana.alert.uuid", alert.Id);
        w.WriteString("@timestamp", alert.Timestamp);
        OriginalTime(w, alert.OriginalTime);
        alert.WriteFields(w);
        // The alert's @timestamp is the execution's; the event's is kibana.alert.original_time (build_alert.ts).
        if (alert.Source is RuleMatch source) Event(w, source, skipTimestamp: true);
        End(w);
    }

    /// <summary>Opens the alert object and writes the rule's fields, in the order Kibana's build_alert.ts writes them.</summary>
    private static void WriteRule(Utf8JsonWriter w, RuleMetadata rule)
    {
        w.WriteStartObject();
        w.WriteString("kibana.alert.rule.rule_id", rule.RuleId);
        w.WriteString("kibana.alert.rule.name", rule.Name);
        // Only for building block rules, just before the severity, where Kibana's build_alert puts it; Kibana leaves
        // the field out (undefined) for an ordinary rule.
        if (rule.BuildingBlockType is not null) w.WriteString("kibana.alert.building_block_type", rule.BuildingBlockType);
        w.WriteString("kibana.alert.severity", rule.Severity.ToString().ToLowerInvariant());
        w.WriteNumber("kibana.alert.risk_score", rule.RiskScore);
        w.WriteString("kibana.alert.rule.version", rule.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteStartArray("kibana.alert.rule.author");
        foreach (string author in rule.Authors) w.WriteStringValue(author);
        w.WriteEndArray();
        // In the order Kibana's build_alert.ts writes them: author, false_positives, license, references, threat.
        Strings(w, "kibana.alert.rule.false_positives", rule.FalsePositives);
        if (rule.License is not null) w.WriteString("kibana.alert.rule.license", rule.License);
        Strings(w, "kibana.alert.rule.references", rule.References);
        w.WriteStartArray("kibana.alert.rule.threat");
        foreach (ThreatEntry threat in rule.Threat)
        {
            w.WriteStartObject();
            w.WriteString("framework", threat.Framework);
            w.WritePropertyName("tactic");
            Reference(w, threat.Tactic);
            w.WriteStartArray("technique");
            foreach (ThreatTechnique technique in threat.Techniques)
            {
                w.WriteStartObject();
                w.WriteString("id", technique.Technique.Id);
                w.WriteString("name", technique.Technique.Name);
                w.WriteString("reference", technique.Technique.Reference);
                w.WriteStartArray("subtechnique");
                foreach (AttackReference sub in technique.Subtechniques) Reference(w, sub);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (rule.Status is not null) w.WriteString("rulegen.rule.status", rule.Status);
    }


    public void Write(RuleMatch match)
    {
        Utf8JsonWriter w = Begin(match.Rule.Metadata);
        OriginalTime(w, match.OriginalTime);
        Event(w, match, skipTimestamp: false);
        End(w);
    }

    /// <summary>Starts a line afresh (so that a line an exception left half built is never sent) with the rule's fields.</summary>
    private Utf8JsonWriter Begin(RuleMetadata rule)
    {
        Utf8JsonWriter w = _writer;
        _line.ResetWrittenCount();
        w.Reset();
        WriteRule(w, rule);
        return w;
    }

    private static void OriginalTime(Utf8JsonWriter w, string? originalTime)
    {
        if (originalTime is not null) w.WriteString("kibana.alert.original_time", originalTime);
        else w.WriteNull("kibana.alert.original_time");
    }

    /// <summary>The event's kept columns with their exact JSON values, then where it was read (rulegen.input.*).</summary>
    private static void Event(Utf8JsonWriter w, RuleMatch match, bool skipTimestamp)
    {
        foreach (KeptColumn column in match.Columns)
        {
            if (skipTimestamp && column.Name == "@timestamp") continue;
            w.WritePropertyName(column.Name);
            w.WriteRawValue(column.RawJson, skipInputValidation: true);
        }
        w.WriteString("rulegen.input.file", match.Position.File);
        w.WriteNumber("rulegen.input.line", match.Position.Line);
        w.WriteNumber("rulegen.input.record", match.Position.Record);
    }

    /// <summary>Closes the alert and hands the whole line to the buffer.</summary>
    private void End(Utf8JsonWriter w)
    {
        w.WriteEndObject();
        w.Flush();
        _line.GetSpan(1)[0] = (byte)'\n';
        _line.Advance(1);
        Append(_line.WrittenSpan);
        if (_flushEachAlert) Flush();
    }

    private void Append(ReadOnlySpan<byte> line)
    {
        if (_buffered + line.Length > _buffer.Length) WriteBuffered();
        if (line.Length > _buffer.Length)
        {
            // An alert larger than the buffer (huge KEEP values) still goes out whole, in one write.
            _output.Write(line);
            return;
        }
        line.CopyTo(_buffer.AsSpan(_buffered));
        _buffered += line.Length;
    }

    private void WriteBuffered()
    {
        int count = _buffered;
        // Emptied before writing: after a failed write the lines are lost either way, and a retry (at Dispose) could
        // repeat the part the OS took before it failed.
        _buffered = 0;
        if (count > 0) _output.Write(_buffer, 0, count);
    }

    private static void Strings(Utf8JsonWriter w, string name, System.Collections.Generic.IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (string value in values) w.WriteStringValue(value);
        w.WriteEndArray();
    }

    private static void Reference(Utf8JsonWriter w, AttackReference reference)
    {
        w.WriteStartObject();
        w.WriteString("id", reference.Id);
        w.WriteString("name", reference.Name);
        w.WriteString("reference", reference.Reference);
        w.WriteEndObject();
    }

    /// <summary>Hands every buffered line to the stream and flushes it.</summary>
    public void Flush()
    {
        WriteBuffered();
        _output.Flush();
    }

    public void Dispose()
    {
        _writer.Dispose();
        Flush();
    }
}
