using System.Collections.Generic;

namespace RuleGen.Generator.Languages.Sigma
{
    /// <summary>Every value modifier of Sigma spec v2.1 (sigma-appendix-modifiers.md), grouped as the appendix groups them.</summary>
    internal enum SigmaModifier
    {
        // Generic modifiers
        All, StartsWith, EndsWith, Contains, Exists, Cased, Neq,
        // String modifiers
        Windash, Re, ReIgnoreCase, ReMultiLine, ReDotAll,
        Base64, Base64Offset, Utf16Le, Utf16Be, Utf16, Wide,
        // Numeric modifiers
        Lt, Lte, Gt, Gte,
        // Time modifiers
        Minute, Hour, Day, Week, Month, Year,
        // IP modifiers
        Cidr,
        // Specific modifiers
        Expand, FieldRef,
    }

    internal static class SigmaModifiers
    {
        /// <summary>The spelling in rules (lower case; pySigma matches them case-sensitively too).</summary>
        public static readonly IReadOnlyDictionary<string, SigmaModifier> ByName = new Dictionary<string, SigmaModifier>
        {
            ["all"] = SigmaModifier.All, ["startswith"] = SigmaModifier.StartsWith, ["endswith"] = SigmaModifier.EndsWith,
            ["contains"] = SigmaModifier.Contains, ["exists"] = SigmaModifier.Exists, ["cased"] = SigmaModifier.Cased,
            ["neq"] = SigmaModifier.Neq, ["windash"] = SigmaModifier.Windash, ["re"] = SigmaModifier.Re,
            ["i"] = SigmaModifier.ReIgnoreCase, ["m"] = SigmaModifier.ReMultiLine, ["s"] = SigmaModifier.ReDotAll,
            ["base64"] = SigmaModifier.Base64, ["base64offset"] = SigmaModifier.Base64Offset,
            ["utf16le"] = SigmaModifier.Utf16Le, ["utf16be"] = SigmaModifier.Utf16Be, ["utf16"] = SigmaModifier.Utf16,
            ["wide"] = SigmaModifier.Wide, ["lt"] = SigmaModifier.Lt, ["lte"] = SigmaModifier.Lte,
            ["gt"] = SigmaModifier.Gt, ["gte"] = SigmaModifier.Gte, ["minute"] = SigmaModifier.Minute,
            ["hour"] = SigmaModifier.Hour, ["day"] = SigmaModifier.Day, ["week"] = SigmaModifier.Week,
            ["month"] = SigmaModifier.Month, ["year"] = SigmaModifier.Year, ["cidr"] = SigmaModifier.Cidr,
            ["expand"] = SigmaModifier.Expand, ["fieldref"] = SigmaModifier.FieldRef,
        };

        public static bool IsStringMatch(SigmaModifier m) => m is SigmaModifier.Contains or SigmaModifier.StartsWith or SigmaModifier.EndsWith;

        public static bool IsReFlag(SigmaModifier m) => m is SigmaModifier.ReIgnoreCase or SigmaModifier.ReMultiLine or SigmaModifier.ReDotAll;

        public static bool IsEncoding(SigmaModifier m) => m is SigmaModifier.Base64 or SigmaModifier.Base64Offset
            or SigmaModifier.Utf16Le or SigmaModifier.Utf16Be or SigmaModifier.Utf16 or SigmaModifier.Wide;

        public static bool IsCompare(SigmaModifier m) => m is SigmaModifier.Lt or SigmaModifier.Lte or SigmaModifier.Gt or SigmaModifier.Gte;

        public static bool IsTime(SigmaModifier m) => m is SigmaModifier.Minute or SigmaModifier.Hour or SigmaModifier.Day
            or SigmaModifier.Week or SigmaModifier.Month or SigmaModifier.Year;

        /// <summary>Modifiers that change the string itself before matching (appendix "String Modifiers", "Encoding", expand).</summary>
        public static bool IsStringTransform(SigmaModifier m) => IsEncoding(m) || m is SigmaModifier.Windash or SigmaModifier.Expand;
    }
}
