using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Limits;
using RuleGen.Generator.Model;

using RuleGen.Generator.Ir;

namespace RuleGen.Generator.Planning
{
    /// <summary>
    /// Finds literals an event must contain, as raw bytes, for a rule's condition to be TRUE: the runtime's
    /// prefilter skips events that contain none of them without parsing them. Sound by construction:
    /// <list type="bullet">
    /// <item>only comparisons whose TRUE needs the field to hold the literal verbatim (==, IN, LIKE's fixed parts,
    /// STARTS_WITH/ENDS_WITH, MV_CONTAINS, a regex's required run) count; NOT, IS NULL, TO_LOWER never do;</item>
    /// <item>fields a scan may fill without the bytes being in the event are excluded: stream constants
    /// (event.dataset, data_stream.*) and what the CloudTrail normaliser derives (event.outcome, the Java map strings, …);</item>
    /// <item>literals with characters JSON may write escaped other than as \uXXXX (" \ / and controls) are excluded;
    /// the runtime evaluates every event that contains a \u escape.</item>
    /// <item>a case-insensitive leaf gives a case-insensitive literal, only when it is ASCII: the runtime folds ASCII
    /// case in the bytes and parses every event with a non-ASCII byte for such rules, since a non-ASCII character
    /// might fold to an ASCII one (invariant casing maps none today, but Lucene's folding of the same leaf in Elasticsearch
    /// maps U+212A Kelvin to k, and a rule should not lose an event to that difference).</item>
    /// </list>
    /// Result: null when no literal is required; an empty list when the condition can never be TRUE.
    /// </summary>
    internal static class RequiredLiterals
    {
        private const int MinimumLength = 3;

        /// <summary>
        /// Shorter literals ("Add", "true", "ASIA") occur in most CloudTrail events; a conjunct with only such literals is
        /// chosen only when no other conjunct has a literal, like one on a field whose values most events share.
        /// </summary>
        private const int StrongLength = 6;

        /// <summary>Above this many literals, dropping those that hold a shorter one (quadratic) is not worth it.</summary>
        private const int MaximumToReduce = 1000;

        public static EquatableArray<RequiredLiteral>? Of(Pred condition)
        {
            List<RequiredLiteral>? literals = Required(condition, DepthGuard.ForQueryTree())?.Literals;
            if (literals is null) return null;
            // "ConverseStream" holds "Converse": an event with the longer one has the shorter one too (and a
            // case-insensitive "converse" covers both).
            var distinct = literals.Distinct().ToList();
            IEnumerable<RequiredLiteral> reduced = distinct.Count > MaximumToReduce ? distinct : distinct.Where(l => !distinct.Any(other => other != l && other.Covers(l)));
            return reduced.OrderBy(l => l.Text, System.StringComparer.Ordinal).ThenBy(l => l.IgnoreCase).ToEquatableArray();
        }

        /// <summary>Literals, and whether they come from fields whose values are common (a weaker filter).</summary>
        private sealed class Choice
        {
            public Choice(List<RequiredLiteral> literals, bool common)
            {
                Literals = literals;
                Common = common;
            }

            public List<RequiredLiteral> Literals { get; }

            public bool Common { get; }
        }

        private static Choice? Required(Pred pred, DepthGuard guard)
        {
            using DepthGuard.Level level = guard.Enter();
            List<RequiredLiteral>? literals = RequiredList(pred, guard, out bool common);
            return literals is null ? null : new Choice(literals, common);
        }

        private static List<RequiredLiteral>? RequiredList(Pred pred, DepthGuard guard, out bool common)
        {
            common = false;
            if (pred is SourcedPred sourced) return RequiredList(sourced.Inner, guard, out common);
            if (pred is AndPred and)
            {
                // Any one conjunct's literals will do; take the most selective: an impossible one, then one on a field
                // with rare values (event.action over event.provider) whose literals are not short, then the fewest
                // and longest literals.
                Choice? best = and.Operands.Select(p => Required(p, guard)).Where(r => r is not null)
                    .OrderBy(r => r!.Literals.Count == 0 ? 0 : 1)
                    .ThenBy(r => r!.Common || r.Literals.Count > 0 && r.Literals.Min(l => l.Text.Length) < StrongLength)
                    .ThenBy(r => r!.Literals.Count)
                    .ThenByDescending(r => r!.Literals.Count == 0 ? 0 : r.Literals.Min(l => l.Text.Length))
                    .FirstOrDefault();
                common = best?.Common ?? false;
                return best?.Literals;
            }
            if (pred is OrPred or)
            {
                var all = new List<RequiredLiteral>();
                foreach (Pred operand in or.Operands)
                {
                    Choice? required = Required(operand, guard);
                    if (required is null) return null;
                    common |= required.Common;
                    all.AddRange(required.Literals);
                }
                return all;
            }
            // A regex's run is a weaker filter than a literal value (often a generic piece: "arn:aws:s3:::"), taken
            // only when no other conjunct gives literals.
            common = pred is RegexPred || FieldTraits.FieldOf(pred) is string name && FieldTraits.HasCommonValues(name);
            return Leaf(pred);
        }

        private static List<RequiredLiteral>? Leaf(Pred pred)
        {
            switch (pred)
            {
                case ConstPred c:
                    return c.Value == TriValue.True ? null : new List<RequiredLiteral>();
                case ComparePred { Op: CompareOp.Equal, Right: LiteralExpr literal } compare when Tested(compare.Left) is ValueExpr field:
                    return Single(field, literal, compare.Semantics);
                case InPred @in when Tested(@in.Value) is ValueExpr field:
                {
                    var all = new List<RequiredLiteral>();
                    foreach (ValueExpr item in @in.List)
                    {
                        if (item is LiteralExpr { Kind: LiteralKind.Null }) continue;
                        if (item is not LiteralExpr literal || Single(field, literal, @in.Semantics) is not List<RequiredLiteral> one) return null;
                        all.AddRange(one);
                    }
                    return all;
                }
                case SubstringPred { Part: LiteralExpr literal } substring when Tested(substring.Value) is ValueExpr field:
                    return Single(field, literal, substring.Semantics);
                case MvContainsPred { Superset: FieldExpr field, Subset: LiteralExpr literal }:
                    return Single(field, literal, LeafSemantics.Esql);
                case LikePred like when Tested(like.Value) is ValueExpr field && Eligible(field):
                {
                    var all = new List<RequiredLiteral>();
                    foreach (string pattern in like.Patterns)
                    {
                        string? longest = LongestFixedPart(pattern);
                        if (longest is null || !EligibleLiteral(longest, like.Semantics.IgnoresCase)) return null;
                        all.Add(new RequiredLiteral(longest, like.Semantics.IgnoresCase));
                    }
                    return all;
                }
                case RegexPred regex when Tested(regex.Value) is ValueExpr field && Eligible(field):
                {
                    // Every match holds the pattern's longest required run (RegexLiterals); ASCII only, so folding
                    // it is the runtime's ASCII folding whichever case mode the pattern has.
                    var all = new List<RequiredLiteral>();
                    foreach (string pattern in regex.DotNetPatterns)
                    {
                        string? run = RegexLiterals.LongestRun(pattern, c => c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && c != '/', out bool inlineIgnoreCase);
                        bool ignoreCase = regex.Semantics.IgnoresCase || inlineIgnoreCase;
                        if (run is null || !EligibleLiteral(run, ignoreCase)) return null;
                        all.Add(new RequiredLiteral(run, ignoreCase));
                    }
                    return all;
                }
                default:
                    return null;
            }
        }

        private static List<RequiredLiteral>? Single(ValueExpr field, LiteralExpr literal, LeafSemantics semantics) =>
            Eligible(field) && literal.Kind == LiteralKind.String && EligibleLiteral(literal.Text, semantics.IgnoresCase)
                ? new List<RequiredLiteral> { new RequiredLiteral(literal.Text, semantics.IgnoresCase) }
                : null;

        /// <summary>The field (or subtree) whose values a leaf's value is, or a subset of; null for anything computed.</summary>
        private static ValueExpr? Tested(ValueExpr value) => value is SubtreeExpr subtree ? subtree : FieldTraits.ValuesOf(value);

        /// <summary>
        /// Whether the values tested are in the bytes the prefilter reads: a field the normaliser does not derive, or a
        /// subtree holding no derived field (the whole document of a raw record is the raw record's own values).
        /// </summary>
        private static bool Eligible(ValueExpr value) => value switch
        {
            FieldExpr field => !FieldTraits.IsDerivedOrConstant(field.Name),
            SubtreeExpr subtree => !FieldTraits.HoldsDerivedOrConstant(subtree.Name),
            _ => false,
        };

        private static bool EligibleLiteral(string literal, bool ignoreCase) =>
            literal.Length >= MinimumLength && literal.All(c => c >= 0x20 && c != '"' && c != '\\' && c != '/' && (!ignoreCase || c < 0x80));

        /// <summary>The longest run of a LIKE pattern without wildcards (escapes resolved).</summary>
        private static string? LongestFixedPart(string pattern)
        {
            string best = string.Empty;
            var current = new System.Text.StringBuilder();
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                if (c == '\\' && i + 1 < pattern.Length)
                {
                    current.Append(pattern[++i]);
                    continue;
                }
                if (c is '*' or '?')
                {
                    if (current.Length > best.Length) best = current.ToString();
                    current.Clear();
                    continue;
                }
                current.Append(c);
            }
            if (current.Length > best.Length) best = current.ToString();
            return best.Length == 0 ? null : best;
        }
    }
}
