using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace RuleGen.Generator.Model
{
    /// <summary>
    /// An immutable array that compares by its elements. Pipeline models must compare by value, or the
    /// incremental generator cannot tell that a step's output did not change; ImmutableArray compares by reference.
    /// </summary>
    internal readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
        where T : IEquatable<T>
    {
        public static readonly EquatableArray<T> Empty = new(Array.Empty<T>());

        private readonly T[]? _items;

        public EquatableArray(T[] items) => _items = items;

        public EquatableArray(IEnumerable<T> items) => _items = items.ToArray();

        public int Count => _items?.Length ?? 0;

        public T this[int index] => _items![index];

        public bool IsEmpty => Count == 0;

        public ReadOnlySpan<T> AsSpan() => _items is null ? ReadOnlySpan<T>.Empty : _items.AsSpan();

        public bool Equals(EquatableArray<T> other) => AsSpan().SequenceEqual(other.AsSpan());

        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                int hash = 17;
                foreach (T item in AsSpan())
                {
                    hash = (hash * 31) + (item?.GetHashCode() ?? 0);
                }
                return hash;
            }
        }

        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

        public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);
    }

    internal static class EquatableArray
    {
        public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
            where T : IEquatable<T> => new(items);
    }
}
