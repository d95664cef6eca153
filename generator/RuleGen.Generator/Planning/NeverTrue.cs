using System;
using System.Collections.Generic;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Ir;

namespace RuleGen.Generator.Planning
{
    /// <summary>
    /// Finds top-level conjunctions that can never be TRUE, reported as warnings at the second conjunct:
    /// <list type="bullet">
    /// <item>one field equal to two different literals (<c>a == "x" AND a == "y"</c>) — only where a leaf sees one value
    /// (NULL-if-multivalued, as ES|QL): under any-value matching a field holding ["x", "y"] satisfies both, and under
    /// case-insensitive matching "x" and "X" are one literal;</item>
    /// <item>a field that must be missing and also hold a value (<c>x IS NULL AND x == "y"</c>), in every semantics.</item>
    /// </list>
    /// </summary>
    internal static class NeverTrue
    {
        public static void Check(IReadOnlyList<(Pred Pred, LocationInfo Location)> conjuncts, DiagnosticBag diagnostics)
        {
            var equal = new Dictionary<string, string>(StringComparer.Ordinal);
            var isNull = new HashSet<string>(StringComparer.Ordinal);
            var needsValue = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (pred, location) in conjuncts)
            {
                switch (pred.Unwrap())
                {
                    case ComparePred { Op: CompareOp.Equal, Left: FieldExpr f, Right: LiteralExpr { Kind: LiteralKind.String or LiteralKind.Number } l } compare:
                        if (compare.Semantics.Multivalue == MultivalueMode.NullIfMultivalued)
                        {
                            StringComparison comparison = compare.Semantics.IgnoresCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                            if (equal.TryGetValue(f.Name, out string? earlier) && !string.Equals(earlier, l.Text, comparison))
                            {
                                diagnostics.Add(DiagnosticCatalog.NeverTrue, location, $"{f.Name} cannot equal both \"{earlier}\" and \"{l.Text}\"");
                            }
                            else
                            {
                                equal[f.Name] = l.Text;
                            }
                        }
                        Needs(f.Name, location);
                        break;
                    case IsNullPred { Negated: false, Value: FieldExpr f }:
                        if (needsValue.Contains(f.Name)) diagnostics.Add(DiagnosticCatalog.NeverTrue, location, $"{f.Name} cannot be NULL and hold a value");
                        isNull.Add(f.Name);
                        break;
                    case Pred other when FieldTraits.FieldOf(other) is string name && other is not IsNullPred && other is not NotPred:
                        Needs(name, location);
                        break;
                }
            }

            void Needs(string field, LocationInfo location)
            {
                if (isNull.Contains(field)) diagnostics.Add(DiagnosticCatalog.NeverTrue, location, $"{field} cannot be NULL and hold a value");
                needsValue.Add(field);
            }
        }
    }
}
