using System.Collections.Generic;
using System.Text.Json;
using RuleGen.Runtime.Windows;

namespace RuleGen.Runtime.Sequences;

/// <summary>
/// An EQL sequence rule's alerts through the one suppression layer, as Kibana's
/// <c>bulkCreateSuppressedSequencesInMemory</c> and <c>buildShellAlertSuppressionTermsAndFields</c> do: the shell alert
/// is the candidate and its building blocks are its sub-alerts (written only when the shell is written as new, and
/// counted against max_signals with it). Its terms are read from the shell itself, i.e. the values every event of the
/// sequence shares (an array as its common elements, sorted as getSuppressionTerms sorts); a field the events do not
/// share is null. Its suppression start and end are the shell's primary time: the shell's <c>@timestamp</c>, which is
/// the execution time (the events' own times are not on the shell). With doNotSuppress, a shell missing a group_by field
/// is written with its building blocks as ordinary alerts, within max_signals.
/// </summary>
internal sealed class SequenceSuppression
{
    private readonly SequenceSpec _spec;
    private readonly SuppressionSettings _settings;
    private readonly SuppressionPersistence _persistence;

    public SequenceSuppression(SequenceSpec spec, SuppressionSettings settings, long intervalMs)
    {
        _spec = spec;
        _settings = settings;
        _persistence = new SuppressionPersistence(settings, intervalMs);
    }

    public long State => _persistence.State;

    /// <summary>One execution's sequences (already cut to the last max_signals), in the search's order.</summary>
    public void Run(long tickMs, long windowStartMs, IReadOnlyList<IReadOnlyList<StageHit>> sequences, List<WindowAlert> output)
    {
        var suppressible = new List<SuppressedAlert>(sequences.Count);
        int plain = 0;
        foreach (IReadOnlyList<StageHit> events in sequences)
        {
            SequenceShellAlert shell = SequenceAlerts.Build(_spec.RuleId, tickMs, events, out SequenceBuildingBlockAlert[] blocks);
            SuppressionTerm[] terms = Terms(shell, out bool missing);
            if (missing && !_settings.SuppressMissing)
            {
                // executeBulkCreateAlerts: the unsuppressible shells and blocks first, within max_signals.
                if (plain < _spec.MaxSignals && _persistence.Emit(shell, tickMs)) plain++;
                foreach (SequenceBuildingBlockAlert block in blocks)
                    if (plain < _spec.MaxSignals && _persistence.Emit(block, tickMs)) plain++;
                continue;
            }
            suppressible.Add(new SuppressedAlert(shell, SuppressionIds.Instance(terms, _spec.RuleId), terms, tickMs, tickMs, 0, blocks));
        }
        if (suppressible.Count > 0) _persistence.Run(tickMs, windowStartMs, suppressible, _spec.MaxSignals - plain);
        _persistence.AfterTick(tickMs, windowStartMs, output);
    }

    public void Finish(List<WindowAlert> output) => _persistence.Finish(output);

    /// <summary>getSuppressionTerms over the shell: each group_by field's shared value, an array sorted, null when not shared.</summary>
    private SuppressionTerm[] Terms(SequenceShellAlert shell, out bool missing)
    {
        IReadOnlyList<KeptColumn> shared = shell.SharedColumns();
        var terms = new SuppressionTerm[_settings.GroupBy.Count];
        missing = false;
        for (int f = 0; f < terms.Length; f++)
        {
            string field = _settings.GroupBy[f];
            IReadOnlyList<string> values = System.Array.Empty<string>();
            foreach (KeptColumn column in shared)
            {
                if (column.Name != field) continue;
                using JsonDocument document = JsonDocument.Parse(column.RawJson);
                values = AlertValues.Terms(document.RootElement.Clone());
                break;
            }
            terms[f] = SuppressionTerm.WholeArray(field, values);
            missing |= terms[f].Missing;
        }
        return terms;
    }
}
