using System.Collections.Generic;

namespace RuleGen.Runtime.Sequences;

/// <summary>
/// One event as the sequence matcher sees it: its place in the order, and for each stage the join key it has there
/// (null when the stage's condition does not hold or a key field is missing), and the same for <c>until</c>.
/// <typeparamref name="T"/> is what a found sequence hands back per event (an id, a document).
/// </summary>
public sealed record SequenceEvent<T>(SequenceOrdinal Ordinal, IReadOnlyList<SequenceKey?> StageKeys, SequenceKey? UntilKey, T Payload);
