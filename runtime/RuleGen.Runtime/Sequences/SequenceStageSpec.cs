using System;
using System.Collections.Generic;

namespace RuleGen.Runtime.Sequences;

/// <summary>A join key of a stage: the field, and whether it was written <c>?field</c> (a missing value then joins as null).</summary>
public sealed record SequenceJoinKey(string Field, bool Optional);

/// <summary>
/// One written stage of a compiled sequence: its join keys (the <c>sequence by</c> fields, then the stage's own
/// <c>by</c>) and <c>with runs=n</c> (the stage repeated n times). Its condition is the generated rule's
/// <c>StageMask</c> bit for this stage.
/// </summary>
public sealed record SequenceStageSpec(IReadOnlyList<SequenceJoinKey> Keys, int Runs = 1)
{
    public IReadOnlyList<SequenceJoinKey> Keys { get; } = Keys ?? Array.Empty<SequenceJoinKey>();
}
