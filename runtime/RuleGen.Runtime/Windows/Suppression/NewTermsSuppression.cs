using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// A new_terms rule's alerts through the one suppression layer, per execution as Kibana runs it
/// (bulk_create_suppressed_new_terms_alerts_in_memory.ts, wrap_suppressed_new_terms_alerts.ts): each new-term alert
/// keeps its own id and copy; its terms are the document's group_by values, an array as a whole (sorted,
/// getSuppressionTerms), start = end = the document's time, docs_count 0. With doNotSuppress, an alert whose document
/// lacks a group_by field is an ordinary alert, written first. The rest go through <see cref="SuppressionPersistence"/>
/// within what max_signals leaves. Kibana considers up to 5 × max_signals new terms when suppression is on
/// (MAX_SIGNALS_SUPPRESSION_MULTIPLIER): the executor hands that many.
/// </summary>
internal sealed class NewTermsSuppression
{
    /// <summary>Kibana's MAX_SIGNALS_SUPPRESSION_MULTIPLIER (detection_engine/rule_types/constants.ts).</summary>
    public const int Multiplier = 5;

    private readonly NewTermsSpec _spec;
    private readonly SuppressionSettings _settings;
    private readonly SuppressionPersistence _persistence;

    public NewTermsSuppression(NewTermsSpec spec, SuppressionSettings settings, long intervalMs)
    {
        _spec = spec;
        _settings = settings;
        _persistence = new SuppressionPersistence(settings, intervalMs);
    }

    public long State => _persistence.State;

    /// <summary>One execution's new-term alerts, in the executor's order; true where Kibana would report truncation.</summary>
    public bool Run(long tickMs, long windowStartMs, IReadOnlyList<NewTermsAlert> wrapped, List<WindowAlert> output)
    {
        var suppressible = new List<SuppressedAlert>(wrapped.Count);
        int plain = 0;
        foreach (NewTermsAlert alert in wrapped)
        {
            var terms = new SuppressionTerm[_settings.GroupBy.Count];
            bool missing = false;
            for (int f = 0; f < terms.Length; f++)
            {
                IReadOnlyList<string> values = alert.First.Match is RuleMatch match ? StageHit.Terms(match, _settings.GroupBy[f]) : System.Array.Empty<string>();
                terms[f] = SuppressionTerm.WholeArray(_settings.GroupBy[f], values);
                missing |= terms[f].Missing;
            }
            if (missing && !_settings.SuppressMissing)
            {
                if (plain < _spec.MaxSignals && _persistence.Emit(alert, alert.First.TimeMs)) plain++;
                continue;
            }
            long t = alert.First.TimeMs;
            suppressible.Add(new SuppressedAlert(alert, SuppressionIds.Instance(terms, _spec.RuleId), terms, t, t, 0));
        }
        long updatesBefore = _persistence.Updates;
        List<SuppressedAlert> created = suppressible.Count > 0
            ? _persistence.Run(tickMs, windowStartMs, suppressible, _spec.MaxSignals - plain)
            : new List<SuppressedAlert>();
        _persistence.AfterTick(tickMs, windowStartMs, output);
        long suppressed = _persistence.Updates - updatesBefore;
        // executeBulkCreateAlerts' alertsWereTruncated: created + suppressed reach 5 × max_signals, or created reach max_signals.
        int createdCount = plain + created.Count;
        return createdCount + suppressed >= (long)Multiplier * _spec.MaxSignals || createdCount >= _spec.MaxSignals;
    }

    public void Finish(List<WindowAlert> output) => _persistence.Finish(output);
}
