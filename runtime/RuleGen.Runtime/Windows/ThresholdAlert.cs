using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace RuleGen.Runtime.Windows;

/// <summary>One group term of a threshold alert: the field and the bucket's value.</summary>
public readonly record struct ThresholdTerm(string Field, string Value);

/// <summary>
/// A threshold alert as Kibana builds it (bulk_create_threshold_signals.ts): synthetic, carrying the group fields and
/// <c>kibana.alert.threshold_result</c>; <c>@timestamp</c> is the execution time t_k and <c>original_time</c> the
/// bucket's latest event time.
/// </summary>
public sealed class ThresholdAlert : WindowAlert
{
    public ThresholdAlert(string id, long tickMs, long originalTimeMs, IReadOnlyList<ThresholdTerm> terms, long count, long fromMs, long? cardinality, string? cardinalityField)
        : base(id, tickMs, EventTime.Iso(originalTimeMs), source: null)
    {
        OriginalTimeMs = originalTimeMs;
        Terms = terms;
        Count = count;
        FromMs = fromMs;
        Cardinality = cardinality;
        CardinalityField = cardinalityField;
    }

    public long OriginalTimeMs { get; }

    public IReadOnlyList<ThresholdTerm> Terms { get; }

    public long Count { get; }

    public long FromMs { get; }

    public long? Cardinality { get; }

    public string? CardinalityField { get; }

    /// <summary>The group fields under their own names, then kibana.alert.threshold_result.</summary>
    public override void WriteFields(Utf8JsonWriter w)
    {
        foreach (ThresholdTerm term in Terms) w.WriteString(term.Field, term.Value);
        w.WriteStartObject("kibana.alert.threshold_result");
        w.WriteStartArray("terms");
        foreach (ThresholdTerm term in Terms)
        {
            w.WriteStartObject();
            w.WriteString("field", term.Field);
            w.WriteString("value", term.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("count", Count);
        w.WriteString("from", EventTime.Iso(FromMs));
        if (Cardinality is long distinct && CardinalityField is not null)
        {
            w.WriteStartArray("cardinality");
            w.WriteStartObject();
            w.WriteString("field", CardinalityField);
            w.WriteNumber("value", distinct);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
