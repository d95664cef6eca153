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
    private readonly byte[]? _single;
    private readonly SearchValues<string>? _any;
    private char[] _widened = new char[4096];

    public Prefilter(RuleSet rules)
    {
        _ruleLiterals = rules.Rules.Select(r => r.RequiredLiterals?.Select(Encoding.UTF8.GetBytes).ToArray()!).ToArray();
        _filters = _ruleLiterals.All(l => l is not null);
        var all = _ruleLiterals.Where(l => l is not null).SelectMany(l => l).Select(Latin1).Distinct().ToArray();
        if (all.Length == 1) _single = Encoding.Latin1.GetBytes(all[0]);
        else if (all.Length > 1) _any = SearchValues.Create(all, StringComparison.Ordinal);
    }

    /// <summary>Whether some rule cannot be skipped by its literals (then every event is read).</summary>
    public bool IsActive => _filters;

    /// <summary>
    /// Marks in <paramref name="candidates"/> the rules that could match <paramref name="document"/>; returns how many.
    /// </summary>
    public int Select(ReadOnlySpan<byte> document, Span<bool> candidates)
    {
        if (!_filters || document.IndexOf("\\u"u8) >= 0)
        {
            candidates.Fill(true);
            return candidates.Length;
        }
        if (!AnyLiteral(document))
        {
            candidates.Clear();
            return 0;
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

    private bool AnyLiteral(ReadOnlySpan<byte> document)
    {
        if (_single is not null) return document.IndexOf(_single) >= 0;
        if (_any is null) return false;
        // Bytes widen one-to-one to chars (Latin-1), literals likewise, so a byte match is a char match.
        if (_widened.Length < document.Length) _widened = new char[Math.Max(document.Length, _widened.Length * 2)];
        int count = Encoding.Latin1.GetChars(document, _widened);
        return _widened.AsSpan(0, count).IndexOfAny(_any) >= 0;
    }

    private static string Latin1(byte[] utf8) => Encoding.Latin1.GetString(utf8);
}
