namespace RuleGen.Generator.Model
{
    /// <summary>
    /// The keys of a rule that say which events it reads and how it turns them into alerts, beyond its query: the
    /// index patterns, Kibana filters, exception lists, EQL's overrides, and the type-specific keys of new_terms and
    /// threshold rules and alert suppression. Values as written, with Kibana's defaults where it has one.
    /// </summary>
    internal sealed record RuleSearchModel(
        EquatableArray<string> Index,
        EquatableArray<KibanaFilterModel> Filters,
        EquatableArray<ExceptionListModel> ExceptionsList,
        string? EventCategoryOverride,
        string? TiebreakerField,
        string? TimestampField,
        NewTermsModel? NewTerms,
        ThresholdModel? Threshold,
        AlertSuppressionModel? AlertSuppression)
    {
        public static readonly RuleSearchModel None = new(
            EquatableArray<string>.Empty, EquatableArray<KibanaFilterModel>.Empty, EquatableArray<ExceptionListModel>.Empty,
            null, null, null, null, null, null);
    }

    /// <summary>A new_terms rule's key: alert on the first event whose values of 1-3 fields were not seen since the history start.</summary>
    internal sealed record NewTermsModel(EquatableArray<string> Fields, string HistoryWindowStart);

    /// <summary>A threshold rule's key: group by 0-3 fields, alert on groups of at least <c>Value</c> events.</summary>
    internal sealed record ThresholdModel(EquatableArray<string> Fields, int Value, EquatableArray<ThresholdCardinalityModel> Cardinality);

    /// <summary>A threshold group must also hold at least <c>Value</c> distinct values of <c>Field</c>.</summary>
    internal sealed record ThresholdCardinalityModel(string Field, int Value);

    /// <summary>
    /// Alert suppression: one alert per group of <c>GroupBy</c> values per <c>Duration</c> (per rule run when absent).
    /// Threshold rules group by their own fields, so they have no GroupBy and must have a Duration.
    /// </summary>
    internal sealed record AlertSuppressionModel(EquatableArray<string> GroupBy, SuppressionDurationModel? Duration, string MissingFieldsStrategy);

    /// <summary>A suppression window: <c>Value</c> units of s, m or h.</summary>
    internal sealed record SuppressionDurationModel(int Value, string Unit)
    {
        public long Seconds => Unit switch { "h" => Value * 3600L, "m" => Value * 60L, _ => Value };
    }

    /// <summary>An exception list a rule refers to (Kibana's exceptions_list entries).</summary>
    internal sealed record ExceptionListModel(string Id, string ListId, string NamespaceType, string Type);

    /// <summary>The forms of Kibana filter query RuleGen reads (Elasticsearch query DSL as Kibana's filter bar writes it).</summary>
    internal enum KibanaFilterKind
    {
        /// <summary><c>{match_phrase: {field: value}}</c>: Kibana's "is" filter.</summary>
        MatchPhrase,
        /// <summary><c>{match: {field: {query: value, type: phrase}}}</c>: older Kibana's "is" filter.</summary>
        Match,
        /// <summary><c>{term: {field: value}}</c>: exact value.</summary>
        Term,
        /// <summary><c>{bool: {should: [{match_phrase: …}, …], minimum_should_match: 1}}</c>: Kibana's "is one of" filter.</summary>
        AnyOfPhrases,
        /// <summary><c>{range: {field: {gte: …, lt: …}}}</c>: Kibana's "is between" filter.</summary>
        Range,
        /// <summary><c>{exists: {field: name}}</c>: Kibana's "exists" filter.</summary>
        Exists,
    }

    /// <summary>A scalar of a filter as YAML resolves it: a string, a number or a boolean (core schema, plain only).</summary>
    internal enum FilterValueType
    {
        String,
        Number,
        Boolean,
    }

    internal sealed record FilterValue(string Text, FilterValueType Type);

    /// <summary>Bounds of a range filter; at least one is set. <c>Format</c> is a date format, when the field is a date.</summary>
    internal sealed record FilterRangeModel(FilterValue? Gt, FilterValue? Gte, FilterValue? Lt, FilterValue? Lte, string? Format);

    /// <summary>
    /// One Kibana filter: its condition on one field (<c>Values</c>: one value, or the phrases of AnyOfPhrases, none
    /// for Exists and Range), whether it is negated (<c>meta.negate</c>) and whether it is switched off (<c>meta.disabled</c>).
    /// </summary>
    internal sealed record KibanaFilterModel(KibanaFilterKind Kind, string Field, EquatableArray<FilterValue> Values, FilterRangeModel? Range, bool Negate, bool Disabled);
}
