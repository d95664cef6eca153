using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Parsing.Esql;

namespace RuleGen.Generator.Lowering
{
    /// <summary>
    /// Finds top-level conjunctions that can never be TRUE: one field equal to two different literals
    /// (<c>a == "x" AND a == "y"</c>), or a field that must be NULL and also hold a value
    /// (<c>x IS NULL AND x == "y"</c>). Reported as warnings at the second conjunct.
    /// </summary>
    internal static class NeverTrue
    {
        public static void Check(IReadOnlyList<(Pred Pred, EsqlNode Node)> conjuncts, DiagnosticBag diagnostics, Func<EsqlNode, LocationInfo> at)
        {
            var equal = new Dictionary<string, (string Literal, EsqlNode Node)>(StringComparer.Ordinal);
            var isNull = new Dictionary<string, EsqlNode>(StringComparer.Ordinal);
            var needsValue = new Dictionary<string, EsqlNode>(StringComparer.Ordinal);
            foreach (var (pred, node) in conjuncts)
            {
                switch (pred.Unwrap())
                {
                    case ComparePred { Op: CompareOp.Equal, Left: FieldExpr f, Right: LiteralExpr { Kind: LiteralKind.String or LiteralKind.Number } l }:
                        if (equal.TryGetValue(f.Name, out var earlier) && earlier.Literal != l.Text)
                        {
                            diagnostics.Add(DiagnosticCatalog.NeverTrue, at(node), $"{f.Name} cannot equal both \"{earlier.Literal}\" and \"{l.Text}\"");
                        }
                        else
                        {
                            equal[f.Name] = (l.Text, node);
                        }
                        Needs(f.Name, node);
                        break;
                    case IsNullPred { Negated: false, Value: FieldExpr f }:
                        if (needsValue.ContainsKey(f.Name)) diagnostics.Add(DiagnosticCatalog.NeverTrue, at(node), $"{f.Name} cannot be NULL and hold a value");
                        isNull[f.Name] = node;
                        break;
                    case Pred other when FieldTraits.FieldOf(other) is string name && other is not IsNullPred && other is not NotPred:
                        Needs(name, node);
                        break;
                }
            }

            void Needs(string field, EsqlNode node)
            {
                if (isNull.ContainsKey(field)) diagnostics.Add(DiagnosticCatalog.NeverTrue, at(node), $"{field} cannot be NULL and hold a value");
                needsValue[field] = node;
            }
        }

    }
}
