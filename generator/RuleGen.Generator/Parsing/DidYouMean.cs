using System;
using System.Collections.Generic;
using RuleGen.Generator.Diagnostics;

namespace RuleGen.Generator.Parsing
{
    /// <summary>
    /// Suggests the closest known name for a misspelt one (edit distance), cheaply enough that no rule can make it
    /// slow: a rule may ask for <see cref="PerRule"/> suggestions (50,000 unknown fields checked against the whole
    /// schema took minutes), long words get none (a 100,000-character field name took 30 s), and the distance is
    /// computed only inside a band of the best distance so far, skipping candidates whose length alone rules them out.
    /// </summary>
    internal static class DidYouMean
    {
        /// <summary>Suggestions computed per rule; later misspellings are still reported, without one.</summary>
        public const int PerRule = 20;

        /// <summary>No known name is longer; comparing longer words would only cost time.</summary>
        private const int MaxWordLength = 128;

        /// <summary>A suggestion further away than this is noise, whatever the word's length.</summary>
        private const int MaxDistance = 8;

        public static string? Closest(string word, IEnumerable<string> candidates)
        {
            if (word.Length == 0 || word.Length > MaxWordLength) return null;
            // Beyond a third of the word, a suggestion is more noise than help.
            int allowed = Math.Min(MaxDistance, Math.Max(2, word.Length / 3));
            string lower = word.ToLowerInvariant();
            string? best = null;
            int bestDistance = allowed + 1;
            foreach (string candidate in candidates)
            {
                if (Math.Abs(candidate.Length - word.Length) >= bestDistance) continue;
                int distance = Distance(lower, candidate.ToLowerInvariant(), bestDistance - 1);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = candidate;
                }
            }
            return best;
        }

        /// <summary>"; did you mean 'x'?" or nothing; each call with a candidate list spends one of the rule's suggestions.</summary>
        public static string Suffix(string word, IEnumerable<string> candidates, DiagnosticBag budget)
        {
            if (!budget.TakeSuggestion()) return string.Empty;
            string? closest = Closest(word, candidates);
            return closest is null ? string.Empty : $"; did you mean '{closest}'?";
        }

        /// <summary>
        /// Levenshtein distance if it is at most <paramref name="max"/>, else max + 1: only cells within max of the
        /// diagonal are computed, and a row whose cells all exceed max ends the search.
        /// </summary>
        private static int Distance(string a, string b, int max)
        {
            if (Math.Abs(a.Length - b.Length) > max) return max + 1;
            int over = max + 1;
            int[] previous = new int[b.Length + 1];
            int[] current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) previous[j] = j <= max ? j : over;
            for (int i = 1; i <= a.Length; i++)
            {
                int from = Math.Max(1, i - max), to = Math.Min(b.Length, i + max);
                current[0] = i <= max ? i : over;
                if (from > 1) current[from - 1] = over;
                int rowMinimum = current[0];
                for (int j = from; j <= to; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    int value = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                    current[j] = Math.Min(value, over);
                    rowMinimum = Math.Min(rowMinimum, current[j]);
                }
                if (to < b.Length) current[to + 1] = over;
                if (rowMinimum > max) return over;
                (previous, current) = (current, previous);
            }
            return Math.Min(previous[b.Length], over);
        }
    }
}
