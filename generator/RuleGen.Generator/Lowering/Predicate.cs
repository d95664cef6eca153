using RuleGen.Generator.Model;
using RuleGen.Generator.Parsing.Esql;

namespace RuleGen.Generator.Lowering
{
    // One predicate IR for every query language. A rule's condition lowers to a tree of these records; they compare by
    // value, so an edit that does not change the meaning of a rule leaves its model, and its generated code, cached.
    // Every predicate is three-valued (TRUE, FALSE, NULL), as in ES|QL; a rule fires only on TRUE.

    internal enum TriValue { False, True, Null }

    internal enum CompareOp { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

    internal abstract record Pred
    {
        /// <summary>The predicate without its <see cref="SourcedPred"/> wrappers (a loop: no pass recurses for them).</summary>
        public Pred Unwrap()
        {
            Pred pred = this;
            while (pred is SourcedPred sourced) pred = sourced.Inner;
            return pred;
        }
    }

    internal sealed record AndPred(EquatableArray<Pred> Operands) : Pred;

    internal sealed record OrPred(EquatableArray<Pred> Operands) : Pred;

    internal sealed record NotPred(Pred Operand) : Pred;

    internal sealed record ConstPred(TriValue Value) : Pred;

    internal sealed record ComparePred(CompareOp Op, ValueExpr Left, ValueExpr Right) : Pred;

    /// <summary><c>v IN (a, b)</c>: ES|QL defines it as <c>v == a OR v == b</c>, NULLs included.</summary>
    internal sealed record InPred(ValueExpr Value, EquatableArray<ValueExpr> List) : Pred;

    internal sealed record IsNullPred(ValueExpr Value, bool Negated) : Pred;

    /// <summary>Whole-value wildcard match against any of the patterns (ES|QL <c>LIKE</c>).</summary>
    internal sealed record LikePred(ValueExpr Value, EquatableArray<string> Patterns) : Pred;

    /// <summary>Whole-value regular expression match; <c>DotNetPatterns</c> are the Lucene patterns translated at build time.</summary>
    internal sealed record RegexPred(ValueExpr Value, EquatableArray<string> Patterns, EquatableArray<string> DotNetPatterns) : Pred;

    internal sealed record AffixPred(ValueExpr Value, ValueExpr Affix, bool IsSuffix) : Pred;

    internal sealed record CidrPred(ValueExpr Value, EquatableArray<string> Blocks) : Pred;

    internal sealed record MvContainsPred(ValueExpr Superset, ValueExpr Subset) : Pred;

    /// <summary>A value used as a condition (a boolean field).</summary>
    internal sealed record ValuePred(ValueExpr Value) : Pred;

    /// <summary>A predicate with the query text it came from, shown as a comment above the generated code.</summary>
    internal sealed record SourcedPred(Pred Inner, string Source) : Pred;

    internal abstract record ValueExpr;

    /// <summary>A field read from the event; <c>Slot</c> is its index in the rule's field list.</summary>
    internal sealed record FieldExpr(string Name, int Slot) : ValueExpr;

    internal sealed record LiteralExpr(LiteralKind Kind, string Text) : ValueExpr;

    internal sealed record CaseExpr(bool Upper, ValueExpr Operand) : ValueExpr;
}
