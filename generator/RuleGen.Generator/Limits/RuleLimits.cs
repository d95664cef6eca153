namespace RuleGen.Generator.Limits
{
    /// <summary>
    /// How big and how deep a rule may be. Roslyn runs generators on threads with about 1 MB of stack, and a stack
    /// overflow cannot be caught in .NET: it ends the whole build. So every recursive pass stops, with a located
    /// error, long before the stack can run out, and every list a rule can make long is bounded so that no rule
    /// takes more than a moment to check. Real rules stay far below these (Elastic's deepest query nests 4 levels).
    /// </summary>
    internal static class RuleLimits
    {
        /// <summary>Nesting of a query's expressions: parentheses, NOT, function calls, and every pass over the result.</summary>
        public const int QueryNesting = 100;

        /// <summary>Nesting of a rule file's YAML; the runtime reads events up to 256 JSON levels deep.</summary>
        public const int YamlNesting = 200;

        /// <summary>
        /// Nesting of a tree built from a query (syntax tree, predicates, generated code). One level of syntax makes at
        /// most a few levels of tree (OR over AND over NOT), so passes over trees never stop before the parser does;
        /// they keep their own guard for front ends that build trees differently.
        /// </summary>
        public const int TreeNesting = 4 * QueryNesting;

        /// <summary>Values, fields and columns in one query (a 10,000-term OR chain compiles; more is an error).</summary>
        public const int QueryTerms = 10_000;

        /// <summary>Characters of one RLIKE pattern: building and checking a .NET regex of 125,000 characters took 2 s.</summary>
        public const int RegexLength = 4096;

        /// <summary>
        /// Pattern references (<c>%{NAME}</c>) nested inside one another while a GROK pattern expands. Elasticsearch's
        /// deepest built-in chain (SYSLOGBASE → SYSLOGHOST → IPORHOST → IP → IPV6) is 5; a cycle is reported as a cycle.
        /// </summary>
        public const int GrokNesting = 32;

        /// <summary>
        /// Characters of a GROK pattern once every <c>%{NAME}</c> is expanded (one <c>%{IP}</c> is about 1,700). The
        /// result is a .NET regex built at run time, so it is bounded like <see cref="RegexLength"/>, more loosely.
        /// </summary>
        public const int GrokExpandedLength = 65_536;

        /// <summary>
        /// Characters of one rule file. The largest rules of Elastic's and SigmaHQ's corpora are tens of kilobytes; a
        /// rule's text is emitted into the detector (its query, description and metadata, some twice), and .NET caps
        /// all the strings of one assembly at 16 M characters together, so a 10 MB rule failed the whole build with
        /// hundreds of CS8103 errors located in other files.
        /// </summary>
        public const int FileCharacters = 1 << 20;

        /// <summary>YAML nodes that aliases (<c>*name</c>) may add to a rule file when expanded (no "billion laughs").</summary>
        public const int AliasExpansion = 10_000;
    }
}
