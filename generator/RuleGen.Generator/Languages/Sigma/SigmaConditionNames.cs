using System.Collections.Generic;
using System.Linq;

namespace RuleGen.Generator.Languages.Sigma
{
    /// <summary>Which search identifiers a condition's names and <c>x of</c> patterns stand for (spec "Condition").</summary>
    internal static class SigmaConditionNames
    {
        /// <summary>
        /// The identifiers of <c>1/all of pattern</c> (<c>*</c> matches any run, anywhere in the pattern) or, for
        /// <c>them</c> (<paramref name="pattern"/> null), every identifier not starting with <c>_</c>: the spec
        /// excludes underscore names from <c>them</c> only, so an explicit <c>1 of _x*</c> still matches them.
        /// </summary>
        public static IReadOnlyList<string> Matching(string? pattern, IEnumerable<string> names) =>
            pattern is null
                ? names.Where(n => !n.StartsWith("_", System.StringComparison.Ordinal)).ToList()
                : names.Where(n => Matches(pattern, 0, n, 0)).ToList();

        /// <summary>
        /// Glob match with only <c>*</c>, iterative: on a mismatch, the last star takes one more character (the
        /// classic two-pointer match, O(pattern × name) at worst, no recursion and no exponential backtracking).
        /// </summary>
        private static bool Matches(string pattern, int p, string name, int n)
        {
            int star = -1, resume = 0;
            while (n < name.Length)
            {
                if (p < pattern.Length && pattern[p] != '*' && pattern[p] == name[n]) { p++; n++; }
                else if (p < pattern.Length && pattern[p] == '*') { star = p++; resume = n; }
                else if (star >= 0) { p = star + 1; n = ++resume; }
                else return false;
            }
            while (p < pattern.Length && pattern[p] == '*') p++;
            return p == pattern.Length;
        }
    }
}
