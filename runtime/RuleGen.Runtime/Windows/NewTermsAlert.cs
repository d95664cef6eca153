using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// A new_terms alert as Kibana builds it (wrap_new_terms_alerts.ts): a copy of the first document carrying the new term
/// (<see cref="WindowAlert.Source"/>) plus <c>kibana.alert.new_terms</c>, the new values in field order; <c>@timestamp</c>
/// is the execution time t_k and <c>original_time</c> the document's <c>@timestamp</c>.
/// </summary>
public sealed class NewTermsAlert : WindowAlert
{
    public NewTermsAlert(string id, long tickMs, StageHit first, IReadOnlyList<string> terms)
        : base(id, tickMs, first.Timestamp, first.Match)
    {
        First = first;
        Terms = terms;
    }

    /// <summary>The earliest hit carrying the term in the run's window (by T, then file, then line).</summary>
    public StageHit First { get; }

    public IReadOnlyList<string> Terms { get; }

    public override void WriteFields(Utf8JsonWriter w)
    {
        w.WriteStartArray("kibana.alert.new_terms");
        foreach (string term in Terms) w.WriteStringValue(term);
        w.WriteEndArray();
    }

    /// <summary>In <see cref="WindowAlert.ToJson"/>, the copied document's identity too.</summary>
    protected override void WriteSummaryExtras(Utf8JsonWriter w) => w.WriteString("document", First.Identity);
}
