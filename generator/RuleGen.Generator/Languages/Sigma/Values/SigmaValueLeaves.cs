using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Ir;
using RuleGen.Generator.Limits;
using RuleGen.Generator.Model;
using RuleGen.Generator.Planning;

namespace RuleGen.Generator.Languages.Sigma.Values
{
    /// <summary>
    /// The leaves of Sigma's typed value modifiers, for <see cref="SigmaBinder"/>: <c>re</c> (with <c>i</c>, <c>m</c>,
    /// <c>s</c>), <c>fieldref</c> and the time modifiers. Each is built from one value of an item; a bad value is a
    /// located diagnostic at the value and a FALSE leaf, so binding goes on (docs/semantics.md, "Sigma").
    /// </summary>
    internal sealed class SigmaValueLeaves
    {
        private static Pred Error => new ConstPred(TriValue.False);

        private readonly PlanBuilder _plan;
        private readonly DiagnosticBag _diagnostics;
        // The ECS form's names (a fieldref rewritten onto ECS) are not in the raw schema: never reported unknown.
        private readonly bool _ecsNames;

        public SigmaValueLeaves(PlanBuilder plan, DiagnosticBag diagnostics, bool ecsNames = false)
        {
            _plan = plan;
            _diagnostics = diagnostics;
            _ecsNames = ecsNames;
        }

        /// <summary>Whether one of these modifiers decides how the item's values are read.</summary>
        public static bool Handles(ICollection<SigmaModifier> modifiers) =>
            modifiers.Contains(SigmaModifier.Re) || modifiers.Contains(SigmaModifier.FieldRef) || modifiers.Any(SigmaModifiers.IsTime);

        public Pred Leaf(ValueExpr field, SigmaValue value, ICollection<SigmaModifier> modifiers, LeafSemantics semantics)
        {
            if (modifiers.Contains(SigmaModifier.Re)) return Regex(field, value, modifiers, semantics);
            if (modifiers.Contains(SigmaModifier.FieldRef)) return FieldRef(field, value, modifiers, semantics);
            return DatePart(field, value, modifiers, semantics);
        }

        /// <summary>
        /// <c>re</c>: a search with the PCRE pattern translated to .NET (<see cref="SigmaRegex"/>); case-sensitive
        /// unless <c>i</c> (spec "General": regular expressions are case-sensitive by default).
        /// </summary>
        private Pred Regex(ValueExpr field, SigmaValue value, ICollection<SigmaModifier> modifiers, LeafSemantics semantics)
        {
            if (value.Text.Length > RuleLimits.RegexLength)
            {
                _diagnostics.Add(LimitExceededException.Size("A regex pattern has too many characters", RuleLimits.RegexLength, 0, value.Text.Length), value.Location);
                return Error;
            }
            try
            {
                SigmaRegex.Translation translation = SigmaRegex.Translate(value.Text,
                    modifiers.Contains(SigmaModifier.ReIgnoreCase), modifiers.Contains(SigmaModifier.ReMultiLine), modifiers.Contains(SigmaModifier.ReDotAll));
                return new RegexPred(field, new EquatableArray<string>(new[] { value.Text }), new EquatableArray<string>(new[] { translation.Pattern }),
                    semantics.WithCase(CaseMode.Sensitive), "Sigma PCRE", translation.Backtracking);
            }
            catch (LuceneRegex.TranslationException e)
            {
                if (e.NotSupported) _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, value.Location, "In a Sigma 're' value, " + e.Message);
                else _diagnostics.Add(DiagnosticCatalog.InvalidPattern, value.Location, "Sigma 're'", e.Message);
                return Error;
            }
        }

        /// <summary>
        /// <c>fieldref</c>: the field compared with another field of the same event, as Sigma compares values
        /// (case-insensitive unless <c>cased</c>, as strings, any value of either field); with
        /// <c>contains</c>/<c>startswith</c>/<c>endswith</c> the other field's value is the part (pySigma's
        /// SigmaFieldReference starts_with/ends_with). A missing field on either side: FALSE.
        /// </summary>
        private Pred FieldRef(ValueExpr field, SigmaValue value, ICollection<SigmaModifier> modifiers, LeafSemantics semantics)
        {
            string name = value.Text.Trim();
            if (name.Length == 0 || SigmaPattern.HasWildcards(name))
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidArgument, value.Location, "fieldref", "the value must be a field name, without wildcards (pySigma: field references must not contain wildcards)");
                return Error;
            }
            FieldExpr other = _plan.Field(name, value.Location, optional: _ecsNames);
            bool contains = modifiers.Contains(SigmaModifier.Contains);
            bool starts = modifiers.Contains(SigmaModifier.StartsWith);
            bool ends = modifiers.Contains(SigmaModifier.EndsWith);
            if (contains || starts || ends)
            {
                SubstringPlace place = contains ? SubstringPlace.Anywhere : starts ? SubstringPlace.Start : SubstringPlace.End;
                return new SubstringPred(field, other, place, semantics);
            }
            return new ComparePred(CompareOp.Equal, field, other, semantics);
        }

        /// <summary>
        /// <c>minute</c>…<c>year</c>: the field's date part (runtime <c>Functions.DatePart</c>: ISO-8601 text, UTC,
        /// ISO week) compared with the number, equal unless a numeric modifier follows; a value that is no date is FALSE.
        /// </summary>
        private Pred DatePart(ValueExpr field, SigmaValue value, ICollection<SigmaModifier> modifiers, LeafSemantics semantics)
        {
            SigmaModifier unit = modifiers.First(SigmaModifiers.IsTime);
            string name = SigmaModifierChain.Name(unit);
            (int Low, int High) range = unit switch
            {
                SigmaModifier.Minute => (0, 59),
                SigmaModifier.Hour => (0, 23),
                SigmaModifier.Day => (1, 31),
                SigmaModifier.Week => (1, 53),
                SigmaModifier.Month => (1, 12),
                _ => (1, 9999),
            };
            if (!int.TryParse(value.Text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number < range.Low || number > range.High)
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidArgument, value.Location, name,
                    $"'{value.Text}' is not a whole number from {range.Low} to {range.High}");
                return Error;
            }
            CompareOp op = modifiers.Contains(SigmaModifier.Lt) ? CompareOp.Less
                : modifiers.Contains(SigmaModifier.Lte) ? CompareOp.LessOrEqual
                : modifiers.Contains(SigmaModifier.Gt) ? CompareOp.Greater
                : modifiers.Contains(SigmaModifier.Gte) ? CompareOp.GreaterOrEqual
                : CompareOp.Equal;
            var part = new CallExpr("DatePart", new EquatableArray<ValueExpr>(new ValueExpr[] { field, new LiteralExpr(LiteralKind.String, name) }));
            return new ComparePred(op, part, new LiteralExpr(LiteralKind.Number, number.ToString(CultureInfo.InvariantCulture)),
                semantics.WithComparison(ComparisonMode.Typed));
        }
    }
}
