using System.Collections.Generic;
using System.Text.Json;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// An alert with suppression fields: the executor's own alert (an event copy or a threshold alert) plus
/// <c>kibana.alert.instance.id</c>, <c>kibana.alert.suppression.{terms, start, end, docs_count}</c> and
/// <c>kibana.alert.last_detected</c>. Kibana updates such an alert in place while its suppression window is open
/// (docs_count, end, last_detected); RuleGen writes it once, when no later execution can update it any more, with the
/// values it then holds: the alert as the alerts index finally holds it (docs/alert-suppression.md).
/// </summary>
public sealed class SuppressedAlert : WindowAlert
{
    public SuppressedAlert(WindowAlert inner, string instanceId, IReadOnlyList<SuppressionTerm> terms, long startMs, long endMs, long docsCount,
        IReadOnlyList<WindowAlert>? subAlerts = null)
        : base(inner.Id, inner.TickMs, inner.OriginalTime, inner.Source)
    {
        SubAlerts = subAlerts ?? System.Array.Empty<WindowAlert>();
        Inner = inner;
        InstanceId = instanceId;
        Terms = terms;
        StartMs = startMs;
        EndMs = endMs;
        DocsCount = docsCount;
        LastDetectedMs = inner.TickMs;
    }

    public WindowAlert Inner { get; }

    /// <summary>
    /// Alerts written with this one only when it is written as new (an EQL sequence's building blocks: Kibana's
    /// <c>subAlerts</c>, dropped when the shell updates an earlier alert instead); they count against max_signals.
    /// </summary>
    public IReadOnlyList<WindowAlert> SubAlerts { get; }

    public string InstanceId { get; }

    public IReadOnlyList<SuppressionTerm> Terms { get; }

    public long StartMs { get; }

    public long EndMs { get; internal set; }

    /// <summary>How many more events the alert stands for (0: only its own).</summary>
    public long DocsCount { get; internal set; }

    /// <summary>The last execution that found an event for it (Kibana's kibana.alert.last_detected).</summary>
    public long LastDetectedMs { get; internal set; }

    public override void WriteFields(Utf8JsonWriter w)
    {
        Inner.WriteFields(w);
        w.WriteString("kibana.alert.instance.id", InstanceId);
        w.WriteStartArray("kibana.alert.suppression.terms");
        foreach (SuppressionTerm term in Terms) term.Write(w);
        w.WriteEndArray();
        w.WriteString("kibana.alert.suppression.start", EventTime.Iso(StartMs));
        w.WriteString("kibana.alert.suppression.end", EventTime.Iso(EndMs));
        w.WriteNumber("kibana.alert.suppression.docs_count", DocsCount);
        w.WriteString("kibana.alert.last_detected", EventTime.Iso(LastDetectedMs));
    }
}
