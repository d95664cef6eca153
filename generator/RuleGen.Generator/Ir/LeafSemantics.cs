namespace RuleGen.Generator.Ir
{
    /// <summary>How a leaf compares text: byte for byte, or ignoring case (Unicode simple case mapping).</summary>
    internal enum CaseMode { Sensitive, Insensitive }

    /// <summary>What a leaf does with a field that holds several values.</summary>
    internal enum MultivalueMode
    {
        /// <summary>ES|QL: a single-value operator over a multivalued field is NULL (with a warning in Elasticsearch).</summary>
        NullIfMultivalued,

        /// <summary>The query DSL (KQL, EQL, Sigma over Elasticsearch): the leaf holds when any one value satisfies it.</summary>
        AnyValue,
    }

    /// <summary>What a leaf gives when a field it reads is missing (or JSON null, or an empty array).</summary>
    internal enum MissingMode
    {
        /// <summary>ES|QL: NULL, which NOT keeps NULL, so <c>NOT a == "x"</c> skips events without a.</summary>
        Null,

        /// <summary>The query DSL: FALSE, so <c>not a:x</c> (a must_not) matches events without a.</summary>
        False,
    }

    /// <summary>How a value meets a literal of another JSON type.</summary>
    internal enum ComparisonMode
    {
        /// <summary>Numbers compare as numbers, keywords as their bytes, booleans as booleans (the schema's types).</summary>
        Typed,

        /// <summary>Every scalar compares as its JSON text: <c>false</c> equals "false", 1 equals "1" but not "1.0" (Sigma).</summary>
        AsString,
    }

    /// <summary>
    /// What a leaf of the predicate IR means, said explicitly so that no pass after binding needs to know which
    /// language a rule was written in. Each front end picks the semantics of its language; planning, prefiltering
    /// and emitting read only these flags (docs/semantics.md has the table per language).
    /// </summary>
    internal sealed record LeafSemantics(CaseMode Case, MultivalueMode Multivalue, MissingMode Missing, ComparisonMode Comparison)
    {
        /// <summary>ES|QL: case-sensitive, NULL on a multivalued or missing field, typed.</summary>
        public static readonly LeafSemantics Esql = new(CaseMode.Sensitive, MultivalueMode.NullIfMultivalued, MissingMode.Null, ComparisonMode.Typed);

        /// <summary>Elasticsearch's query DSL, as KQL and EQL translate to it: any value matches, a missing field is FALSE.</summary>
        public static readonly LeafSemantics QueryDsl = new(CaseMode.Sensitive, MultivalueMode.AnyValue, MissingMode.False, ComparisonMode.Typed);

        public bool IgnoresCase => Case == CaseMode.Insensitive;

        /// <summary>Whether the leaf can be NULL at all; a leaf that cannot behaves as two-valued logic.</summary>
        public bool CanBeNull => Missing == MissingMode.Null || Multivalue == MultivalueMode.NullIfMultivalued;

        public LeafSemantics WithCase(CaseMode mode) => mode == Case ? this : this with { Case = mode };

        public LeafSemantics WithComparison(ComparisonMode mode) => mode == Comparison ? this : this with { Comparison = mode };
    }
}
