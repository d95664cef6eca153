using System;
using System.Collections.Generic;
using RuleGen.Runtime.Pipeline.Steps;

namespace RuleGen.Runtime.Pipeline;

/// <summary>Column <c>Column</c> of a first row is the rule's field number <c>Field</c>, read as <c>Type</c>.</summary>
public readonly record struct EsqlInput(int Column, int Field, EsqlType Type);

/// <summary>A column the pipeline hands to the alert: its name, its column in the last row layout, its type.</summary>
public readonly record struct EsqlOutput(string Name, int Column, EsqlType Type);

/// <summary>
/// A query's commands after its filter, compiled (docs/esql-pipeline.md): the first row of an event is read from its
/// fields, then each step runs over the rows. A rule whose pipeline is <see cref="PerTick"/> (STATS, LIMIT, NOW())
/// keeps each event's row until its tick, when the steps run over the window's rows; else the steps run on each
/// event's own row as it is read, and every row out is an alert.
/// </summary>
public sealed class EsqlPipeline
{
    private readonly EsqlInput[] _inputs;
    private readonly EsqlStep[] _steps;

    public EsqlPipeline(EsqlInput[] inputs, int width, EsqlStep[] steps, EsqlOutput[] output, bool perTick, bool aggregating, string[]? hidden = null, int[]? expanded = null,
        int perEventSteps = 0)
    {
        PerEventSteps = perTick ? perEventSteps : steps.Length;
        Expanded = expanded ?? Array.Empty<int>();
        _inputs = inputs;
        Width = width;
        _steps = steps;
        Output = output;
        PerTick = perTick;
        Aggregating = aggregating;
        Hidden = hidden ?? Array.Empty<string>();
    }

    /// <summary>The size of the first row layout.</summary>
    public int Width { get; }

    public IReadOnlyList<EsqlOutput> Output { get; }

    public bool PerTick { get; }

    /// <summary>The query has STATS: an alert is a row of the result only, not a copy of an event.</summary>
    public bool Aggregating { get; }

    /// <summary>Event columns (names and KEEP patterns) DROP or RENAME took away: not in a non-aggregating alert.</summary>
    public IReadOnlyList<string> Hidden { get; }

    /// <summary>The columns MV_EXPAND made single, in the query's order (a non-aggregating row's alert id holds their values).</summary>
    public IReadOnlyList<int> Expanded { get; }

    /// <summary>The event's row: its fields as the columns' types.</summary>
    public EsqlValue[] InputRow(EventView e)
    {
        var values = new EsqlValue[Width];
        foreach (EsqlInput input in _inputs) values[input.Column] = EsqlFieldValues.From(e[input.Field], input.Type);
        return values;
    }

    /// <summary>
    /// The leading steps that work row by row without NOW(): a per-tick rule runs them on each event as it is read
    /// (<see cref="RunPerEvent"/>) and the rest per tick (<see cref="RunPerTick"/>); a per-event rule runs all of them.
    /// </summary>
    public int PerEventSteps { get; }

    /// <summary>Runs every step over the rows (changed in place) and returns them.</summary>
    public List<EsqlRow> Run(List<EsqlRow> rows, EsqlContext context) => RunSteps(0, _steps.Length, rows, context);

    /// <summary>The steps an event's row goes through as it is read.</summary>
    public List<EsqlRow> RunPerEvent(List<EsqlRow> rows, EsqlContext context) => RunSteps(0, PerEventSteps, rows, context);

    /// <summary>The steps an execution runs over its window's rows (those the per-event steps left).</summary>
    public List<EsqlRow> RunPerTick(List<EsqlRow> rows, EsqlContext context) => RunSteps(PerEventSteps, _steps.Length, rows, context);

    private List<EsqlRow> RunSteps(int from, int to, List<EsqlRow> rows, EsqlContext context)
    {
        for (int i = from; i < to && rows.Count > 0; i++) _steps[i].Run(rows, context);
        return rows;
    }
}
