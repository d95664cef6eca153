namespace RuleGen.Generator.Parsing
{
    /// <summary>
    /// The key a rule goes by in the rule set (class names, correlation references, tests files, hint names): its file's
    /// path, and for the 2nd, 3rd … rule document of a Sigma collection <c>path#2</c>, <c>path#3</c>. The first rule
    /// keeps the bare path, so a one-rule file's key (and everything built on it) is what it always was, and adding a
    /// document after it leaves it alone.
    /// </summary>
    internal static class DocumentKeys
    {
        public static string Of(string path, int ordinal) => ordinal == 0 ? path : path + "#" + (ordinal + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The file a key is in (for a location when only the key is known).</summary>
        public static string FileOf(string key)
        {
            int hash = key.LastIndexOf('#');
            return hash > 0 && hash < key.Length - 1 && int.TryParse(key.Substring(hash + 1), out _) ? key.Substring(0, hash) : key;
        }
    }
}
