using System;
using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace RuleGen.Runtime.Pipeline;

/// <summary>
/// REPLACE's compiled patterns by their Java text, so a pattern repeated on every row is translated once. Bounded
/// (a column of distinct patterns must not grow memory): past the limit the cache is emptied and refilled.
/// A pattern that does not translate is cached as null.
/// </summary>
internal static class JavaRegexCache
{
    private const int Limit = 256;

    // Java has no regex timeout; this only stops a catastrophic pattern from stalling a scan (the row then gets NULL).
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    private static readonly ConcurrentDictionary<string, Regex?> Patterns = new(StringComparer.Ordinal);

    public static Regex? Get(string javaPattern)
    {
        if (Patterns.TryGetValue(javaPattern, out Regex? cached)) return cached;
        Regex? compiled = JavaRegexTranslator.TryTranslate(javaPattern, out string dotnet, out _, out _)
            ? new Regex(dotnet, RegexOptions.CultureInvariant, MatchTimeout)
            : null;
        if (Patterns.Count >= Limit) Patterns.Clear();
        Patterns[javaPattern] = compiled;
        return compiled;
    }
}
