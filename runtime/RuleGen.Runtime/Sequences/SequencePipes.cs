using System;
using System.Collections.Generic;
using System.Linq;

namespace RuleGen.Runtime.Sequences;

/// <summary>Applies <c>| head n</c> and <c>| tail n</c> pipes, in order, to sequences in the order they were found.</summary>
public static class SequencePipes
{
    public static IReadOnlyList<T> Apply<T>(IReadOnlyList<T> found, IReadOnlyList<SequencePipe> pipes)
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(pipes);
        IReadOnlyList<T> result = found;
        foreach (SequencePipe pipe in pipes)
        {
            if (result.Count <= pipe.Count) continue;
            result = pipe.End == SequenceLimitEnd.Head ? result.Take(pipe.Count).ToList() : result.Skip(result.Count - pipe.Count).ToList();
        }
        return result;
    }
}
