using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RuleGen.Runtime;

/// <summary>
/// Decides from an event's raw bytes, before any parsing, which rules could possibly match it, rule by rule: a rule
/// with required literals (<see cref="CompiledRule.RequiredLiterals"/>) is a candidate only when one of them occurs
/// in the bytes; a rule without any is always a candidate, and does not stop the others from being ruled out. An
/// event no rule can match is not parsed at all.
/// <para>
/// All literals of all rules are found in one vectorised multi-substring search per case mode
/// (<see cref="SearchValues{T}"/>, ordinal and ASCII-ignore-case); each hit is then matched to the literals that
/// start there. Sound against JSON escapes: an event that contains "\u" is a candidate for every rule, since an
/// escape can hide any literal (the other escapes only write characters that required literals never contain).
/// Sound against case folding: case-insensitive literals are ASCII, and an event with any non-ASCII byte is a
/// candidate for every rule with one (a non-ASCII character can fold to an ASCII one).
/// </para>
/// </summary>
public sealed class Prefilter
{
    private readonly LiteralSearch? _exact;
    private readonly LiteralSearch? _ignoringCase;
    private readonly bool[] _always;       // rules without literals: candidates for every event
    private readonly bool[] _foldsCase;    // rules with a case-insensitive literal
    private readonly bool _anyFoldsCase;
    private readonly int _filtered;

    public Prefilter(RuleSet rules)
    {
        int count = rules.Rules.Count;
        _always = new bool[count];
        _foldsCase = new bool[count];
        var exact = new List<(string Literal, int Rule)>();
        var folded = new List<(string Literal, int Rule)>();
        for (int r = 0; r < count; r++)
        {
            CompiledRule rule = rules.Rules[r];
            if (rule.RequiredLiterals is null)
            {
                _always[r] = true;
                continue;
            }
            _filtered++;
            exact.AddRange(rule.RequiredLiterals.Select(l => (Latin1(l), r)));
            foreach (string literal in rule.RequiredLiteralsIgnoringCase ?? Array.Empty<string>())
            {
                folded.Add((Latin1(literal), r));
                _foldsCase[r] = true;
            }
        }
        _anyFoldsCase = _foldsCase.Any(f => f);
        // The parse marks ride along with the exact literals: one search finds both.
        _exact = new LiteralSearch(exact, ParseMarks, StringComparison.Ordinal);
        if (folded.Count > 0) _ignoringCase = new LiteralSearch(folded, Array.Empty<string>(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether some rule can be ruled out by its literals (else the prefilter is not worth running).</summary>
    public bool IsActive => _filtered > 0;

    /// <summary>
    /// Marks in <paramref name="candidates"/> the rules that could match <paramref name="document"/>; returns how many.
    /// </summary>
    public int Select(ReadOnlySpan<byte> document, Span<bool> candidates)
    {
        _always.CopyTo(candidates);
        // A mark (an escape, two glued objects) sends the event to every rule.
        if (_exact!.MarkRules(document, candidates) || document.IndexOf("\\u"u8) >= 0)
        {
            candidates.Fill(true);
            return candidates.Length;
        }
        if (_ignoringCase is not null)
        {
            _ignoringCase.MarkRules(document, candidates);
            if (_anyFoldsCase && !Ascii.IsValid(document))
            {
                for (int r = 0; r < candidates.Length; r++) candidates[r] |= _foldsCase[r];
            }
        }
        int selected = 0;
        foreach (bool candidate in candidates) if (candidate) selected++;
        return selected;
    }

    /// <summary>
    /// Byte runs that make an event be parsed whatever literals it holds: <c>\u</c> (an escape can hide any literal) and
    /// the junction of two objects glued on one line (<c>{"a":1}{"b":2}</c>; in one valid object a '}' is never
    /// followed by '{', so outside strings these only occur in malformed events, which the parse reports). Junctions
    /// with more whitespace than these go unreported when no rule could match either object (docs/semantics.md).
    /// </summary>
    private static readonly string[] ParseMarks = { "\\u", "}{", "} {", "}\t{", "}  {" };

    private static string Latin1(string literal) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(literal));
}
