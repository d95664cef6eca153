using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RuleGen.Runtime;

/// <summary>
/// Finds every occurrence of a set of literals in an event's bytes and marks the rules that required them. Bytes
/// widen one-to-one to chars (Latin-1), literals likewise (their UTF-8 bytes), so a byte match is a char match; one
/// <see cref="SearchValues{T}"/> search jumps from hit to hit, and at each hit the literals starting with that
/// character are checked. A long event is searched in windows that overlap by the longest literal less one, so the
/// widened copy stays small (a 100 MB line must not cost 200 MB of chars).
/// </summary>
internal sealed class LiteralSearch
{
    private readonly SearchValues<string>? _any;
    private readonly StringComparison _comparison;
    private readonly Dictionary<char, (string Literal, int[] Rules)[]> _byFirst;
    private readonly HashSet<string> _marks;
    private readonly char[] _widened;
    private readonly int _overlap;

    public LiteralSearch(IEnumerable<(string Literal, int Rule)> literals, string[] marks, StringComparison comparison)
    {
        _comparison = comparison;
        var grouped = literals.GroupBy(l => l.Literal).Select(g => (Literal: g.Key, Rules: g.Select(x => x.Rule).Distinct().ToArray())).ToList();
        _marks = new HashSet<string>(marks, StringComparer.Ordinal);
        var entries = grouped.Concat(marks.Where(m => grouped.All(g => g.Literal != m)).Select(m => (Literal: m, Rules: Array.Empty<int>()))).ToList();
        _byFirst = entries.GroupBy(e => Key(e.Literal[0])).ToDictionary(g => g.Key, g => g.ToArray());
        string[] all = entries.Select(e => e.Literal).Distinct().ToArray();
        _overlap = all.Length == 0 ? 0 : all.Max(l => l.Length) - 1;
        _widened = new char[Math.Max(1 << 16, _overlap * 4)];
        if (all.Length > 0) _any = SearchValues.Create(all, comparison);
    }

    /// <summary>Marks the rules whose literals occur; returns whether a mark occurs (then the caller stops).</summary>
    public bool MarkRules(ReadOnlySpan<byte> document, Span<bool> rules)
    {
        if (_any is null) return false;
        int step = _widened.Length - _overlap;
        for (int from = 0; from < document.Length; from += step)
        {
            ReadOnlySpan<byte> window = document[from..Math.Min(document.Length, from + _widened.Length)];
            int count = Encoding.Latin1.GetChars(window, _widened);
            ReadOnlySpan<char> text = _widened.AsSpan(0, count);
            int at = 0;
            while (at < text.Length)
            {
                int hit = text[at..].IndexOfAny(_any);
                if (hit < 0) break;
                at += hit;
                if (_byFirst.TryGetValue(Key(text[at]), out var candidates))
                {
                    foreach (var (literal, owners) in candidates)
                    {
                        if (!text[at..].StartsWith(literal, _comparison)) continue;
                        if (_marks.Contains(literal)) return true;
                        foreach (int r in owners) rules[r] = true;
                    }
                }
                at++;
            }
            if (from + window.Length >= document.Length) break;
        }
        return false;
    }

    private char Key(char c) => _comparison == StringComparison.OrdinalIgnoreCase ? char.ToUpperInvariant(c) : c;
}
