using RuleGen.Generator.Languages.Esql.Types;
using RuleGen.Generator.Model;

namespace RuleGen.Generator.Ir.Pipeline
{
    /// <summary>
    /// What a query does after its filter (the plan's Condition), command by command, over typed rows: ES|QL's EVAL,
    /// WHERE, STATS, SORT, LIMIT, MV_EXPAND, DISSECT, GROK (KEEP, DROP and RENAME are resolved at build time into which
    /// column is which). Language-independent: any front end with a pipe of commands can lower into it.
    /// <para>
    /// Rows are arrays of values; a command writes new columns at fresh indexes, so a later command reads a column by
    /// index whatever was renamed or dropped. STATS starts a new row layout. <c>Inputs</c> fill the first layout from
    /// the event's fields; <c>Width</c> is its size. <c>Output</c>: the columns the query ends with that the pipeline
    /// made (for a rule without STATS, the alert's other columns are the event's, per <c>SourceKeep</c> and <c>Hidden</c>).
    /// </para>
    /// <c>PerTick</c>: the pipeline needs every row of an execution at once (STATS, SORT with LIMIT, LIMIT) or the
    /// execution's time (NOW()), so it runs once per tick over the window's rows; else once per event.
    /// </summary>
    internal sealed record PipelinePlan(
        EquatableArray<PipelineInput> Inputs,
        int Width,
        EquatableArray<PipelineStep> Steps,
        EquatableArray<PipelineColumn> Output,
        EquatableArray<string> SourceKeep,
        EquatableArray<string> Hidden,
        bool Aggregating,
        bool PerTick)
    {
        /// <summary>The columns MV_EXPAND made single (a rule without STATS): their values are part of an alert's id.</summary>
        public EquatableArray<int> Expanded { get; init; } = EquatableArray<int>.Empty;

        /// <summary>
        /// How many leading steps work row by row without NOW() (EVAL, WHERE, MV_EXPAND, DISSECT, GROK): a rule that runs
        /// per tick runs them once, on each event as it is read, and keeps only the rows they leave, instead of once per
        /// tick that sees the event (a 24-hour look-back every hour would run them 24 times).
        /// </summary>
        public int PerEventSteps => PerEventStepCount(Steps);

        private static int PerEventStepCount(EquatableArray<PipelineStep> steps)
        {
            int count = 0;
            foreach (PipelineStep step in steps)
            {
                bool rowLocal = step switch
                {
                    EvalStep eval => !ReadsNow(eval.Value),
                    WhereStep where => !ReadsNow(where.Condition),
                    PatternStep pattern => !ReadsNow(pattern.Input),
                    MvExpandStep or NoteStep => true,
                    _ => false,
                };
                if (!rowLocal) break;
                // A note (KEEP, DROP, RENAME) is done at build time: no runtime step to count.
                if (step is not NoteStep) count++;
            }
            return count;
        }

        private static bool ReadsNow(RowExpr expr)
        {
            var pending = new System.Collections.Generic.Stack<RowExpr>();
            pending.Push(expr);
            while (pending.Count > 0)
            {
                if (pending.Pop() is CallRow call)
                {
                    if (call.UsesNow) return true;
                    foreach (RowExpr argument in call.Arguments) pending.Push(argument);
                }
            }
            return false;
        }
    }

    /// <summary>Column <c>Column</c> of a first-layout row is the event's field number <c>Field</c> (plan slot), as <c>Type</c>.</summary>
    internal sealed record PipelineInput(int Column, int Field, string Name, EsqlDataType Type);

    /// <summary>A column of the result: its name, index in the last layout, type, and whether it can hold several values.</summary>
    internal sealed record PipelineColumn(string Name, int Column, EsqlDataType Type, bool MayBeMulti);

    /// <summary>One command; <c>Source</c> is its text, written above the code that does it.</summary>
    internal abstract record PipelineStep(string Source);

    /// <summary>A command done at build time (KEEP, DROP, RENAME): shown, with what it decided, but no code.</summary>
    internal sealed record NoteStep(string Source, string Note) : PipelineStep(Source);

    internal sealed record EvalStep(string Source, int Column, string Name, RowExpr Value) : PipelineStep(Source);

    internal sealed record WhereStep(string Source, RowExpr Condition) : PipelineStep(Source);

    internal sealed record MvExpandStep(string Source, int Column) : PipelineStep(Source);

    /// <summary>DISSECT or GROK: <c>Construct</c> builds the runtime pattern (compiled at build time); its keys go to <c>Columns</c>.</summary>
    internal sealed record PatternStep(string Source, bool Grok, RowExpr Input, string Construct, EquatableArray<int> Columns) : PipelineStep(Source);

    /// <summary>One aggregate: the runtime class, constructor constants, the value it is fed, and its WHERE filter.</summary>
    internal sealed record AggregateCall(string Name, string Class, RowExpr? Argument, EquatableArray<string> Constants, RowExpr? Filter, EsqlDataType Type);

    /// <summary>
    /// STATS: the new rows are the aggregates (columns 0…) then the group keys, one row per group; <c>Width</c> is the new
    /// layout's size (later commands add columns after them).
    /// </summary>
    internal sealed record StatsStep(string Source, EquatableArray<AggregateCall> Aggregates, EquatableArray<RowExpr> Groups, int Width) : PipelineStep(Source);

    internal sealed record SortKeyModel(RowExpr Value, bool Descending, bool NullsFirst);

    internal sealed record SortStep(string Source, EquatableArray<SortKeyModel> Keys) : PipelineStep(Source);

    internal sealed record LimitStep(string Source, int Count) : PipelineStep(Source);
}
