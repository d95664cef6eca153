using RuleGen.Generator.Model;

namespace RuleGen.Generator.Ir
{
    // One predicate IR for every query language. Each front end binds its syntax into a tree of these records; they
    // compare by value, so an edit that does not change the meaning of a rule leaves its model, and its generated code,
    // cached. Logic is three-valued (TRUE, FALSE, NULL) and a rule fires only on TRUE; every leaf says in its
    // LeafSemantics how it treats case, multivalued fields, missing fields and types, so no later pass asks which
    // language it came from. A leaf whose semantics cannot be NULL makes its subtree plain two-valued logic.

    internal enum TriValue { False, True, Null }

    internal enum CompareOp { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

    /// <summary>Where a substring must occur in the value.</summary>
    internal enum SubstringPlace { Start, End, Anywhere }

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

    /// <summary>A test of values, with its semantics; everything that is not AND/OR/NOT/constant/source.</summary>
    internal abstract record LeafPred(LeafSemantics Semantics) : Pred;

    internal sealed record AndPred(EquatableArray<Pred> Operands) : Pred;

    internal sealed record OrPred(EquatableArray<Pred> Operands) : Pred;

    internal sealed record NotPred(Pred Operand) : Pred;

    internal sealed record ConstPred(TriValue Value) : Pred;

    internal sealed record ComparePred(CompareOp Op, ValueExpr Left, ValueExpr Right, LeafSemantics Semantics) : LeafPred(Semantics);

    /// <summary><c>v IN (a, b)</c>: <c>v == a OR v == b</c>, NULLs included (a NULL in the list only matters when NULL can be).</summary>
    internal sealed record InPred(ValueExpr Value, EquatableArray<ValueExpr> List, LeafSemantics Semantics) : LeafPred(Semantics);

    /// <summary>Whether the field has no value (missing, JSON null, empty array); never NULL itself, in every language.</summary>
    internal sealed record IsNullPred(ValueExpr Value, bool Negated) : Pred;

    /// <summary>
    /// Whole-value wildcard match against any of the patterns. Patterns are in one canonical syntax whatever the
    /// language wrote: <c>*</c> any run, <c>?</c> one character, <c>\</c> escapes the next character.
    /// </summary>
    internal sealed record LikePred(ValueExpr Value, EquatableArray<string> Patterns, LeafSemantics Semantics) : LeafPred(Semantics);

    /// <summary>
    /// Regular expression match; <c>DotNetPatterns</c> are the source patterns (<c>Dialect</c>: Lucene's, whole value
    /// as the translation anchors it; Sigma's PCRE, a search) translated at build time. <c>Backtracking</c>: the
    /// pattern has a construct the automaton engine cannot run, so it runs backtracking with a match timeout.
    /// </summary>
    internal sealed record RegexPred(ValueExpr Value, EquatableArray<string> Patterns, EquatableArray<string> DotNetPatterns, LeafSemantics Semantics,
        string Dialect = "Lucene", bool Backtracking = false) : LeafPred(Semantics);

    /// <summary>The value starts with, ends with or contains <c>Part</c>.</summary>
    internal sealed record SubstringPred(ValueExpr Value, ValueExpr Part, SubstringPlace Place, LeafSemantics Semantics) : LeafPred(Semantics);

    internal sealed record CidrPred(ValueExpr Value, EquatableArray<string> Blocks, LeafSemantics Semantics) : LeafPred(Semantics);

    /// <summary>ES|QL MV_CONTAINS: every value of Subset is a value of Superset.</summary>
    internal sealed record MvContainsPred(ValueExpr Superset, ValueExpr Subset) : Pred;

    /// <summary>A value used as a condition (a boolean field).</summary>
    internal sealed record ValuePred(ValueExpr Value, LeafSemantics Semantics) : LeafPred(Semantics);

    /// <summary>Which names the event carries (runtime DocumentForm): raw CloudTrail (or no known form), or ECS.</summary>
    internal enum DocumentForm { Raw, Ecs }

    /// <summary>
    /// TRUE when the event is of <c>Form</c>, else FALSE (never NULL): what the scanner already knows (a raw record
    /// is normalised, an ECS document has aws.cloudtrail.* fields). A Sigma CloudTrail rule is bound twice and each
    /// binding guarded by one form (SigmaDocumentForms), so raw records are tested on raw names and ECS documents
    /// on the names Elastic's integration gives them.
    /// </summary>
    internal sealed record DocumentFormPred(DocumentForm Form) : Pred;

    /// <summary>
    /// Whether the event is in an index the query reads (ES|QL's FROM patterns): its data stream
    /// <c>{type}-{dataset}-{namespace}</c> (from the data_stream.* fields, which the scan supplies for the streams it
    /// knows) matches an include pattern and no exclude pattern. TRUE when the event does not say its data stream,
    /// as RuleGen cannot know where it was indexed; never NULL.
    /// </summary>
    internal sealed record SourceIndexPred(EquatableArray<string> Patterns, ValueExpr Type, ValueExpr Dataset, ValueExpr Namespace) : Pred;

    /// <summary>A predicate with the query text it came from, shown as a comment above the generated code.</summary>
    internal sealed record SourcedPred(Pred Inner, string Source) : Pred;

    internal abstract record ValueExpr;

    /// <summary>A field read from the event; <c>Slot</c> is its index in the rule's field list.</summary>
    internal sealed record FieldExpr(string Name, int Slot) : ValueExpr;

    /// <summary>
    /// Every scalar value anywhere below the object at <c>Name</c> (all depths, arrays and arrays of objects included;
    /// property names are not values), as one multivalue; an empty <c>Name</c> is the whole document. A leaf over it
    /// holds when any of those values passes, as Elasticsearch's query on the root of a flattened field does (Sigma's
    /// value tests on whole objects, keyword searches). <c>Slot</c> is its index in the rule's field list, where it
    /// stands as <see cref="SubtreeSlotName"/> so the runtime knows to gather the values.
    /// </summary>
    internal sealed record SubtreeExpr(string Name, int Slot) : ValueExpr
    {
        /// <summary>The field-list entry of a subtree: <c>name.**</c>, or <c>**</c> for the whole document.</summary>
        public static string SubtreeSlotName(string name) => name.Length == 0 ? "**" : name + ".**";
    }

    internal sealed record LiteralExpr(LiteralKind Kind, string Text) : ValueExpr;

    internal sealed record CaseExpr(bool Upper, ValueExpr Operand) : ValueExpr;

    /// <summary>
    /// A value computed per event by a runtime function (<c>RuleGen.Runtime.Functions.{Function}</c>): EQL's
    /// length/substring/concat/arithmetic and their like. NULL in, NULL out, unless the function says otherwise.
    /// </summary>
    internal sealed record CallExpr(string Function, EquatableArray<ValueExpr> Arguments) : ValueExpr;
}
