using System.Text;

namespace RuleGen.Generator.Languages.Eql
{
    /// <summary>
    /// EQL's two wildcard syntaxes in the IR's canonical one (<c>*</c> any run, <c>?</c> one character, <c>\</c>
    /// escapes the next character).
    /// </summary>
    internal static class EqlPatterns
    {
        /// <summary>
        /// The pattern of <c>:</c>, <c>like</c>, <c>like~</c> and <c>wildcard()</c>: <c>*</c> and <c>?</c> are always
        /// wildcards and nothing escapes them; a backslash is a plain character (Elasticsearch's EQL
        /// StringUtils.toLikePattern turns * into % and ? into _, escaping only LIKE's own % and _).
        /// </summary>
        public static string FromLike(string pattern)
        {
            var canonical = new StringBuilder(pattern.Length + 4);
            foreach (char c in pattern)
            {
                if (c == '\\') canonical.Append('\\');
                canonical.Append(c);
            }
            return canonical.ToString();
        }

        /// <summary>Whether <c>:</c> with this constant is a wildcard match (Optimizer.ReplaceWildcards: it holds * or ?).</summary>
        public static bool HasWildcard(string pattern) => pattern.IndexOf('*') >= 0 || pattern.IndexOf('?') >= 0;

        /// <summary>
        /// The wildcard query stringContains and endsWith become on a field (QueryTranslator.CaseInsensitiveScalarFunctions:
        /// <c>"*" + constant + "*"</c>, the constant not escaped): the constant is Lucene wildcard syntax as it stands,
        /// which is the canonical syntax, so <c>*</c> and <c>?</c> in it are wildcards and <c>\*</c> is a star.
        /// </summary>
        public static string FromWildcardQuery(string prefix, string constant, string suffix) => prefix + constant + suffix;

        /// <summary>A constant that matches itself only: every wildcard and backslash escaped.</summary>
        public static string Literal(string text)
        {
            var canonical = new StringBuilder(text.Length + 4);
            foreach (char c in text)
            {
                if (c is '\\' or '*' or '?') canonical.Append('\\');
                canonical.Append(c);
            }
            return canonical.ToString();
        }
    }
}
