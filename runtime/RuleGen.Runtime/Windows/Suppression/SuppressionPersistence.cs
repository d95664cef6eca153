using System;
using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// Kibana's alerts index as suppression sees it (rule_registry create_persistence_rule_type_wrapper.ts
/// <c>alertWithSuppression</c>), the layer every executor's suppressible alerts pass through, one execution at a time:
/// candidates whose id was already written are dropped; the newest not-closed alert per instance id that started at or
/// after the search start is found; a candidate whose suppression end is not after that alert's end is dropped (already
/// counted by an overlapping execution); the rest collapse per instance id into the earliest (docs_count counts the
/// others, end is the latest); with a duration, a candidate with a found alert updates it (docs_count += n + 1, end,
/// last_detected), per execution it is a new alert; new alerts are capped by what max_signals leaves. Alerts are
/// released in creation order once no later execution can update them. Offline, nothing is ever closed.
/// </summary>
public sealed class SuppressionPersistence
{
    private readonly SuppressionSettings _settings;
    private readonly long _intervalMs;
    private readonly Dictionary<string, SuppressedAlert> _openByInstance = new(StringComparer.Ordinal);
    // Written ids with the latest event time they stand for: once every window has passed it, the id can go.
    private readonly Dictionary<string, long> _written = new(StringComparer.Ordinal);
    private readonly Queue<(WindowAlert Alert, bool Final)> _release = new();

    public SuppressionPersistence(SuppressionSettings settings, long intervalMs)
    {
        _settings = settings;
        _intervalMs = intervalMs;
    }

    /// <summary>Alerts that updated an earlier one instead of being written (Kibana's suppressed count).</summary>
    public long Updates { get; private set; }

    /// <summary>Candidates dropped because an earlier execution had counted their events.</summary>
    public long AlreadyCounted { get; private set; }

    /// <summary>State held: open alerts and remembered ids.</summary>
    public long State => _openByInstance.Count + _written.Count + _release.Count;

    /// <summary>An alert that is not suppressed (create-only, final at once), queued behind the ones still open.</summary>
    public bool Emit(WindowAlert alert, long latestEventMs)
    {
        if (_written.ContainsKey(alert.Id)) return false;
        _written[alert.Id] = latestEventMs;
        _release.Enqueue((alert, true));
        return true;
    }

    /// <summary>
    /// One execution's suppressible candidates (in the executor's order). Returns the ones written as new alerts
    /// (a threshold rule records only those in its signal history).
    /// </summary>
    public List<SuppressedAlert> Run(long tickMs, long windowStartMs, IReadOnlyList<SuppressedAlert> candidates, int maxAlerts)
    {
        long searchStart = _settings.SearchStart(tickMs, windowStartMs);
        var fresh = new List<SuppressedAlert>();
        foreach (SuppressedAlert candidate in candidates)
        {
            if (_written.ContainsKey(candidate.Id)) continue;
            SuppressedAlert? existing = Found(candidate.InstanceId, searchStart);
            if (existing is not null && existing.EndMs >= candidate.EndMs)
            {
                AlreadyCounted++;
                continue;
            }
            fresh.Add(candidate);
        }

        // In memory: the earliest per instance id stands for the others (a stable sort keeps the executor's order on ties).
        var ordered = new List<(SuppressedAlert Alert, int At)>(fresh.Count);
        for (int i = 0; i < fresh.Count; i++) ordered.Add((fresh[i], i));
        ordered.Sort((a, b) => a.Alert.StartMs != b.Alert.StartMs ? a.Alert.StartMs.CompareTo(b.Alert.StartMs) : a.At.CompareTo(b.At));
        var representatives = new List<SuppressedAlert>();
        var byInstance = new Dictionary<string, SuppressedAlert>(StringComparer.Ordinal);
        foreach (var (alert, _) in ordered)
        {
            if (byInstance.TryGetValue(alert.InstanceId, out SuppressedAlert? first))
            {
                first.DocsCount += alert.DocsCount + 1;
                if (alert.EndMs > first.EndMs) first.EndMs = alert.EndMs;
                Updates++;
                continue;
            }
            byInstance[alert.InstanceId] = alert;
            representatives.Add(alert);
        }

        var created = new List<SuppressedAlert>();
        // Kibana flattens each new alert with its sub-alerts (shell, then building blocks) and keeps the first maxAlerts.
        long room = maxAlerts;
        foreach (SuppressedAlert alert in representatives)
        {
            SuppressedAlert? existing = _settings.PerExecution ? null : Found(alert.InstanceId, searchStart);
            if (existing is not null)
            {
                existing.DocsCount += alert.DocsCount + 1;
                if (alert.EndMs > existing.EndMs) existing.EndMs = alert.EndMs;
                existing.LastDetectedMs = tickMs;
                Updates++;
                continue;
            }
            if (room <= 0) continue;
            room--;
            created.Add(alert);
            _openByInstance[alert.InstanceId] = alert;
            _written[alert.Id] = alert.EndMs;
            _release.Enqueue((alert, false));
            // Sub-alerts never change after they are written; they wait in the queue behind their shell.
            foreach (WindowAlert sub in alert.SubAlerts)
            {
                if (room <= 0) break;
                room--;
                _written[sub.Id] = alert.EndMs;
                _release.Enqueue((sub, true));
            }
        }
        return created;
    }

    /// <summary>The newest alert of the instance that started at or after <paramref name="searchStart"/>, if any.</summary>
    private SuppressedAlert? Found(string instanceId, long searchStart) =>
        _openByInstance.TryGetValue(instanceId, out SuppressedAlert? alert) && alert.TickMs >= searchStart ? alert : null;

    /// <summary>
    /// After execution <paramref name="tickMs"/> (window start <paramref name="windowStartMs"/>): release, in creation
    /// order, the alerts no later execution can update, and forget what no later execution can find.
    /// </summary>
    public void AfterTick(long tickMs, long windowStartMs, List<WindowAlert> output)
    {
        long nextTick = tickMs + _intervalMs;
        // The next execution looks for alerts started at or after its search start; older ones are final and forgotten.
        long nextSearchStart = _settings.SearchStart(nextTick, windowStartMs + _intervalMs);
        while (_release.Count > 0)
        {
            (WindowAlert alert, bool final) = _release.Peek();
            if (!final && alert.TickMs >= nextSearchStart && !_settings.PerExecution) break;
            output.Add(_release.Dequeue().Alert);
        }
        var stale = new List<string>();
        foreach (var pair in _openByInstance) if (pair.Value.TickMs < nextSearchStart) stale.Add(pair.Key);
        foreach (string key in stale) _openByInstance.Remove(key);
        stale.Clear();
        long nextWindowStart = windowStartMs + _intervalMs;
        foreach (var pair in _written) if (pair.Value < nextWindowStart) stale.Add(pair.Key);
        foreach (string key in stale) _written.Remove(key);
    }

    /// <summary>The input ended: every alert as it now stands.</summary>
    public void Finish(List<WindowAlert> output)
    {
        while (_release.Count > 0) output.Add(_release.Dequeue().Alert);
    }
}
