using System;
using System.Collections.Generic;
using System.Linq;

namespace RuleGen.Runtime.Sequences;

/// <summary>
/// The join key of one event in one stage: the values of <c>sequence by</c> and the stage's own <c>by</c> fields, in
/// order, each as its JSON text (so 1 and "1" differ, as a long and a keyword differ in Elasticsearch). An empty key
/// joins every event (no <c>by</c>). A stage whose key field is null or missing gives no key at all: the event does
/// not take part in that stage (eql-syntax.md: without <c>?</c>, a null key never joins).
/// </summary>
public sealed class SequenceKey : IEquatable<SequenceKey>
{
    private readonly string[] _parts;
    private readonly int _hash;

    public static SequenceKey None { get; } = new(Array.Empty<string>());

    public SequenceKey(IReadOnlyList<string> parts)
    {
        _parts = parts.ToArray();
        var hash = new HashCode();
        foreach (string part in _parts) hash.Add(part, StringComparer.Ordinal);
        _hash = hash.ToHashCode();
    }

    public IReadOnlyList<string> Parts => _parts;

    public bool Equals(SequenceKey? other) =>
        other is not null && _hash == other._hash && _parts.AsSpan().SequenceEqual(other._parts);

    public override bool Equals(object? obj) => Equals(obj as SequenceKey);

    public override int GetHashCode() => _hash;

    public override string ToString() => "[" + string.Join(", ", _parts) + "]";
}
