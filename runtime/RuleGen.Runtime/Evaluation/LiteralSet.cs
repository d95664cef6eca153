using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RuleGen.Runtime;

/// <summary>
/// The string literals of an <c>IN (…)</c> list, as UTF-8, and whether the list holds NULL; folded as
/// <see cref="CaseFold"/> does when the list is case-insensitive.
/// </summary>
public sealed class LiteralSet
{
    private readonly byte[][] _values;
    private readonly HashSet<int> _lengths;

    private readonly bool _ignoreCase;

    public LiteralSet(bool containsNull, params string[] values) : this(containsNull, false, values)
    {
    }

    public LiteralSet(bool containsNull, bool ignoreCase, params string[] values)
    {
        ContainsNull = containsNull;
        _ignoreCase = ignoreCase;
        _values = values.Select(v => Encoding.UTF8.GetBytes(ignoreCase ? CaseFold.Fold(v) : v)).ToArray();
        _lengths = _values.Select(v => v.Length).ToHashSet();
    }

    public bool ContainsNull { get; }

    public bool Contains(ReadOnlySpan<byte> value)
    {
        if (_ignoreCase) value = CaseFold.Fold(value);
        if (!_lengths.Contains(value.Length)) return false;
        foreach (byte[] candidate in _values)
        {
            if (value.SequenceEqual(candidate)) return true;
        }
        return false;
    }
}
