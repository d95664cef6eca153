using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// The one ordered stage after a stateful rule's filter. Scan workers <see cref="Add"/> hits in any order. Offline
/// (no lateness), the stage holds them and, at <see cref="Finish"/>, feeds the executor in time order, so the input
/// need not be in time order (CloudTrail files are not). Streaming (a lateness), it keeps a watermark (max T seen minus
/// the lateness): hits at or before it go to the executor in order and the executor finalises every tick the watermark
/// has passed; a hit older than the watermark is late: counted, and seen only by the windows still open. Alerts whose
/// id was already written are dropped (Elastic's create-only ids).
/// </summary>
public sealed class WindowStage
{
    private readonly object _gate = new();
    private readonly PriorityQueue<StageHit, StageHit> _pending = new(StageHit.ByTime);
    private readonly IWindowExecutor _executor;
    private readonly HashSet<string> _written = new(System.StringComparer.Ordinal);
    private readonly long? _latenessMs;
    private long _maxTime = long.MinValue;
    private long _watermark = long.MinValue;

    public WindowStage(StatefulSpec spec, TickSchedule schedule, long? latenessMs = null)
    {
        Spec = spec;
        _executor = spec.CreateExecutor(schedule);
        _latenessMs = latenessMs;
    }

    public StatefulSpec Spec { get; }

    public WindowCounters Counters => _executor.Counters;

    public long Hits { get; private set; }

    public long Late { get; private set; }

    /// <summary>Alerts an earlier execution had already written under the same id (overlapping look-backs).</summary>
    public long DuplicateIds { get; private set; }

    public long Alerts { get; private set; }

    /// <summary>Thread-safe. Streaming, the alerts the hit made final are added to <paramref name="ready"/>.</summary>
    public void Add(StageHit hit, List<WindowAlert>? ready = null)
    {
        lock (_gate)
        {
            Hits++;
            if (_latenessMs is not long lateness)
            {
                _pending.Enqueue(hit, hit);
                return;
            }
            if (hit.TimeMs < _watermark)
            {
                Late++;
                _executor.Add(hit);
                return;
            }
            _pending.Enqueue(hit, hit);
            if (hit.TimeMs > _maxTime) _maxTime = hit.TimeMs;
            long watermark = _maxTime - lateness;
            if (watermark <= _watermark) return;
            _watermark = watermark;
            while (_pending.Count > 0 && _pending.Peek().TimeMs <= watermark) _executor.Add(_pending.Dequeue());
            var alerts = new List<WindowAlert>();
            // Ticks ending before the watermark only: a hit tied with the watermark is not late and may still come
            // (equal times are common at second resolution), and a window ending at the watermark holds it (closed).
            _executor.Advance(watermark - 1, alerts);
            Keep(alerts, ready);
        }
    }

    /// <summary>The input ended: every held hit in time order, then the executor runs to its horizon.</summary>
    public List<WindowAlert> Finish()
    {
        lock (_gate)
        {
            while (_pending.Count > 0) _executor.Add(_pending.Dequeue());
            var alerts = new List<WindowAlert>();
            _executor.Finish(alerts);
            var kept = new List<WindowAlert>(alerts.Count);
            Keep(alerts, kept);
            return kept;
        }
    }

    private void Keep(List<WindowAlert> alerts, List<WindowAlert>? into)
    {
        foreach (WindowAlert alert in alerts)
        {
            if (!_written.Add(alert.Id))
            {
                DuplicateIds++;
                continue;
            }
            Alerts++;
            into?.Add(alert);
        }
    }
}
