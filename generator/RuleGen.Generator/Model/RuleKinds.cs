namespace RuleGen.Generator.Model
{
    /// <summary>The query language of a rule: Elastic's <c>language</c> key.</summary>
    internal enum QueryLanguage
    {
        Esql,
        Kuery,
        Eql,
        Lucene,
    }

    /// <summary>Elastic's rule types that RuleGen reads (<c>type</c>); machine_learning, threat_match and saved_query are not.</summary>
    internal enum ElasticRuleType
    {
        /// <summary>Custom query: one alert per matching event (KQL or Lucene).</summary>
        Query,
        Eql,
        Esql,
        /// <summary>An alert when a group of matching events reaches a count (and distinct-value cardinality).</summary>
        Threshold,
        /// <summary>An alert when a value (or combination) has not been seen in a history window.</summary>
        NewTerms,
    }
}
