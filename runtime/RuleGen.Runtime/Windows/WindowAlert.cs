using System.IO;
using System.Text;
using System.Text.Json;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// An alert a window stage writes: its Elastic id (create-only: an id already written is not written again), the
/// execution time t_k as <c>@timestamp</c>, <c>kibana.alert.original_time</c>, the kind's own fields, and, when the
/// alert is a copy of one event (new_terms, a sequence's building blocks, a suppressed query alert), that event's match.
/// </summary>
public abstract class WindowAlert
{
    protected WindowAlert(string id, long tickMs, string? originalTime, RuleMatch? source)
    {
        Id = id;
        TickMs = tickMs;
        OriginalTime = originalTime;
        Source = source;
    }

    public string Id { get; }

    public long TickMs { get; }

    public string Timestamp => EventTime.Iso(TickMs);

    public string? OriginalTime { get; }

    /// <summary>The event the alert copies (its kept columns and input position are written), or null for a synthetic alert.</summary>
    public RuleMatch? Source { get; }

    /// <summary>The kind's fields (threshold_result, new_terms, group…), after the id and times.</summary>
    public abstract void WriteFields(Utf8JsonWriter w);

    /// <summary>The alert's own part as one JSON object (id, times and its own fields; the rule's columns are the alert
    /// writer's job), for tests, signatures and logs.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("kibana.alert.uuid", Id);
            w.WriteString("@timestamp", Timestamp);
            if (OriginalTime is null) w.WriteNull("kibana.alert.original_time");
            else w.WriteString("kibana.alert.original_time", OriginalTime);
            WriteFields(w);
            WriteSummaryExtras(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>What <see cref="ToJson"/> adds after the fields (nothing, unless the kind says more).</summary>
    protected virtual void WriteSummaryExtras(Utf8JsonWriter w)
    {
    }
}
