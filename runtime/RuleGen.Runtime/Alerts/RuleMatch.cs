using System.Collections.Generic;
using System.Text.Json;

namespace RuleGen.Runtime;

/// <summary>One KEEP column of an alert: its dotted name and its value as the exact JSON text of the event.</summary>
public readonly record struct KeptColumn(string Name, string RawJson);

/// <summary>A rule that fired on an event: which rule, where the event was, when it happened, and its kept columns.</summary>
public sealed class RuleMatch
{
    public RuleMatch(CompiledRule rule, DocumentPosition position, string? originalTime, IReadOnlyList<KeptColumn> columns)
    {
        Rule = rule;
        Position = position;
        OriginalTime = originalTime;
        Columns = columns;
    }

    public CompiledRule Rule { get; }

    /// <summary>The stages of a stateful rule the event matched (<see cref="CompiledRule.StageMask"/>); 1 for every other rule.</summary>
    public ulong StageMask { get; init; } = 1UL;

    public DocumentPosition Position { get; }

    /// <summary>
    /// A rule with an ES|QL pipeline that runs per tick: the event's first row (its fields as typed values), kept until
    /// the tick runs the pipeline over the window's rows. Null for every other rule.
    /// </summary>
    public Pipeline.EsqlValue[]? PipelineRow { get; init; }

    /// <summary>The event's @timestamp (Kibana's kibana.alert.original_time).</summary>
    public string? OriginalTime { get; }

    /// <summary>The KEEP columns, in KEEP order (ES|QL precedence rules for wildcards).</summary>
    public IReadOnlyList<KeptColumn> Columns { get; }

    /// <summary>The value of a kept column as written in the event, or null when the column is absent or JSON null.</summary>
    public JsonElement? Column(string name)
    {
        foreach (KeptColumn column in Columns)
        {
            if (column.Name == name)
            {
                if (column.RawJson == "null") return null;
                // The scanner accepted the event at depth 256; the parser's default (64) must not refuse its column now.
                using JsonDocument document = JsonDocument.Parse(column.RawJson, new JsonDocumentOptions { MaxDepth = 256 });
                return document.RootElement.Clone();
            }
        }
        return null;
    }
}
