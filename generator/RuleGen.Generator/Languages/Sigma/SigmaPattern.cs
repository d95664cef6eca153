using System.Text;

namespace RuleGen.Generator.Languages.Sigma
{
    /// <summary>
    /// Sigma string values to RuleGen's canonical pattern syntax (docs/architecture.md: <c>*</c> any run, <c>?</c> one
    /// character, <c>\</c> escapes the next character). Sigma's rules (sigma-rules-specification.md, "String Wildcard"
    /// and "Escape Character"): <c>*</c> and <c>?</c> are wildcards; <c>\</c> escapes only <c>*</c>, <c>?</c> and
    /// <c>\</c>; a backslash before any other character (or at the end) is a plain backslash, so <c>C:\Windows</c>
    /// needs no doubling, <c>\\*</c> is a backslash then a wildcard, and three or four backslashes are two.
    /// </summary>
    internal static class SigmaPattern
    {
        public static string ToCanonical(string sigma)
        {
            var result = new StringBuilder(sigma.Length + 4);
            for (int i = 0; i < sigma.Length; i++)
            {
                char c = sigma[i];
                if (c == '\\')
                {
                    char next = i + 1 < sigma.Length ? sigma[i + 1] : '\0';
                    if (next is '*' or '?' or '\\')
                    {
                        result.Append('\\').Append(next);
                        i++;
                    }
                    else
                    {
                        result.Append("\\\\");
                    }
                }
                else
                {
                    result.Append(c);
                }
            }
            return result.ToString();
        }

        /// <summary>True when the value has an unescaped <c>*</c> or <c>?</c> (it is a pattern, not a literal).</summary>
        public static bool HasWildcards(string sigma)
        {
            for (int i = 0; i < sigma.Length; i++)
            {
                char c = sigma[i];
                if (c == '\\' && i + 1 < sigma.Length && sigma[i + 1] is '*' or '?' or '\\') i++;
                else if (c is '*' or '?') return true;
            }
            return false;
        }
    }
}
