using System;

namespace RuleGen.Runtime;

/// <summary>
/// Bounds for regexes that must backtrack. Generated code builds regexes with the automaton engine
/// (RegexOptions.NonBacktracking, linear in the value) whenever the pattern allows; a pattern with a construct that
/// engine cannot run (lookaround, backreference, atomic group, possessive quantifier, conditional, \G) is built
/// with this timeout instead, so that an adversarial pattern or value costs at most this much per value and never
/// hangs a scan (a value that times out does not match).
/// </summary>
public static class RegexLimits
{
    /// <summary>The longest one backtracking regex may run on one value.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
}
