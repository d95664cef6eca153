using System;
using System.Collections.Generic;

namespace RuleGen.Generator.Parsing
{
    /// <summary>Suggests the closest known name for a misspelt one (edit distance).</summary>
    internal static class DidYouMean
    {
        public static string? Closest(string word, IEnumerable<string> candidates)
        {
            string? best = null;
            int bestDistance = int.MaxValue;
            foreach (string candidate in candidates)
            {
                int distance = Distance(word.ToLowerInvariant(), candidate.ToLowerInvariant());
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = candidate;
                }
            }
            // Beyond a third of the word, a suggestion is more noise than help.
            return best is not null && bestDistance <= Math.Max(2, word.Length / 3) ? best : null;
        }

        public static string Suffix(string word, IEnumerable<string> candidates)
        {
            string? closest = Closest(word, candidates);
            return closest is null ? string.Empty : $"; did you mean '{closest}'?";
        }

        private static int Distance(string a, string b)
        {
            int[] previous = new int[b.Length + 1];
            int[] current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++) previous[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }
                (previous, current) = (current, previous);
            }
            return previous[b.Length];
        }
    }
}
