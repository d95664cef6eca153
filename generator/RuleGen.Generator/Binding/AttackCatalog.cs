using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RuleGen.Generator.Binding
{
    /// <summary>
    /// One ATT&amp;CK object: a tactic, technique or sub-technique. <c>Tactics</c>: a technique's tactic short names
    /// ("persistence"); <c>TacticShortName</c>: a tactic's own.
    /// </summary>
    internal sealed record AttackEntry(string Id, string Kind, string Name, string Parent, string[] Tactics, string TacticShortName,
        bool Deprecated, string RevokedBy, string Url);

    /// <summary>
    /// The ATT&amp;CK Enterprise catalogue (Binding/Attack/enterprise-attack.tsv, 18.1, embedded; or a project's own
    /// enterprise-attack.tsv). Compares by its text, so a pipeline step holding it stays cached until the file changes.
    /// </summary>
    internal sealed class AttackCatalog : IEquatable<AttackCatalog>
    {
        private readonly Dictionary<string, AttackEntry> _byId = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _hints = new(StringComparer.Ordinal);

        private AttackCatalog(string source, string text, string? hints)
        {
            Source = source;
            Text = text;
            using (var reader = new StringReader(text))
            {
                string? header = reader.ReadLine();
                string? line;
                while ((line = reader.ReadLine()) is not null)
                {
                    string[] c = line.Split('\t');
                    if (c.Length < 9 || c[0].Length == 0) continue;
                    _byId[c[0]] = new AttackEntry(c[0], c[1], c[2], c[3], c[4].Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries), c[5],
                        c[6] == "true", c[7], c[8]);
                }
            }
            if (hints is not null)
            {
                foreach (string line in hints.Split('\n').Skip(1))
                {
                    string[] c = line.TrimEnd('\r').Split('\t');
                    if (c.Length >= 3 && c[2].Length > 0) _hints[c[0]] = c[2];
                }
            }
        }

        /// <summary>Where the catalogue came from, for messages ("ATT&amp;CK 18.1" or a file name).</summary>
        public string Source { get; }

        public string Text { get; }

        public static AttackCatalog Embedded { get; } = new("ATT&CK Enterprise 18.1", Resource("enterprise-attack.tsv"), Resource("deprecated-hints.tsv"));

        public static AttackCatalog FromFile(string path, string text) => new(Path.GetFileName(path), text, null);

        public AttackEntry? Find(string id) => _byId.TryGetValue(id, out AttackEntry? entry) ? entry : null;

        public string? Hint(string id) => _hints.TryGetValue(id, out string? hint) ? hint : null;

        /// <summary>The current entries of one kind, for suggestions.</summary>
        public IEnumerable<AttackEntry> Current(string kind) => _byId.Values.Where(e => e.Kind == kind && !e.Deprecated && e.RevokedBy.Length == 0);

        public AttackEntry? TacticByShortName(string shortName) => _byId.Values.FirstOrDefault(e => e.Kind == "tactic" && e.TacticShortName == shortName);

        public bool Equals(AttackCatalog? other) => other is not null && other.Source == Source && other.Text == Text;

        public override bool Equals(object? obj) => Equals(obj as AttackCatalog);

        public override int GetHashCode() => Text.Length ^ Source.GetHashCode();

        private static string Resource(string name)
        {
            using Stream stream = typeof(AttackCatalog).Assembly.GetManifestResourceStream("RuleGen.Attack." + name)
                ?? throw new InvalidOperationException("missing embedded resource " + name);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
