using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using RuleGen.Generator.Binding;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Ir;
using RuleGen.Generator.Languages.Sigma.Values;
using RuleGen.Generator.Limits;
using RuleGen.Generator.Model;
using RuleGen.Generator.Planning;
using RuleGen.Generator.Languages.Sigma.Pipelines;

namespace RuleGen.Generator.Languages.Sigma
{
    /// <summary>
    /// Binds a Sigma rule's detection (read by <see cref="SigmaRuleReader"/>) into the predicate IR, meaning what the
    /// Sigma specification v2.1 says: every leaf is case-insensitive, matches any value of a multivalued field, is FALSE
    /// on a missing field (so <c>not</c> is two-valued) and compares numbers and booleans as their text
    /// (<see cref="Semantics"/>; docs/semantics.md, "Sigma"). What RuleGen cannot bind yet is a located RG0023, never
    /// a guess; binding goes on so one build shows every problem.
    /// </summary>
    internal sealed class SigmaBinder
    {
        /// <summary>Sigma's leaf semantics (spec "General": values are case-insensitive strings).</summary>
        public static readonly LeafSemantics Semantics = new(CaseMode.Insensitive, MultivalueMode.AnyValue, MissingMode.False, ComparisonMode.AsString);

        private static Pred Error => new ConstPred(TriValue.False);

        private readonly SigmaRule _rule;
        private readonly DiagnosticBag _diagnostics;
        private readonly PlanBuilder _plan;
        private readonly Dictionary<string, SigmaSearch> _searches = new(StringComparer.Ordinal);
        private readonly DepthGuard _nesting = DepthGuard.ForQueryTree();
        private readonly SigmaValueLeaves _values;

        // The ECS form reads names of Elastic's documents, which the rule's raw-cloudtrail schema does not list.
        private readonly bool _ecsNames;

        private SigmaBinder(SigmaRule rule, DiagnosticBag diagnostics, PlanBuilder plan, bool ecsNames = false)
        {
            _ecsNames = ecsNames;
            _rule = rule;
            _diagnostics = diagnostics;
            _plan = plan;
            _values = new SigmaValueLeaves(plan, diagnostics, ecsNames);
            foreach (SigmaSearch search in rule.Searches) _searches[search.Name] = search;
        }

        public static QueryPlan? Bind(QuerySource source, DiagnosticBag diagnostics, out FieldSchema? schema)
        {
            schema = null;
            SigmaRule? rule = source.Sigma;
            if (rule is null || rule.Conditions.Count == 0 || rule.Conditions.Any(c => c.Parsed is null)) return null;
            var problems = new List<string>();
            FieldSchema? fieldSchema = FieldSchema.For(source.SchemaName, source.IndexPatterns, source.ProjectFields, problems);
            var plan = new PlanBuilder(diagnostics, fieldSchema, "this rule's log source", UnknownFieldPolicy.Warning);
            foreach (string problem in problems) diagnostics.Add(DiagnosticCatalog.InvalidArgument, source.Positions.At(0, 1), "fields file", problem);
            try
            {
                // The project's pySigma pipelines rewrite the rule first; a CloudTrail rule they do not map is bound on
                // both forms (Pipelines/, docs/sigma-fields.md).
                rule = SigmaPipelineApplier.Apply(rule, source.SigmaPipelines, diagnostics, out bool userMapped);
                var binder = new SigmaBinder(rule, diagnostics, plan);
                Pred condition = binder.Conditions();
                if (!userMapped && SigmaEcsForm.AppliesTo(rule))
                {
                    // Binding twice must not report the rule's problems twice: the ECS pass keeps only its own.
                    var ecsDiagnostics = new DiagnosticBag();
                    SigmaRule ecs = SigmaEcsForm.Rewrite(rule, ecsDiagnostics);
                    Pred ecsCondition = new SigmaBinder(ecs, ecsDiagnostics, plan, ecsNames: true).Conditions();
                    var seen = new HashSet<DiagnosticInfo>(diagnostics.ToEquatableArray());
                    foreach (DiagnosticInfo d in ecsDiagnostics.ToEquatableArray()) if (seen.Add(d)) diagnostics.Add(d);
                    condition = SigmaDocumentForms.Guard(condition, ecsCondition);
                }
                QueryPlan result = binder.Bind(source, condition);
                schema = fieldSchema;
                return result;
            }
            catch (LimitExceededException e)
            {
                diagnostics.Add(e, rule.Conditions[0].Source.Location);
                return null;
            }
        }

        /// <summary>A list of conditions is OR-ed (spec "Condition").</summary>
        private Pred Conditions() => Folding.Or(_rule.Conditions.Select(c => Condition(c.Parsed!, c.Source.Location)).ToList());

        private QueryPlan Bind(QuerySource source, Pred condition)
        {
            string text = string.Join(" or ", _rule.Conditions.Select(c => c.Text));
            var conjuncts = new List<(Pred, LocationInfo)> { (new SourcedPred(condition, text), _rule.Conditions[0].Source.Location) };
            return _plan.Build("sigma", text, source.IndexPatterns, EquatableArray<string>.Empty, conjuncts, Keep());
        }

        /// <summary>
        /// The alert's matched fields: Sigma's <c>fields</c> when the rule lists them (spec "Fields": shown to the
        /// analyst), else every field the detection reads, in first-read order (called after the condition is bound).
        /// </summary>
        private EquatableArray<string> Keep()
        {
            // A listed field the schema lacks would be a null column in every alert: RG0071 at its entry.
            foreach (SigmaValue field in _rule.FieldValues) _plan.CheckNamedField(field.Text, field.Location);
            return (_rule.Fields.Count > 0 ? _rule.Fields.Distinct(StringComparer.Ordinal) : _plan.Fields).ToEquatableArray();
        }

        private Pred Condition(SigmaCondition condition, LocationInfo at)
        {
            using DepthGuard.Level level = _nesting.Enter(condition.Start, condition.Length);
            switch (condition)
            {
                case SigmaIdentifierCondition identifier:
                    return _searches.TryGetValue(identifier.Name, out SigmaSearch? search) ? Search(search) : Error;
                case SigmaQuantifiedCondition quantified:
                {
                    var operands = SigmaConditionNames.Matching(quantified.Pattern, _rule.Searches.Select(s => s.Name))
                        .Select(n => Search(_searches[n])).ToList();
                    if (operands.Count == 0) return Error;
                    return quantified.All ? And(operands) : Or(operands);
                }
                case SigmaNotCondition not:
                    return new NotPred(Condition(not.Operand, at));
                case SigmaBinaryCondition binary:
                {
                    var operands = binary.Operands.Select(o => Condition(o, at)).ToList();
                    return binary.IsAnd ? And(operands) : Or(operands);
                }
                default:
                    _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, at, "This Sigma condition");
                    return Error;
            }
        }

        private Pred Search(SigmaSearch search)
        {
            switch (search.Kind)
            {
                case SigmaSearchKind.Map:
                    return Map(search.Maps[0]);
                case SigmaSearchKind.ListOfMaps:
                    return Or(search.Maps.Select(Map).ToList());
                default:
                    return Keywords(search.Keywords, all: false, Semantics, search.Location);
            }
        }

        /// <summary>
        /// A keyword search (spec "Keywords search"): each value is looked for in every scalar value of the whole
        /// event, as a substring with the spec's wildcards, as pySigma's Elasticsearch backend sends it
        /// (<c>*value*</c> over all fields); OR-ed, or AND-ed under <c>|all</c> (docs/semantics.md, "Sigma").
        /// </summary>
        private Pred Keywords(IReadOnlyList<SigmaValue> values, bool all, LeafSemantics semantics, LocationInfo at)
        {
            SubtreeExpr document = _plan.Subtree(string.Empty, at);
            var leaves = new List<Pred>();
            foreach (SigmaValue value in values)
            {
                if (value.IsNull)
                {
                    _diagnostics.Add(DiagnosticCatalog.InvalidArgument, value.Location, "Sigma keyword", "null is not a keyword (write the field: name: null)");
                    leaves.Add(Error);
                    continue;
                }
                string pattern = "*" + SigmaPattern.ToCanonical(value.Text) + "*";
                leaves.Add(new LikePred(document, new EquatableArray<string>(new[] { pattern }), semantics));
            }
            return all ? And(leaves) : Or(leaves);
        }

        /// <summary>A field-less item (<c>'|all': [...]</c>): keywords, AND-ed under <c>all</c>; <c>cased</c> keeps case.</summary>
        private Pred KeywordItem(SigmaFieldItem item)
        {
            // The reader lets only all, cased and the string transformations through; the latter wait with the fields'.
            SigmaModifierUse? unsupported = item.Modifiers.FirstOrDefault(m => m.Modifier is not (SigmaModifier.All or SigmaModifier.Cased));
            if (unsupported is not null)
            {
                _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, unsupported.Location, $"The Sigma modifier '{unsupported.Name}' on keywords");
                return Error;
            }
            bool cased = item.Modifiers.Any(m => m.Modifier == SigmaModifier.Cased);
            return Keywords(item.Values, item.Modifiers.Any(m => m.Modifier == SigmaModifier.All), cased ? Semantics.WithCase(CaseMode.Sensitive) : Semantics, item.Location);
        }

        private Pred Map(IReadOnlyList<SigmaFieldItem> items) => And(items.Select(Item).ToList());

        private Pred Item(SigmaFieldItem item)
        {
            if (item.Field.Length == 0) return KeywordItem(item);
            SigmaModifierUse? unsupported = item.Modifiers.FirstOrDefault(m => !Supported(m.Modifier));
            if (unsupported is not null)
            {
                _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, unsupported.Location, $"The Sigma modifier '{unsupported.Name}'");
                return Error;
            }
            var modifiers = new HashSet<SigmaModifier>(item.Modifiers.Select(m => m.Modifier));
            if (modifiers.Contains(SigmaModifier.Exists)) return Exists(_plan.Field(item.Field, item.Location, optional: _ecsNames), item);
            // A value test on a whole object (SigmaHQ's requestParameters|contains) holds when any scalar below it
            // passes, as Elasticsearch's query on the root of a flattened field does; null still asks for the object.
            bool wholeObject = IsWholeObject(item.Field) && item.Values.Any(v => !v.IsNull);
            FieldExpr? field = wholeObject && item.Values.All(v => !v.IsNull) ? null : _plan.Field(item.Field, item.Location, optional: _ecsNames);
            ValueExpr tested = wholeObject ? _plan.Subtree(item.Field, item.Location, optional: _ecsNames) : field!;

            LeafSemantics semantics = modifiers.Contains(SigmaModifier.Cased) ? Semantics.WithCase(CaseMode.Sensitive) : Semantics;
            var chain = item.Modifiers.Select(m => m.Modifier).ToList();
            var leaves = item.Values.Select(v => Leaf(field, tested, v, modifiers, chain, semantics)).ToList();
            Pred test = modifiers.Contains(SigmaModifier.All) ? And(leaves) : Or(leaves);
            // neq: the field does not equal the value; over a missing field that is TRUE (two-valued, as pySigma's not).
            return modifiers.Contains(SigmaModifier.Neq) ? new NotPred(test) : test;
        }

        /// <summary>Whether the schema says the name is an object (CloudTrail's requestParameters: flattened), not a key below it.</summary>
        private bool IsWholeObject(string name)
        {
            // The ECS form's names are not in the raw schema: an object there is where the map puts a raw object.
            if (_ecsNames && SigmaEcsForm.IsMappedObject(name)) return true;
            FieldInfo? info = _plan.Info(name);
            return info is not null && info.Name == name && info.Type is "flattened" or "object" or "nested" or "group";
        }

        private static bool Supported(SigmaModifier modifier) => modifier is not SigmaModifier.Expand;

        /// <summary><c>field|exists: true</c> holds when the field has a value; <c>false</c> when it has none.</summary>
        private Pred Exists(FieldExpr field, SigmaFieldItem item)
        {
            SigmaValue value = item.Values[0];
            bool? wanted = value.Text.ToLowerInvariant() switch { "true" => true, "false" => false, _ => null };
            if (wanted is null || item.Values.Count != 1)
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidArgument, value.Location, "exists", "the value must be true or false");
                return Error;
            }
            return new IsNullPred(field, Negated: wanted.Value);
        }

        private Pred Leaf(FieldExpr? nullable, ValueExpr field, SigmaValue value, HashSet<SigmaModifier> modifiers, IReadOnlyList<SigmaModifier> chain, LeafSemantics semantics)
        {
            // YAML null: the field is missing or null (spec "Special Field Values"); '' is an empty string, not null.
            if (value.IsNull) return new IsNullPred(nullable!, Negated: false);
            if (SigmaValueLeaves.Handles(modifiers)) return _values.Leaf(field, value, modifiers, semantics);
            CompareOp? compare = CompareOf(modifiers);
            if (compare is not null) return Compare(field, compare.Value, value);
            if (modifiers.Contains(SigmaModifier.Cidr)) return Cidr(field, value);
            if (!SigmaValueEncodings.Transforms(chain)) return Pattern(field, SigmaPattern.ToCanonical(value.Text), modifiers, semantics);
            try
            {
                // windash/encodings: one value, several patterns, OR-ed (with 'all', Item ANDs these ORs).
                return Or(SigmaValueEncodings.Expand(value.Text, chain).Select(p => Pattern(field, p, modifiers, semantics)).ToList());
            }
            catch (SigmaValueEncodings.EncodingException e)
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidArgument, value.Location, "Sigma value modifier", e.Message);
                return Error;
            }
        }

        /// <summary>One canonical pattern under contains/startswith/endswith: a wildcard match, or an equality when it has no wildcard.</summary>
        private static Pred Pattern(ValueExpr field, string pattern, HashSet<SigmaModifier> modifiers, LeafSemantics semantics)
        {
            bool contains = modifiers.Contains(SigmaModifier.Contains);
            bool starts = modifiers.Contains(SigmaModifier.StartsWith);
            bool ends = modifiers.Contains(SigmaModifier.EndsWith);
            if (contains || ends) pattern = "*" + pattern;
            if (contains || starts) pattern += "*";
            if (contains || starts || ends || SigmaValueEncodings.HasWildcards(pattern))
            {
                return new LikePred(field, new EquatableArray<string>(new[] { pattern }), semantics);
            }
            return new ComparePred(CompareOp.Equal, field, new LiteralExpr(LiteralKind.String, Unescape(pattern)), semantics);
        }

        private static CompareOp? CompareOf(HashSet<SigmaModifier> modifiers) =>
            modifiers.Contains(SigmaModifier.Lt) ? CompareOp.Less
            : modifiers.Contains(SigmaModifier.Lte) ? CompareOp.LessOrEqual
            : modifiers.Contains(SigmaModifier.Gt) ? CompareOp.Greater
            : modifiers.Contains(SigmaModifier.Gte) ? CompareOp.GreaterOrEqual
            : null;

        /// <summary>lt/lte/gt/gte compare numbers as numbers (spec "Numeric modifiers"), the one typed leaf of Sigma.</summary>
        private Pred Compare(ValueExpr field, CompareOp op, SigmaValue value)
        {
            if (!double.TryParse(value.Text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double number)
                || double.IsNaN(number) || double.IsInfinity(number))
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidArgument, value.Location, "Sigma numeric modifier", $"'{value.Text}' is not a number");
                return Error;
            }
            return new ComparePred(op, field, new LiteralExpr(LiteralKind.Number, value.Text), Semantics.WithComparison(ComparisonMode.Typed));
        }

        /// <summary>cidr: the value is an IPv4 or IPv6 block (spec "IP modifiers"); a field value that is no address does not match.</summary>
        private Pred Cidr(ValueExpr field, SigmaValue value)
        {
            string block = value.Text.Trim();
            if (!Esql.EsqlBinder.IsCidr(block) || block.IndexOf('/') < 0)
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidArgument, value.Location, "cidr", $"'{value.Text}' is not a CIDR block such as 10.0.0.0/8 or 2001:db8::/32");
                return Error;
            }
            return new CidrPred(field, new EquatableArray<string>(new[] { block }), Semantics);
        }

        /// <summary>A canonical pattern without wildcards as the literal it stands for (each <c>\x</c> is x).</summary>
        private static string Unescape(string canonical)
        {
            var result = new StringBuilder(canonical.Length);
            for (int i = 0; i < canonical.Length; i++)
            {
                if (canonical[i] == '\\' && i + 1 < canonical.Length) i++;
                result.Append(canonical[i]);
            }
            return result.ToString();
        }

        private static Pred And(List<Pred> operands) => Folding.And(operands);

        private static Pred Or(List<Pred> operands) => Folding.Or(operands);
    }
}
