using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// What makes a rule stateful: its matches are not alerts but stage hits, which one ordered window stage per rule
/// turns into alerts (docs/tick-engine.md). Every kind (threshold, new_terms, EQL sequence, Sigma correlation, a rule
/// with alert_suppression) is one subclass: how a match becomes a hit, and the executor that consumes the hits in
/// time order. The scan loop, the reordering, the watermark and the create-only id store are shared (<see cref="WindowStage"/>).
/// </summary>
public abstract class StatefulSpec
{
    protected StatefulSpec(string ruleId, int maxSignals)
    {
        RuleId = ruleId;
        MaxSignals = maxSignals;
    }

    public string RuleId { get; }

    /// <summary>Kibana's <c>max_signals</c>: the most alerts one execution writes.</summary>
    public int MaxSignals { get; }

    /// <summary>The kind's name in the summary: threshold, new_terms, sequence, correlation, suppression.</summary>
    public abstract string Kind { get; }

    /// <summary>
    /// The hit for one match, or null when the event has no usable time (Elasticsearch's range filter would not
    /// match it). By default: T from the rule's timestamp_override (else @timestamp), identity, and no values.
    /// </summary>
    public virtual StageHit? Hit(RuleMatch match, WindowOptions options) => StageHit.From(match, options);

    /// <summary>A fresh executor for one rule over one scan, on the rule's schedule (a kind with no ticks ignores it).</summary>
    public abstract IWindowExecutor CreateExecutor(TickSchedule schedule);
}
