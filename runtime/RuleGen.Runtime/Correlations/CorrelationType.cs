namespace RuleGen.Runtime.Correlations;

/// <summary>The seven correlation types of Sigma's correlation specification v2.1.0 (the JSON schema lists all seven).</summary>
public enum CorrelationType
{
    EventCount,
    ValueCount,
    Temporal,
    TemporalOrdered,
    ValueSum,
    ValueAvg,
    ValuePercentile,
}

/// <summary>The spec's spelling of each type, for alerts and the summary.</summary>
public static class CorrelationTypeNames
{
    public static string Of(CorrelationType type) => type switch
    {
        CorrelationType.EventCount => "event_count",
        CorrelationType.ValueCount => "value_count",
        CorrelationType.Temporal => "temporal",
        CorrelationType.TemporalOrdered => "temporal_ordered",
        CorrelationType.ValueSum => "value_sum",
        CorrelationType.ValueAvg => "value_avg",
        _ => "value_percentile",
    };
}
