using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleGen.Generator.Ir.Pipeline;
using RuleGen.Generator.Languages.Esql.Types;
using RuleGen.Generator.Model;
using static RuleGen.Generator.Emitting.CSharp;

namespace RuleGen.Generator.Emitting
{
    /// <summary>
    /// Writes a rule's pipeline (the commands after its filter) as one static field: each command's text as a comment,
    /// then the runtime step that does it, its expressions as static lambdas over a row <c>r</c> (column i is
    /// <c>r[i]</c>) and the execution's context <c>x</c> (NOW()). Constants, LIKE patterns and regexes are static
    /// fields, built once.
    /// </summary>
    internal sealed class PipelineEmitter
    {
        public const string P = "global::RuleGen.Runtime.Pipeline";
        private readonly List<(string Name, string Declaration, string Comment)> _statics = new();
        private readonly Dictionary<string, string> _byInitializer = new(System.StringComparer.Ordinal);

        /// <summary>The static fields the pipeline's expressions use, each with a comment.</summary>
        public IEnumerable<(string Declaration, string Comment)> Statics => _statics.Select(s => (s.Declaration, s.Comment));

        /// <summary>Writes <c>s_pipeline</c> and the <c>Pipeline</c> override (the statics go before them: see <see cref="Statics"/>).</summary>
        public string Write(PipelinePlan plan)
        {
            var w = new SourceWriter();
            w.Comment("The query after its filter, one command at a time (docs/esql-pipeline.md): r[i] is column i of a row, x the execution (NOW()).");
            w.Line($"private static readonly {P}.EsqlPipeline s_pipeline = new {P}.EsqlPipeline(");
            w.Indent();
            w.Line($"inputs: new {P}.EsqlInput[]");
            w.Line("{");
            w.Indent();
            foreach (PipelineInput input in plan.Inputs)
                w.Line($"new({input.Column}, {input.Field}, {P}.EsqlType.{RuntimeType(input.Type)}), // r[{input.Column}] = {SourceWriter.OneLine(input.Name)}");
            w.Outdent();
            w.Line("},");
            w.Line($"width: {plan.Width},");
            w.Line($"steps: new {P}.Steps.EsqlStep[]");
            w.Line("{");
            w.Indent();
            foreach (PipelineStep step in plan.Steps) WriteStep(w, step);
            w.Outdent();
            w.Line("},");
            w.Line($"output: new {P}.EsqlOutput[]");
            w.Line("{");
            w.Indent();
            foreach (PipelineColumn column in plan.Output)
                w.Line($"new({String(column.Name)}, {column.Column}, {P}.EsqlType.{RuntimeType(column.Type)}),");
            w.Outdent();
            w.Line("},");
            w.Line($"perTick: {Bool(plan.PerTick)},");
            if (plan.PerTick) w.Line($"perEventSteps: {plan.PerEventSteps}, // the first {plan.PerEventSteps} step(s) run on each event as it is read, the rest per tick");
            w.Line($"aggregating: {Bool(plan.Aggregating)},");
            w.Line($"hidden: {StringArray(plan.Hidden)},");
            w.Line($"expanded: new int[] {{ {string.Join(", ", plan.Expanded.Select(e => e.ToString(CultureInfo.InvariantCulture)))} }});");
            w.Outdent();
            w.Line();
            w.Line($"/// <summary>The commands after the filter; {(plan.PerTick ? "they run once per tick over the window's rows" : "they run on each event the filter keeps")}.</summary>");
            w.Line($"public override {P}.EsqlPipeline? Pipeline => s_pipeline;");
            w.Line();
            return w.ToString();
        }

        /// <summary>A pipeline that runs per tick is the rule's window stage: the events wait as hits with their rows.</summary>
        public static void WriteSpec(SourceWriter w, RuleMetadataModel meta)
        {
            w.Line("/// <summary>ES|QL executions: once per tick, the pipeline over the rows of the window (docs/esql-pipeline.md).</summary>");
            w.Line($"public override {Runtime}.Windows.StatefulSpec? Stateful {{ get; }} = new {Runtime}.Windows.EsqlSpec({String(meta.RuleId)}, {meta.MaxSignals.ToString(CultureInfo.InvariantCulture)}, s_metadata.Query, s_pipeline){SuppressionEmitter.Initializer(meta.Search?.AlertSuppression)};");
            w.Line();
        }

        private void WriteStep(SourceWriter w, PipelineStep step)
        {
            w.Comment(step.Source);
            switch (step)
            {
                case NoteStep note:
                    w.Comment("(" + note.Note + ")");
                    break;
                case EvalStep eval:
                    w.Line($"new {P}.Steps.EvalStep({eval.Column}, {Lambda(eval.Value)}), // r[{eval.Column}] = {SourceWriter.OneLine(eval.Name)}");
                    break;
                case WhereStep where:
                    w.Line($"new {P}.Steps.WhereStep({Lambda(where.Condition)}),");
                    break;
                case MvExpandStep expand:
                    w.Line($"new {P}.Steps.MvExpandStep({expand.Column}),");
                    break;
                case LimitStep limit:
                    w.Line($"new {P}.Steps.LimitStep({limit.Count.ToString(CultureInfo.InvariantCulture)}),");
                    break;
                case SortStep sort:
                    w.Line($"new {P}.Steps.SortStep(");
                    w.Indent();
                    for (int i = 0; i < sort.Keys.Count; i++)
                    {
                        SortKeyModel key = sort.Keys[i];
                        w.Line($"new {P}.Steps.EsqlSortKey({Lambda(key.Value)}, Descending: {Bool(key.Descending)}, NullsFirst: {Bool(key.NullsFirst)}){(i == sort.Keys.Count - 1 ? "" : ",")}");
                    }
                    w.Outdent();
                    w.Line("),");
                    break;
                case PatternStep pattern:
                    w.Line($"new {P}.Steps.PatternStep({Lambda(pattern.Input)}, {pattern.Construct}{string.Concat(pattern.Columns.Select(c => ", " + c.ToString(CultureInfo.InvariantCulture)))}),");
                    break;
                case StatsStep stats:
                    w.Line($"new {P}.Steps.StatsStep(");
                    w.Indent();
                    w.Line($"new {P}.Steps.EsqlAggregate[]");
                    w.Line("{");
                    w.Indent();
                    for (int i = 0; i < stats.Aggregates.Count; i++)
                    {
                        AggregateCall a = stats.Aggregates[i];
                        string create = $"static () => new {P}.Aggregates.{a.Class}({string.Join(", ", a.Constants.Select(Constant))})";
                        string value = a.Argument is null ? "null" : Lambda(a.Argument);
                        string filter = a.Filter is null ? "null" : Lambda(a.Filter);
                        w.Line($"new({create}, {value}, {filter}), // column {i}: {SourceWriter.OneLine(a.Name)}");
                    }
                    w.Outdent();
                    w.Line("},");
                    w.Line($"new {P}.EsqlExpression[] {{ {string.Join(", ", stats.Groups.Select(Lambda))} }},");
                    w.Line($"{stats.Width}),");
                    w.Outdent();
                    break;
            }
        }

        private string Lambda(RowExpr expr) => $"static (r, x) => {Expression(expr)}";

        /// <summary>A row expression as one C# expression over <c>r</c> and <c>x</c>.</summary>
        public string Expression(RowExpr expr)
        {
            switch (expr)
            {
                case ColumnRow column:
                    return $"r[{column.Column}]";
                case ConstantRow constant:
                    return Constant(constant.Construct, constant.Display);
                case CodeRow code:
                    return code.Code;
                case CallRow { Method: "new[]" } array:
                    return $"new {P}.EsqlValue[] {{ {string.Join(", ", array.Arguments.Select(Expression))} }}";
                case CallRow call:
                {
                    var args = new List<string>();
                    if (call.UsesNow) args.Add("x");
                    args.AddRange(call.Arguments.Select(Expression));
                    foreach (string construct in call.Statics) args.Add(Static(construct, call.Method.EndsWith("RLike", System.StringComparison.Ordinal) ? "s_rowRegex" : "s_rowLike", construct));
                    return $"{P}.{call.Method}({string.Join(", ", args)})";
                }
                default:
                    return $"{P}.EsqlValue.Null";
            }
        }

        private string Constant(string construct) => Constant(construct, construct);

        private string Constant(string construct, string display) => construct.EndsWith(".Null", System.StringComparison.Ordinal) ? construct : Static(construct, "s_value", SourceWriter.OneLine(display));

        private string Static(string initializer, string prefix, string comment)
        {
            if (_byInitializer.TryGetValue(initializer, out string? existing)) return existing;
            string name = prefix + _statics.Count(s => s.Name.StartsWith(prefix, System.StringComparison.Ordinal)).ToString(CultureInfo.InvariantCulture);
            string type = prefix == "s_value" ? $"{P}.EsqlValue" : prefix == "s_rowRegex" ? "global::System.Text.RegularExpressions.Regex" : $"{Runtime}.WildcardPattern";
            _statics.Add((name, $"private static readonly {type} {name} = {initializer};", comment));
            _byInitializer[initializer] = name;
            return name;
        }

        public static string RuntimeType(EsqlDataType type) => type switch
        {
            EsqlDataType.Unsupported => "Null",
            EsqlDataType.Unknown => "Dynamic",
            _ => type.ToString(),
        };

        private static string Bool(bool value) => value ? "true" : "false";
    }
}
