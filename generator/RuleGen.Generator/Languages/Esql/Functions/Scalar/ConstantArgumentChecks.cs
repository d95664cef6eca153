using System;

namespace RuleGen.Generator.Languages.Esql.Functions.Scalar
{
    /// <summary>
    /// Build-time checks of constant arguments that Elasticsearch rejects when it plans the query (so the rule must
    /// not compile): REPLACE's regex (Pattern.compile, and RuleGen's Java → .NET translation), SPLIT's delimiter
    /// ("delimiter must be single byte for now") and HASH's algorithm (MessageDigest.getInstance). The binder calls
    /// <see cref="Check"/> for each constant string argument and reports a problem at its offset inside the literal.
    /// </summary>
    internal static class ConstantArgumentChecks
    {
        /// <summary>Null when the constant is fine; else the 0-based offset inside <paramref name="value"/> and the reason.</summary>
        public static (int Offset, string Problem)? Check(string function, int argument, string value)
        {
            if (Is(function, "REPLACE") && argument == 1)
            {
                return JavaRegexTranslator.TryTranslate(value, out _, out int at, out string why) ? null : (Math.Max(0, at), why);
            }
            if (Is(function, "SPLIT") && argument == 1)
            {
                return value.Length == 1 && value[0] <= 0x7F ? null : (0, "the delimiter must be a single byte (one ASCII character)");
            }
            if (Is(function, "HASH") && argument == 0)
            {
                return KnownDigests.Contains(value.ToUpperInvariant()) ? null : (0, $"unknown hash algorithm [{value}]");
            }
            return null;
        }

        // The names EsqlFunctions.Hash computes (SHA3 only where the platform has it: those are checked at run time).
        private static readonly System.Collections.Generic.HashSet<string> KnownDigests = new System.Collections.Generic.HashSet<string>
        {
            "MD5", "SHA-1", "SHA1", "SHA", "SHA-256", "SHA256", "SHA-384", "SHA384", "SHA-512", "SHA512", "SHA3-256", "SHA3-384", "SHA3-512",
        };

        private static bool Is(string function, string name) => string.Equals(function, name, StringComparison.OrdinalIgnoreCase);
    }
}
