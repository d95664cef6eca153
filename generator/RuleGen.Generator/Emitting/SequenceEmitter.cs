using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleGen.Generator.Ir;
using RuleGen.Generator.Model;
using static RuleGen.Generator.Emitting.CSharp;

namespace RuleGen.Generator.Emitting
{
    /// <summary>
    /// An EQL sequence rule's two extra members: <c>Stateful</c>, the runtime's SequenceSpec (stages with their join
    /// keys and runs, until, maxspan, the ordering fields, max_signals), and <c>StageMask</c>, each written stage's
    /// own condition from the shared IR under its query text, which the evaluator calls only when Evaluate (the OR of
    /// the stages) was TRUE. The conditions go through the rule's one ConditionEmitter, so patterns and sets are
    /// static fields shared with Evaluate.
    /// </summary>
    internal static class SequenceEmitter
    {
        private const string Sequences = Runtime + ".Sequences";

        /// <summary>StageMask's body, rendered before the class's static fields are written (it may add some).</summary>
        public static string StageMaskBody(ConditionEmitter condition, SequenceModel sequence)
        {
            var w = new SourceWriter();
            w.Line("ulong mask = 0;");
            IEnumerable<SequenceStageModel> stages = sequence.Until is null ? sequence.Stages : sequence.Stages.Concat(new[] { sequence.Until });
            int bit = 0;
            foreach (SequenceStageModel stage in stages)
            {
                bool isUntil = bit == sequence.Stages.Count;
                w.Comment($"{(isUntil ? "until" : "stage " + (bit + 1).ToString(CultureInfo.InvariantCulture))}: {stage.Source}");
                w.Line("if ((");
                w.Indent();
                condition.Write(w, stage.Condition, string.Empty);
                w.Outdent();
                w.Line($").IsTrue) mask |= 1UL << {bit.ToString(CultureInfo.InvariantCulture)};");
                bit++;
            }
            w.Line("return mask;");
            return w.ToString();
        }

        public static void Write(SourceWriter w, RuleMetadataModel meta, SequenceModel sequence, string stageMaskBody)
        {
            RuleSearchModel search = meta.Search ?? RuleSearchModel.None;
            w.Line($"/// <summary>EQL sequence of {sequence.Stages.Sum(s => s.Runs).ToString(CultureInfo.InvariantCulture)} stage(s){(sequence.MaxSpanText is null ? "" : " with maxspan=" + sequence.MaxSpanText)}, found afresh in each execution's window (docs/eql-sequences.md).</summary>");
            w.Line($"public override {Runtime}.Windows.StatefulSpec? Stateful {{ get; }} = new {Sequences}.SequenceSpec(");
            w.Indent();
            w.Line($"{String(meta.RuleId)}, {meta.MaxSignals.ToString(CultureInfo.InvariantCulture)},");
            w.Line($"new {Sequences}.SequenceStageSpec[]");
            w.Line("{");
            w.Indent();
            foreach (SequenceStageModel stage in sequence.Stages)
            {
                w.Comment(stage.Source);
                w.Line(StageSpec(stage) + ",");
            }
            w.Outdent();
            w.Line("},");
            if (sequence.Until is SequenceStageModel until) w.Comment("until " + until.Source);
            w.Line($"until: {(sequence.Until is null ? "null" : StageSpec(sequence.Until))},");
            w.Line($"maxSpanMs: {(sequence.MaxSpanMs is long span ? span.ToString(CultureInfo.InvariantCulture) : "null")},");
            w.Line($"timestampField: {String(search.TimestampField ?? "@timestamp")},");
            w.Line($"tiebreakerField: {String(search.TiebreakerField)}){SuppressionEmitter.Initializer(search.AlertSuppression)};");
            w.Outdent();
            w.Line();
            w.Line("/// <summary>Which stages an event matches (bit i: stage i; the bit after the last stage: until). Called only when Evaluate is TRUE.</summary>");
            w.OpenBlock($"public override ulong StageMask({Runtime}.EventView e)");
            foreach (string line in stageMaskBody.TrimEnd('\n').Split('\n')) w.Line(line);
            w.CloseBlock();
            w.Line();
        }

        private static string StageSpec(SequenceStageModel stage)
        {
            string keys = stage.Keys.Count == 0
                ? $"global::System.Array.Empty<{Sequences}.SequenceJoinKey>()"
                : $"new {Sequences}.SequenceJoinKey[] {{ {string.Join(", ", stage.Keys.Select(k => $"new {Sequences}.SequenceJoinKey({String(k.Field)}, {(k.Optional ? "true" : "false")})"))} }}";
            return $"new {Sequences}.SequenceStageSpec({keys}, {stage.Runs.ToString(CultureInfo.InvariantCulture)})";
        }
    }
}
