using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Ir;
using RuleGen.Generator.Model;
using RuleGen.Generator.Planning;

namespace RuleGen.Generator.Languages.Eql
{
    /// <summary>
    /// A sequence compiles into the same kind of plan as a single-event query, with one more part
    /// (<see cref="SequenceModel"/>): each stage's <c>category where condition</c> is bound by the same binder into
    /// its own predicate, the plan's condition is their OR (with the until stage's, and the rule's filters ANDed),
    /// so the per-event path (prefilter, dispatch, evaluation) is the ordinary one; the stages, join keys, runs and
    /// maxspan go to the runtime's sequence matcher (docs/eql-sequences.md). Elasticsearch's shape rules
    /// (eql-syntax.md: two stages at least, one number of join keys in every stage) are RG0095 at the stage.
    /// </summary>
    internal sealed partial class EqlBinder
    {
        private QueryPlan? BindSequence(EqlSequence sequence)
        {
            var stages = new List<SequenceStageModel>();
            foreach (EqlStage stage in sequence.Stages) stages.Add(Stage(stage, sequence.By));
            SequenceStageModel? until = sequence.Until is null ? null : Stage(sequence.Until, sequence.By);
            CheckShape(sequence);

            var conjuncts = new List<(Pred, LocationInfo)>();
            IEnumerable<Pred> any = stages.Select(s => s.Condition);
            if (until is not null) any = any.Concat(new[] { until.Condition });
            conjuncts.Add((new SourcedPred(Folding.Or(any), "an event of any stage (or of until) reaches the sequence"), _source.Positions.At(sequence.Start, "sequence".Length)));
            conjuncts.AddRange(Kql.KqlFilters.Bind(_source, _plan, _diagnostics));
            QueryPlan plan = _plan.Build("eql", _text, _source.IndexPatterns, EquatableArray<string>.Empty, conjuncts, new EquatableArray<string>(new[] { "*" }));
            var model = new SequenceModel(stages.ToEquatableArray(), until, sequence.MaxSpan?.Milliseconds,
                sequence.MaxSpan is { } span ? span.Number + span.Unit : null);
            if (sequence.MaxSpan is { } maxSpan) SequenceChecks.Check(model, _source.From, At(maxSpan), _diagnostics);
            return plan with { Sequence = model };
        }

        /// <summary>One stage: its category and conditions (each part under its own query text), its keys and runs.</summary>
        private SequenceStageModel Stage(EqlStage stage, IReadOnlyList<EqlExpression> sharedKeys)
        {
            if (stage.IsMissing)
            {
                _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, _source.Positions.At(stage.Start, 1),
                    "A missing-event stage ![…] (an event that must not occur between the others; needs the search for absent events Elasticsearch runs after matching)");
            }
            var parts = new List<Pred>();
            if (Category(stage.Filter.Category) is Pred category) parts.Add(new SourcedPred(category, stage.Filter.Category.Raw + " where"));
            foreach (EqlExpression conjunct in Conjuncts(stage.Filter.Condition)) parts.Add(new SourcedPred(Condition(conjunct), SourceText(conjunct)));
            var keys = new List<SequenceKeyModel>();
            foreach (EqlExpression key in sharedKeys.Concat(stage.By))
            {
                if (Key(key) is SequenceKeyModel model) keys.Add(model);
            }
            return new SequenceStageModel(Ordering.CheapestFirst(Folding.And(parts)), SourceText(stage), keys.ToEquatableArray(), stage.Runs?.Count ?? 1);
        }

        /// <summary>A join key: a field (checked like any field the query reads), <c>?field</c> optional.</summary>
        private SequenceKeyModel? Key(EqlExpression key)
        {
            if (key is EqlFieldReference reference)
            {
                Value(reference);
                return new SequenceKeyModel(reference.Name, reference.Optional);
            }
            Value(key);
            _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(key), "A join key that is not a field (RuleGen joins on field values)");
            return null;
        }

        /// <summary>Elasticsearch's rules on a sequence's shape, and ours on its size (a stage mask is a ulong).</summary>
        private void CheckShape(EqlSequence sequence)
        {
            int expanded = sequence.Stages.Sum(s => s.Runs?.Count ?? 1);
            if (expanded < 2)
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidSequence, At(sequence.Stages[0]), "a sequence needs at least two stages (or one with runs=2 or more)");
            }
            if (expanded > SequenceModel.MaxExpandedStages)
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidSequence, At(sequence.Stages[0]),
                    $"the stages with their runs make {expanded} stages; RuleGen's matcher holds at most {SequenceModel.MaxExpandedStages}");
            }
            if (sequence.Stages.Count > SequenceModel.MaxWrittenStages)
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidSequence, At(sequence.Stages[SequenceModel.MaxWrittenStages]),
                    $"RuleGen compiles sequences of at most {SequenceModel.MaxWrittenStages} written stages (runs=n repeats a stage without counting)");
            }
            IEnumerable<EqlStage> all = sequence.Until is null ? sequence.Stages : sequence.Stages.Concat(new[] { sequence.Until });
            int expected = sequence.Stages[0].By.Count;
            foreach (EqlStage stage in all)
            {
                if (stage.By.Count == expected) continue;
                _diagnostics.Add(DiagnosticCatalog.InvalidSequence, At(stage),
                    $"every stage needs the same number of join keys: the first stage has {expected} of its own, this one {stage.By.Count} (Elasticsearch: inconsistent number of join keys)");
            }
        }
    }
}
