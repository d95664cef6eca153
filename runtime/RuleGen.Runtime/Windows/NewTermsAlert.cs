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

    /// <summary>The alert's own part as one JSON object (id, times, new terms, the document's identity), for tests and logs.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("kibana.alert.uuid", Id);
            w.WriteString("@timestamp", Timestamp);
            w.WriteString("kibana.alert.original_time", OriginalTime);
            WriteFields(w);
            w.WriteString("document", First.Identity);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
