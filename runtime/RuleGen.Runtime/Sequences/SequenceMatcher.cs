using System;
using System.Collections.Generic;

namespace RuleGen.Runtime.Sequences;

/// <summary>
/// Elasticsearch's EQL sequence matcher (x-pack/plugin/eql execution/sequence/SequenceMatcher.java; eql-syntax.md "How
/// sequence queries handle matches"), fed one event at a time in <see cref="SequenceOrdinal"/> order:
/// <list type="bullet">
/// <item>one state machine per join key, with at most one pending sequence per stage: Elasticsearch keeps every
/// candidate but always extends the latest earlier one and discards the rest (SequenceGroup.trimBefore), which in
/// event order is "a newer candidate replaces the older";</item>
/// <item>an event is tried against the stages from the last to the first, so it never extends a sequence it has
/// just started or extended;</item>
/// <item>maxspan is inclusive, measured from the first event (exceedsMaxSpan: rejected when the gap is greater); a
/// pending sequence the clock has put out of reach is dead and evicted, which changes no result since its
/// replacement rule would have discarded it first;</item>
/// <item><c>until</c> for a key drops every pending sequence of that key; an event that is the key's until event
/// does not extend or start one (Elasticsearch's Ordinal.between is inclusive, so it would be rejected later).</item>
/// </list>
/// One matcher per window: a fresh one starts empty, as Elasticsearch's does per search.
/// </summary>
public sealed class SequenceMatcher<T>
{
    private readonly SequencePlan _plan;
    private readonly Dictionary<SequenceKey, PendingSequence<T>?[]> _byKey = new();
    private readonly Queue<PendingSequence<T>> _byStart = new();
    private readonly List<IReadOnlyList<T>> _found = new();
    private SequenceOrdinal? _last;

    public SequenceMatcher(SequencePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();
        _plan = plan;
    }

    public SequenceStats Stats { get; } = new();

    /// <summary>
    /// The sequences found so far, in the order they completed (their last event's order), after the head/tail pipes.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<T>> Found => SequencePipes.Apply(_found, _plan.PipeList);

    /// <summary>The first pipe bounds what is kept while matching: a head stops the search, a tail keeps the last n.</summary>
    private SequencePipe? First => _plan.PipeList.Count > 0 ? _plan.PipeList[0] : null;

    /// <summary>True once a first <c>| head n</c> has its n sequences: later events cannot change the result.</summary>
    public bool IsDone => First is { End: SequenceLimitEnd.Head } head && _found.Count >= head.Count;

    public void Add(SequenceEvent<T> e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.StageKeys.Count != _plan.StageCount) throw new ArgumentException($"the event has keys for {e.StageKeys.Count} stages, the plan {_plan.StageCount}", nameof(e));
        if (_last is { } last && e.Ordinal.CompareTo(last) < 0) throw new ArgumentException("events must come in ordinal order", nameof(e));
        _last = e.Ordinal;
        if (IsDone) return;
        Stats.EventsSeen++;
        long now = e.Ordinal.TimestampMs;
        EvictDead(now);
        if (e.UntilKey is { } until) Expire(until);

        for (int stage = _plan.StageCount - 1; stage >= 0 && !IsDone; stage--)
        {
            if (e.StageKeys[stage] is not { } key || key.Equals(e.UntilKey)) continue;
            if (stage == 0) Start(key, now, e.Payload);
            else Extend(stage, key, now, e.Payload);
        }
        Stats.LiveKeys = _byKey.Count;
        Stats.PeakLiveKeys = Math.Max(Stats.PeakLiveKeys, _byKey.Count);
    }

    private void Start(SequenceKey key, long now, T payload)
    {
        var sequence = new PendingSequence<T>(key, now, payload);
        Stats.SequencesStarted++;
        if (_plan.StageCount == 1)
        {
            Complete(sequence);
            return;
        }
        if (!_byKey.TryGetValue(key, out var slots)) _byKey[key] = slots = new PendingSequence<T>?[_plan.StageCount - 1];
        if (slots[0] is not null) Stats.Replaced++;
        slots[0] = sequence;
        if (_plan.MaxSpanMs is not null) _byStart.Enqueue(sequence);
    }

    private void Extend(int stage, SequenceKey key, long now, T payload)
    {
        if (!_byKey.TryGetValue(key, out var slots) || slots[stage - 1] is not { } sequence) return;
        slots[stage - 1] = null;
        if (now - sequence.StartMs > _plan.MaxSpanMs)
        {
            Stats.RejectedByMaxSpan++;
        }
        else
        {
            sequence.Add(payload);
            if (stage == _plan.StageCount - 1)
            {
                Complete(sequence);
            }
            else
            {
                if (slots[stage] is not null) Stats.Replaced++;
                slots[stage] = sequence;
            }
        }
        DropIfEmpty(key, slots);
    }

    private void Complete(PendingSequence<T> sequence)
    {
        Stats.SequencesCompleted++;
        _found.Add(sequence.Events);
        // | tail n keeps the last n: drop the oldest as soon as there are more (bounded, like the pending state).
        if (First is { End: SequenceLimitEnd.Tail } tail && _found.Count > tail.Count) _found.RemoveAt(0);
    }

    private void Expire(SequenceKey key)
    {
        if (!_byKey.Remove(key, out var slots)) return;
        foreach (var pending in slots) if (pending is not null) Stats.RejectedByUntil++;
    }

    /// <summary>
    /// Drops the pending sequences whose first event is more than maxspan before now: no later event can extend
    /// them. Sequences start in time order, so the oldest starts are at the queue's front.
    /// </summary>
    private void EvictDead(long now)
    {
        if (_plan.MaxSpanMs is not { } span) return;
        while (_byStart.Count > 0 && now - _byStart.Peek().StartMs > span)
        {
            PendingSequence<T> dead = _byStart.Dequeue();
            // Completed, rejected or replaced since it was queued: nothing to evict.
            if (!_byKey.TryGetValue(dead.Key, out var slots) || dead.Stage >= slots.Length || !ReferenceEquals(slots[dead.Stage], dead)) continue;
            slots[dead.Stage] = null;
            Stats.Evicted++;
            DropIfEmpty(dead.Key, slots);
        }
    }

    private void DropIfEmpty(SequenceKey key, PendingSequence<T>?[] slots)
    {
        foreach (var pending in slots) if (pending is not null) return;
        _byKey.Remove(key);
    }
}
