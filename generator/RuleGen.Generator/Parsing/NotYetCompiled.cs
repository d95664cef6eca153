namespace RuleGen.Generator.Parsing
{
    /// <summary>
    /// What the reader accepts and models but RuleGen cannot run yet, with what comes next, in one place: each
    /// is a located error (RG0023 or RG0014), so a rule that needs it never compiles into something that behaves
    /// differently. Remove an entry when the feature lands.
    /// </summary>
    internal static class NotYetCompiled
    {
        public const string Lucene =
            "The Lucene query language (language: lucene; planned after the KQL and EQL front ends: translate the query to KQL, or write it in ES|QL)";

        public const string ExceptionsList =
            "Exception lists (exceptions_list: the exceptions live in Kibana, not in the rule; planned with the stateful rule types, issue 10; put the exception in the query)";

        /// <summary>The RG0023 text for an EQL sequence, sample or join (the query's keyword, and what it does).</summary>
        public static string EqlMultiEvent(string keyword, string what) =>
            $"An EQL {keyword} ({what}; RuleGen compiles single-event EQL queries, and {keyword}s are planned with the stateful rule types, issue 10)";

        /// <summary>The RG0023 text for an EQL pipe.</summary>
        public static string EqlPipe(string name) =>
            $"The EQL pipe '| {name}' (pipes work on the results of a search, not on one event; planned with the stateful rule types, issue 10)";

        /// <summary>The RG0023 text for a rule type the reader knows but nothing compiles; null for a type that compiles.</summary>
        public static string? RuleType(string type) => type switch
        {
            "machine_learning" => "Rule type 'machine_learning' (it runs an Elastic machine learning job, not a query; not planned)",
            "threat_match" => "Rule type 'threat_match' (it matches events against an indicator index; not planned)",
            "saved_query" => "Rule type 'saved_query' (its query is stored in Kibana; write it in the rule as a 'query' rule)",
            _ => null,
        };
    }
}
