using System.Collections.Generic;
using System.Linq;

namespace RuleGen.Runtime.Sequences;

/// <summary>
/// A sequence query over a whole input as Elasticsearch's EQL search API runs one: one window holding every event,
/// sorted by <see cref="SequenceOrdinal"/>, through one fresh <see cref="SequenceMatcher{T}"/>.
/// </summary>
public static class WholeInputSequenceSearch
{
    public static (IReadOnlyList<IReadOnlyList<T>> Sequences, SequenceStats Stats) Run<T>(SequencePlan plan, IEnumerable<SequenceEvent<T>> events)
    {
        var matcher = new SequenceMatcher<T>(plan);
        foreach (SequenceEvent<T> e in events.OrderBy(e => e.Ordinal))
        {
            matcher.Add(e);
            if (matcher.IsDone) break;
        }
        return (matcher.Found, matcher.Stats);
    }
}
