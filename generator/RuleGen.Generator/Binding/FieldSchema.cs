using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RuleGen.Generator.Model;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Generator.Binding
{
    /// <summary>
    /// A field as a schema declares it. <c>IgnoreAbove</c>: a keyword string longer than this many characters (UTF-16
    /// units, as Java counts) is kept in the document but not indexed, so no query of the query DSL matches it.
    /// </summary>
    internal sealed record FieldInfo(string Name, string Type, bool IsArray, string? Constant, int? IgnoreAbove = null)
    {
        public bool IsString => Type is "keyword" or "constant_keyword" or "wildcard" or "text" or "match_only_text" or "flattened";

        public bool IsNumeric => Type is "long" or "integer" or "short" or "byte" or "double" or "float" or "half_float" or "scaled_float" or "unsigned_long";

        /// <summary>
        /// The field an event holds this one's value in: the <c>path</c> of a <c>type: alias</c>, or the parent of a
        /// multi-field (<c>file_name.keyword</c> indexes <c>file_name</c>'s value; documents never hold it). Null for a
        /// field of its own.
        /// </summary>
        public string? AliasPath { get; init; }

        /// <summary>A text field's keyword (or wildcard) multi-field, which exact comparisons use (QL's exactAttribute).</summary>
        public string? ExactField { get; init; }
    }

    /// <summary>A project's own fields file (an integration-style fields.yml), as text: compares by value.</summary>
    internal sealed record ProjectFieldsFile(string Path, string Text);

    /// <summary>
    /// The fields a rule may read: ECS 9.4, the fields of the data streams its FROM names when RuleGen knows them
    /// (aws.cloudtrail), and the project's own fields files. A sub-field of a <c>flattened</c> field is any key.
    /// </summary>
    internal sealed class FieldSchema
    {
        private static readonly Lazy<Dictionary<string, FieldInfo>> Ecs = new(() => Load("ecs.tsv"));
        private static readonly Lazy<Dictionary<string, FieldInfo>> RawCloudTrail = new(() => Load("raw-cloudtrail.tsv"));

        /// <summary>The schemas a rule (key <c>schema</c>) or a project (property RuleGenSchema) can choose.</summary>
        public static readonly string[] Names = { "ecs", "raw-cloudtrail", "none" };
        private static readonly Dictionary<string, Lazy<Dictionary<string, FieldInfo>>> Datasets = new(StringComparer.Ordinal)
        {
            ["aws.cloudtrail"] = new(() => Load("aws.cloudtrail.tsv")),
        };

        private readonly List<Dictionary<string, FieldInfo>> _layers = new();

        private FieldSchema(bool complete) => IsComplete = complete;

        /// <summary>Whether every data stream the rule reads has a known schema: then an unknown field is an error.</summary>
        public bool IsComplete { get; }

        /// <summary>The data streams (by dataset) whose schemas were used, for messages.</summary>
        public string Description { get; private set; } = "ECS 9.4";

        /// <summary>
        /// The schema for a rule: <c>ecs</c> (ECS + the FROM data streams' integration fields + project fields),
        /// <c>raw-cloudtrail</c> (CloudTrail's own record fields, for rules over raw records), or <c>none</c>.
        /// </summary>
        public static FieldSchema? For(string name, IEnumerable<string> sources, EquatableArray<ProjectFieldsFile> projectFields, List<string> problems)
        {
            if (name == "none") return null;
            if (name == "raw-cloudtrail")
            {
                var raw = new FieldSchema(complete: true) { Description = "raw CloudTrail" };
                raw._layers.Add(RawCloudTrail.Value);
                foreach (ProjectFieldsFile file in projectFields) raw._layers.Add(FromFieldsYaml(file, problems));
                return raw;
            }
            return For(sources, projectFields, problems);
        }

        public static FieldSchema For(IEnumerable<string> sources, EquatableArray<ProjectFieldsFile> projectFields, List<string> problems)
        {
            // Filebeat's aws module writes what the integration's data streams write (same ECS and aws.* fields), so a
            // rule reading filebeat-* next to a known data stream (most of Elastic's AWS pack) keeps a complete schema.
            var named = sources.ToList();
            var datasets = named.Where(s => !(IsFilebeat(s) && named.Any(o => !IsFilebeat(o)))).Select(DatasetOf).ToList();
            bool complete = datasets.Count > 0 && datasets.All(d => d is not null && Datasets.ContainsKey(d));
            var schema = new FieldSchema(complete);
            schema._layers.Add(Ecs.Value);
            foreach (string dataset in datasets.Where(d => d is not null && Datasets.ContainsKey(d)).Distinct()!)
            {
                schema._layers.Add(Datasets[dataset!].Value);
                schema.Description += " + " + dataset;
            }
            foreach (ProjectFieldsFile file in projectFields)
            {
                schema._layers.Add(FromFieldsYaml(file, problems));
                schema.Description += " + " + Path.GetFileName(file.Path);
            }
            return schema;
        }

        /// <summary>"logs-aws.cloudtrail-*" and "logs-aws.cloudtrail*" read the aws.cloudtrail dataset.</summary>
        private static bool IsFilebeat(string source) => source.Trim().StartsWith("filebeat-", StringComparison.Ordinal);

        public static string? DatasetOf(string source)
        {
            string pattern = source.Trim();
            if (!pattern.StartsWith("logs-", StringComparison.Ordinal)) return null;
            string rest = pattern.Substring("logs-".Length).TrimEnd('*');
            int dash = rest.IndexOf('-');
            if (dash >= 0) rest = rest.Substring(0, dash);
            return rest.Length == 0 || rest.Contains("*") ? null : rest;
        }

        public FieldInfo? Find(string name)
        {
            if (name.StartsWith("Esql.", StringComparison.Ordinal) || name.StartsWith("Esql_priv.", StringComparison.Ordinal)) return new FieldInfo(name, "keyword", false, null);
            if (name is "_id" or "_index" or "_ignored" or "_index_mode" or "_source") return new FieldInfo(name, "keyword", false, null);
            if (name is "_version" or "_size") return new FieldInfo(name, "long", false, null);
            if (name == "_score") return new FieldInfo(name, "double", false, null);
            for (int i = _layers.Count - 1; i >= 0; i--)
            {
                if (_layers[i].TryGetValue(name, out FieldInfo? info)) return info;
            }
            // Any key below a flattened field (no field name is longer than MaxParentLength: a 100,000-character
            // name of dots must not cost a substring per dot).
            for (int dot = name.LastIndexOf('.'); dot > 0; dot = name.LastIndexOf('.', dot - 1))
            {
                if (dot > MaxParentLength) continue;
                string parent = name.Substring(0, dot);
                foreach (var layer in _layers)
                {
                    if (layer.TryGetValue(parent, out FieldInfo? p) && p.Type == "flattened") return new FieldInfo(name, "keyword", false, null);
                }
            }
            return null;
        }

        private const int MaxParentLength = 1024;

        /// <summary>The flattened field <paramref name="name"/> is a key below, or null (not below one, or unknown).</summary>
        public string? FlattenedRoot(string name) => Ancestor(name, "flattened");

        /// <summary>The nearest <c>nested</c> field <paramref name="name"/> is below, or null.</summary>
        public string? NestedParent(string name) => Ancestor(name, "nested");

        private string? Ancestor(string name, string type)
        {
            for (int dot = name.LastIndexOf('.'); dot > 0; dot = name.LastIndexOf('.', dot - 1))
            {
                if (dot > MaxParentLength) continue;
                string parent = name.Substring(0, dot);
                for (int i = _layers.Count - 1; i >= 0; i--)
                {
                    if (_layers[i].TryGetValue(parent, out FieldInfo? p))
                    {
                        if (p.Type == type) return parent;
                        break;
                    }
                }
            }
            return null;
        }

        private string[]? _sortedNames;

        /// <summary>Whether a KEEP pattern such as <c>source.geo.*</c> can match any known field (a binary search: KEEP may list thousands).</summary>
        public bool AnyMatches(string pattern)
        {
            string prefix = pattern.Substring(0, pattern.IndexOf('*'));
            if (prefix.Length == 0 || prefix.StartsWith("Esql", StringComparison.Ordinal)) return true;
            _sortedNames ??= AllNames.OrderBy(n => n, StringComparer.Ordinal).ToArray();
            int at = Array.BinarySearch(_sortedNames, prefix, StringComparer.Ordinal);
            if (at < 0) at = ~at;
            return at < _sortedNames.Length && _sortedNames[at].StartsWith(prefix, StringComparison.Ordinal);
        }

        public IEnumerable<string> AllNames => _layers.SelectMany(l => l.Keys).Distinct();

        private static Dictionary<string, FieldInfo> Load(string name)
        {
            using Stream stream = typeof(FieldSchema).Assembly.GetManifestResourceStream("RuleGen.Schema." + name)
                ?? throw new InvalidOperationException("missing embedded schema " + name);
            using var reader = new StreamReader(stream);
            var fields = new Dictionary<string, FieldInfo>(StringComparer.Ordinal);
            string? line;
            while ((line = reader.ReadLine()) is not null)
            {
                if (line.StartsWith("#", StringComparison.Ordinal) || line.StartsWith("name\t", StringComparison.Ordinal)) continue;
                string[] c = line.Split('\t');
                if (c.Length < 4) continue;
                int? ignoreAbove = c.Length > 4 && int.TryParse(c[4], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int above) ? above : null;
                fields[c[0]] = new FieldInfo(c[0], c[1], c[2] == "1", c[3].Length == 0 ? null : c[3], ignoreAbove);
            }
            // ECS's multi-fields (process.command_line.text, a match_only_text beside the wildcard field) index their
            // parent's value: documents never hold them, so reading one reads the parent (ecs_flat.yml multi_fields).
            foreach (FieldInfo field in fields.Values.ToList())
            {
                if (field.Type is "text" or "match_only_text" && field.Name.EndsWith(".text", StringComparison.Ordinal)
                    && fields.ContainsKey(field.Name.Substring(0, field.Name.Length - ".text".Length)))
                {
                    fields[field.Name] = field with { AliasPath = field.Name.Substring(0, field.Name.Length - ".text".Length) };
                }
            }
            return fields;
        }

        /// <summary>An integration-style fields.yml: a list of {name, type, fields} with groups nesting names.</summary>
        private static Dictionary<string, FieldInfo> FromFieldsYaml(ProjectFieldsFile file, List<string> problems)
        {
            var fields = new Dictionary<string, FieldInfo>(StringComparer.Ordinal);
            try
            {
                // Fields files are YAML too: walked first, so a deep or alias-bomb file cannot take the build down.
                var preflight = new Diagnostics.DiagnosticBag();
                if (!Parsing.YamlPreflight.Check(file.Text, new Parsing.SourceLines(file.Path, file.Text), preflight, out _))
                {
                    problems.Add($"{Path.GetFileName(file.Path)}: {preflight.ToEquatableArray()[0].ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
                    return fields;
                }
                var stream = new YamlStream();
                stream.Load(new StringReader(file.Text));
                if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlSequenceNode root) Walk(root, string.Empty, fields, new Limits.DepthGuard(Limits.RuleLimits.YamlNesting, "The YAML"));
                else problems.Add($"{Path.GetFileName(file.Path)} is not a list of fields");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                problems.Add($"{Path.GetFileName(file.Path)} is not valid YAML: {e.Message}");
            }
            return fields;
        }

        /// <summary>
        /// Fleet installs an integration's keyword field with its own ignore_above, else 1024 (Kibana's Fleet plugin,
        /// epm/elasticsearch/template/mappings.ts; not for fields with index or doc_values false).
        /// </summary>
        private static int? FleetIgnoreAbove(string type, string? ignoreAbove, string? index, string? docValues)
        {
            if (type != "keyword" || index == "false" || docValues == "false") return null;
            return int.TryParse(ignoreAbove, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int above) ? above : DefaultIgnoreAbove;
        }

        private static string? ScalarOf(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? v) ? (v as YamlScalarNode)?.Value : null;

        /// <summary>Fleet's ignore_above for keyword fields, and ecs@mappings' for strings no mapping names.</summary>
        public const int DefaultIgnoreAbove = 1024;

        private static void Walk(YamlSequenceNode list, string prefix, Dictionary<string, FieldInfo> fields, Limits.DepthGuard guard)
        {
            using Limits.DepthGuard.Level level = guard.Enter();
            foreach (YamlNode node in list.Children)
            {
                if (node is not YamlMappingNode field) continue;
                string? Get(string key) => field.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? v) ? (v as YamlScalarNode)?.Value : null;
                string? name = Get("name");
                if (name is null) continue;
                string type = Get("type") ?? "keyword";
                if (type == "group" && field.Children.TryGetValue(new YamlScalarNode("fields"), out YamlNode? children) && children is YamlSequenceNode sub)
                {
                    Walk(sub, prefix + name + ".", fields, guard);
                    continue;
                }
                string full = prefix + name;
                string? exact = null;
                if (field.Children.TryGetValue(new YamlScalarNode("multi_fields"), out YamlNode? multi) && multi is YamlSequenceNode subFields)
                {
                    // Beats/integration fields.yml multi_fields: each indexes the parent's value another way.
                    foreach (YamlMappingNode multiField in subFields.Children.OfType<YamlMappingNode>())
                    {
                        string? subName = multiField.Children.TryGetValue(new YamlScalarNode("name"), out YamlNode? n) ? (n as YamlScalarNode)?.Value : null;
                        if (subName is null) continue;
                        string subType = (multiField.Children.TryGetValue(new YamlScalarNode("type"), out YamlNode? t) ? (t as YamlScalarNode)?.Value : null) ?? "keyword";
                        fields[full + "." + subName] = new FieldInfo(full + "." + subName, subType, false, null, FleetIgnoreAbove(subType, ScalarOf(multiField, "ignore_above"), ScalarOf(multiField, "index"), ScalarOf(multiField, "doc_values"))) { AliasPath = full };
                        if (exact is null && subType is "keyword" or "wildcard" or "constant_keyword") exact = full + "." + subName;
                    }
                }
                fields[full] = new FieldInfo(full, type, false, Get("value"), FleetIgnoreAbove(type, Get("ignore_above"), Get("index"), Get("doc_values"))) { AliasPath = type == "alias" ? Get("path") : null, ExactField = exact };
            }
        }
    }
}
