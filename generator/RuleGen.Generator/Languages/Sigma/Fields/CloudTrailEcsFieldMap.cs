using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RuleGen.Generator.Languages.Sigma.Fields
{
    /// <summary>
    /// Where Elastic's AWS integration puts each raw CloudTrail field, so a Sigma CloudTrail rule (written on raw
    /// names) can run over the integration's ECS documents. The table is data: cloudtrail-ecs-map.tsv, embedded,
    /// checked against RuleGen's own normaliser by CloudTrailEcsFieldMapTests. A raw field with no entry has no ECS
    /// field in Elastic's documents (RuleGen's normaliser also keeps the raw names, Elastic's pipeline does not).
    /// </summary>
    internal sealed class CloudTrailEcsFieldMap
    {
        /// <summary>Null and empty strings are dropped from every field before mapping (the pipeline's first script).</summary>
        public const bool EveryFieldDropsEmpties = true;

        private const string ResourceName = "RuleGen.SigmaFields.cloudtrail-ecs-map.tsv";
        private const string PrefixMark = ".*";

        private static readonly Lazy<CloudTrailEcsFieldMap> EmbeddedMap = new(() => Parse(ReadResource()));

        private readonly Dictionary<string, List<CloudTrailEcsEntry>> _exact;
        // Longest prefix first: requestParameters.* must not hide a longer, more precise prefix.
        private readonly List<CloudTrailEcsEntry> _prefixes;

        private CloudTrailEcsFieldMap(IReadOnlyList<CloudTrailEcsEntry> entries)
        {
            Entries = entries;
            _exact = new Dictionary<string, List<CloudTrailEcsEntry>>(StringComparer.Ordinal);
            foreach (CloudTrailEcsEntry entry in entries.Where(e => !e.IsPrefix))
            {
                if (!_exact.TryGetValue(entry.RawField, out var list)) _exact[entry.RawField] = list = new List<CloudTrailEcsEntry>();
                list.Add(entry);
            }
            _prefixes = entries.Where(e => e.IsPrefix).OrderByDescending(e => e.RawField.Length).ToList();
        }

        /// <summary>The table RuleGen ships.</summary>
        public static CloudTrailEcsFieldMap Embedded => EmbeddedMap.Value;

        /// <summary>Every row, in file order.</summary>
        public IReadOnlyList<CloudTrailEcsEntry> Entries { get; }

        /// <summary>
        /// The ECS fields a rule should match <paramref name="rawField"/> at (primary targets only; more than one
        /// means an OR over them, as pySigma's one-to-many mapping). Exact rows win over prefix rows. Empty: the
        /// field has no place in Elastic's documents.
        /// </summary>
        public IReadOnlyList<EcsFieldTarget> Map(string rawField) => AllTargets(rawField).Where(t => t.IsPrimary).ToList();

        /// <summary>Every target of <paramref name="rawField"/>, the derived copies included.</summary>
        public IReadOnlyList<EcsFieldTarget> AllTargets(string rawField)
        {
            if (_exact.TryGetValue(rawField, out var exact))
            {
                var targets = exact.Select(e => e.TargetFor(rawField)).ToList();
                // A member of a prefix-mapped object keeps its flattened place too when its exact rows are only copies.
                if (targets.Any(t => t.IsPrimary)) return targets;
                CloudTrailEcsEntry? under = _prefixes.FirstOrDefault(p => p.Covers(rawField));
                if (under is not null) targets.Insert(0, under.TargetFor(rawField));
                return targets;
            }
            CloudTrailEcsEntry? prefix = _prefixes.FirstOrDefault(p => p.Covers(rawField));
            return prefix is null ? Array.Empty<EcsFieldTarget>() : new[] { prefix.TargetFor(rawField) };
        }

        /// <summary>Reads the TSV text (comment lines start with #); a malformed row is a bug in the shipped file.</summary>
        internal static CloudTrailEcsFieldMap Parse(string text)
        {
            var entries = new List<CloudTrailEcsEntry>();
            string[] lines = text.Replace("\r\n", "\n").Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                if (line.Length == 0 || line[0] == '#') continue;
                string[] cells = line.Split('\t');
                if (cells.Length != 5) throw new InvalidDataException($"cloudtrail-ecs-map.tsv line {i + 1}: {cells.Length} columns, expected 5");
                string raw = cells[0], ecs = cells[1];
                bool isPrefix = raw.EndsWith(PrefixMark, StringComparison.Ordinal);
                if (isPrefix != ecs.EndsWith(PrefixMark, StringComparison.Ordinal)) throw new InvalidDataException($"cloudtrail-ecs-map.tsv line {i + 1}: a prefix row needs .* on both sides");
                if (isPrefix) { raw = raw.Substring(0, raw.Length - PrefixMark.Length); ecs = ecs.Substring(0, ecs.Length - PrefixMark.Length); }
                bool primary = cells[2] switch
                {
                    "primary" => true,
                    "derived" => false,
                    _ => throw new InvalidDataException($"cloudtrail-ecs-map.tsv line {i + 1}: role '{cells[2]}'"),
                };
                entries.Add(new CloudTrailEcsEntry(raw, isPrefix, ecs, primary, ParseLosses(cells[3], i + 1), cells[4].Trim(), i + 1));
            }
            return new CloudTrailEcsFieldMap(entries);
        }

        private static EcsMappingLoss ParseLosses(string cell, int line)
        {
            if (cell == "-") return EcsMappingLoss.None;
            EcsMappingLoss losses = EcsMappingLoss.None;
            foreach (string name in cell.Split(','))
            {
                losses |= name switch
                {
                    "java-map-string" => EcsMappingLoss.JavaMapString,
                    "merged" => EcsMappingLoss.Merged,
                    "conditional" => EcsMappingLoss.Conditional,
                    "type-change" => EcsMappingLoss.TypeChange,
                    "date-reformat" => EcsMappingLoss.DateReformat,
                    "split" => EcsMappingLoss.Split,
                    "lowercased" => EcsMappingLoss.Lowercased,
                    "renamed-keys" => EcsMappingLoss.RenamedKeys,
                    "size-limit" => EcsMappingLoss.SizeLimit,
                    "key-removed" => EcsMappingLoss.KeyRemoved,
                    _ => throw new InvalidDataException($"cloudtrail-ecs-map.tsv line {line}: loss '{name}'"),
                };
            }
            return losses;
        }

        private static string ReadResource()
        {
            using Stream stream = typeof(CloudTrailEcsFieldMap).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException("missing embedded " + ResourceName);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
