using System.Collections.Generic;

namespace RuleGen.Runtime.Pipeline;

/// <summary>
/// What an event that passed a pipeline rule's filter becomes: one match per row the pipeline makes from it (a rule
/// that runs per event), or one match carrying its row, for the rule's window stage to run per tick.
/// </summary>
public static class EsqlRows
{
    public static void Evaluate(CompiledRule rule, EsqlPipeline pipeline, EventView e, DocumentPosition position, string? originalTime,
        List<KeptColumn> columns, List<RuleMatch> matches)
    {
        EsqlValue[] input = pipeline.InputRow(e);
        var match = new RuleMatch(rule, position, originalTime, columns) { PipelineRow = input };
        if (pipeline.PerTick)
        {
            // The row-by-row steps run once, now; each row they leave waits for its ticks as a match of its own.
            if (pipeline.PerEventSteps == 0)
            {
                matches.Add(match);
                return;
            }
            foreach (EsqlRow row in pipeline.RunPerEvent(new List<EsqlRow> { new(input, match) }, new EsqlContext()))
            {
                matches.Add(new RuleMatch(rule, position, originalTime, columns) { PipelineRow = row.Values });
            }
            return;
        }
        List<EsqlRow> rows = pipeline.Run(new List<EsqlRow> { new(input, match) }, new EsqlContext());
        foreach (EsqlRow row in rows)
        {
            matches.Add(new RuleMatch(rule, position, originalTime, EventColumns(columns, row, pipeline)));
        }
    }

    /// <summary>
    /// A non-aggregating row's alert columns: the event's kept columns without those DROP or RENAME took away, with the
    /// pipeline's columns written over them (in place when the event has the name, else after them), as Kibana
    /// writes an ES|QL row over its source document (merge_esql_result_in_source.ts).
    /// </summary>
    public static List<KeptColumn> EventColumns(IReadOnlyList<KeptColumn> eventColumns, EsqlRow row, EsqlPipeline pipeline)
    {
        var result = new List<KeptColumn>(eventColumns.Count + pipeline.Output.Count);
        foreach (KeptColumn column in eventColumns)
        {
            if (!IsHidden(column.Name, pipeline.Hidden)) result.Add(column);
        }
        foreach (EsqlOutput output in pipeline.Output)
        {
            var kept = new KeptColumn(output.Name, row[output.Column].ToJson());
            int at = result.FindIndex(c => c.Name == output.Name);
            if (at >= 0) result[at] = kept;
            else result.Add(kept);
        }
        return result;
    }

    /// <summary>An aggregated row's alert columns: the result's columns, in order.</summary>
    public static List<KeptColumn> RowColumns(EsqlRow row, EsqlPipeline pipeline)
    {
        var result = new List<KeptColumn>(pipeline.Output.Count);
        foreach (EsqlOutput output in pipeline.Output) result.Add(new KeptColumn(output.Name, row[output.Column].ToJson()));
        return result;
    }

    private static bool IsHidden(string name, IReadOnlyList<string> hidden)
    {
        foreach (string pattern in hidden)
        {
            if (KeepProjection.Strength(pattern, name) > 0) return true;
        }
        return false;
    }
}
