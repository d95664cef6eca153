using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RuleGen.Runtime;

/// <summary>
/// Decides from an event's raw bytes, before any parsing, which rules could possibly match it: a rule with required
/// literals (see <see cref="CompiledRule.RequiredLiterals"/>) is skipped when none of them occurs in the bytes. The
/// search for all literals of all rules is one vectorised multi-substring scan (<see cref="SearchValues{T}"/>); only
/// an event with a hit pays for per-rule checks. Sound against JSON escapes: an event that contains "\u" is
/// evaluated by every rule, since an escape can hide any literal (the other escapes only write characters that
/// required literals never contain).
/// </summary>
public sealed class Prefilter
{
    private readonly byte[][][] _ruleLiterals; // per rule: its literals as UTF-8; null: always evaluate
    private readonly bool _filters;
    private readonly SearchValues<string>? _any;
    private readonly char[] _widened;
    private readonly int _overlap;

    public Prefilter(RuleSet rules)
    {
        _ruleLiterals = rules.Rules.Select(r => r.RequiredLiterals?.Select(Encoding.UTF8.GetBytes).ToArray()!).ToArray();
        _filters = _ruleLiterals.All(l => l is not null);
        var all = _ruleLiterals.Where(l => l is not null).SelectMany(l => l).Select(Latin1).Distinct().ToArray();
        _overlap = all.Concat(ParseMarks).Max(l => l.Length) - 1;
        _widened = new char[Math.Max(1 << 16, _overlap * 4)];
        // One search finds the rules' literals and the marks that send an event to the full parse whatever it holds.
        if (_filters) _any = SearchValues.Create(all.Concat(ParseMarks).Distinct().ToArray(), StringComparison.Ordinal);
    }

    /// <summary>Whether some rule cannot be skipped by its literals (then every event is read).</summary>
    public bool IsActive => _filters;

    /// <summary>
    /// Marks in <paramref name="candidates"/> the rules that could match <paramref name="document"/>; returns how many.
    /// </summary>
    public int Select(ReadOnlySpan<byte> document, Span<bool> candidates)
    {
        int at = _filters ? FirstHit(document) : 0;
        if (at < 0)
        {
            candidates.Clear();
            return 0;
        }
        // A mark, or a literal in an event that also holds an escape (which could hide any other rule's literal).
        if (!_filters || IsParseMark(document[at..]) || document.IndexOf("\\u"u8) >= 0)
        {
            candidates.Fill(true);
            return candidates.Length;
        }
        int count = 0;
        for (int r = 0; r < _ruleLiterals.Length; r++)
        {
            bool found = false;
            foreach (byte[] literal in _ruleLiterals[r])
            {
                if (document.IndexOf(literal) >= 0)
                {
                    found = true;
                    break;
                }
            }
            candidates[r] = found;
            if (found) count++;
        }
        return count;
    }

    /// <summary>
    /// Byte runs that make an event be parsed whatever literals it holds: <c>\u</c> (an escape can hide any literal) and
    /// the junction of two objects glued on one line (<c>{"a":1}{"b":2}</c>; in one valid object a '}' is never
    /// followed by '{', so outside strings these only occur in malformed events, which the parse reports). Junctions
    /// with more whitespace than these go unreported when no rule could match either object (docs/semantics.md).
    /// </summary>
    private static readonly string[] ParseMarks = { "\\u", "}{", "} {", "}\t{", "}  {" };

    private static bool IsParseMark(ReadOnlySpan<byte> at)
    {
        foreach (string mark in ParseMarks)
        {
            if (at.Length >= mark.Length && Matches(at, mark)) return true;
        }
        return false;
    }

    private static bool Matches(ReadOnlySpan<byte> at, string mark)
    {
        for (int i = 0; i < mark.Length; i++)
        {
            if (at[i] != mark[i]) return false;
        }
        return true;
    }

    /// <summary>The position of the first rule literal or parse mark in <paramref name="document"/>, or -1.</summary>
    private int FirstHit(ReadOnlySpan<byte> document)
    {
        // Bytes widen one-to-one to chars (Latin-1), literals likewise, so a byte match is a char match. A long event
        // is searched in windows that overlap by the longest literal less one byte, so the widened copy stays small
        // (a 100 MB line must not cost 200 MB of chars).
        int step = _widened.Length - _overlap;
        for (int from = 0; from < document.Length; from += step)
        {
            ReadOnlySpan<byte> window = document[from..Math.Min(document.Length, from + _widened.Length)];
            int count = Encoding.Latin1.GetChars(window, _widened);
            int hit = _widened.AsSpan(0, count).IndexOfAny(_any!);
            if (hit >= 0) return from + hit;
            if (from + window.Length >= document.Length) break;
        }
        return -1;
    }

    private static string Latin1(byte[] utf8) => Encoding.Latin1.GetString(utf8);
}
