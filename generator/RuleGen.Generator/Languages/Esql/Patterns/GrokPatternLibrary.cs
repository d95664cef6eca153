using System;
using System.Collections.Generic;
using System.IO;

namespace RuleGen.Generator.Languages.Esql.Patterns
{
    /// <summary>
    /// Elasticsearch's built-in grok patterns as ES|QL's GROK sees them: the ECS v1 set (ES|QL builds its grok with
    /// <c>GrokBuiltinPatterns.get(true)</c>). Embedded in the generator (Resources/MANIFEST.md says source, commit and
    /// licence) and read once. The file format is Elasticsearch's: a line is <c>NAME pattern</c> split at the first run
    /// of white space after leading white space is dropped; blank lines and <c>#</c> comments are skipped; a later line
    /// for the same name wins.
    /// </summary>
    internal static class GrokPatternLibrary
    {
        /// <summary>The embedded pattern files, in the order Elasticsearch loads them.</summary>
        public static readonly string[] Files = { "grok-patterns" };

        private static readonly Lazy<Dictionary<string, string>> Patterns = new(Load);

        public static bool TryGet(string name, out string definition) => Patterns.Value.TryGetValue(name, out definition!);

        public static int Count => Patterns.Value.Count;

        internal static Dictionary<string, string> Parse(string text, Dictionary<string, string> into)
        {
            foreach (string raw in text.Split('\n'))
            {
                string line = raw.TrimEnd('\r').TrimStart();
                if (line.Length == 0 || line[0] == '#') continue;
                int space = 0;
                while (space < line.Length && !char.IsWhiteSpace(line[space])) space++;
                int start = space;
                while (start < line.Length && char.IsWhiteSpace(line[start])) start++;
                // Elasticsearch keeps only lines with a name and a definition.
                if (space == line.Length || start == line.Length) continue;
                into[line.Substring(0, space)] = line.Substring(start);
            }
            return into;
        }

        private static Dictionary<string, string> Load()
        {
            var patterns = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string file in Files)
            {
                using Stream stream = typeof(GrokPatternLibrary).Assembly.GetManifestResourceStream("RuleGen.Grok." + file)
                    ?? throw new InvalidOperationException("missing embedded grok pattern file " + file);
                using var reader = new StreamReader(stream);
                Parse(reader.ReadToEnd(), patterns);
            }
            return patterns;
        }
    }
}
