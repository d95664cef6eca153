using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;
using RuleGen.Generator.Parsing;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Generator.Languages.Sigma.Correlations
{
    /// <summary>
    /// Reads a Sigma correlation rule (a YAML document with a <c>correlation</c> key; specification v2.1.0 and its JSON
    /// schema): metadata, type, rules, group-by, timespan, condition, field, aliases and generate, every mistake a
    /// located diagnostic (RG0100–RG0109). What needs the other rules of the set (unknown references, cycles) is
    /// checked by <see cref="SigmaCorrelationChecks"/>.
    /// </summary>
    internal sealed class SigmaCorrelationReader
    {
        public static readonly string[] Types = { "event_count", "value_count", "temporal", "temporal_ordered", "value_sum", "value_avg", "value_percentile" };

        private static readonly string[] TopKeys =
        {
            "title", "id", "name", "status", "description", "author", "references", "date", "modified", "taxonomy", "correlation",
            "falsepositives", "level", "generate", "tags", "license", "related", "fields",
        };

        private static readonly string[] CorrelationKeys = { "type", "rules", "group-by", "timespan", "condition", "aliases", "field" };

        private static readonly string[] Operators = { "gt", "gte", "lt", "lte", "eq", "neq" };

        // The spec's "number + letter (in lowercase)"; the JSON schema's pattern is ^\d+[smhdwMy]$, but w/M/y are not in the text.
        private static readonly Regex Timespan = new(@"^([0-9]{1,9})([smhd])$", RegexOptions.CultureInvariant);

        private readonly SourceLines _lines;
        private readonly DiagnosticBag _diagnostics;

        private SigmaCorrelationReader(SourceLines lines, DiagnosticBag diagnostics)
        {
            _lines = lines;
            _diagnostics = diagnostics;
        }

        public static bool IsCorrelation(YamlMappingNode root) => Child(root, "correlation") is not null;

        /// <summary>The rule, or null when an error stops it (its diagnostics are in the bag either way).</summary>
        public static SigmaCorrelationFile? Read(YamlMappingNode root, SourceLines lines, DiagnosticBag diagnostics) =>
            new SigmaCorrelationReader(lines, diagnostics).Read(root);

        private SigmaCorrelationFile? Read(YamlMappingNode root)
        {
            // Other top-level keys are custom attributes: the Sigma rule specification allows "arbitrary custom fields",
            // the correlation schema does not forbid additional properties, and pySigma keeps them (custom_attributes);
            // Hayabusa's correlations carry `ruletype`. Only a likely misspelling of a known key is worth a warning.
            foreach (var entry in root.Children)
            {
                if (entry.Key is YamlScalarNode { Value: string key } keyNode && Array.IndexOf(TopKeys, key) < 0
                    && _diagnostics.TakeSuggestion() && DidYouMean.Closest(key, TopKeys) is string closest)
                    Add(DiagnosticCatalog.CorrelationIgnoredKey, keyNode, $"Correlation rule: '{key}' is not a correlation key and is ignored as a custom attribute; did you mean '{closest}'?");
            }
            string? title = Scalar(root, "title", required: true);
            string? id = Scalar(root, "id", required: false);
            string? name = Scalar(root, "name", required: false);
            string? level = Scalar(root, "level", required: false);
            bool generate = Boolean(root, "generate");
            if (id is null) Add(DiagnosticCatalog.CorrelationInvalid, root, "a correlation needs an 'id': its alerts, and the correlations chained on it, are keyed by it");

            YamlNode? body = Child(root, "correlation");
            if (body is not YamlMappingNode correlation)
            {
                Error(body ?? root, "'correlation' must be a map (type, rules, group-by, timespan, condition, aliases)");
                return null;
            }
            foreach (var entry in correlation.Children)
            {
                if (entry.Key is YamlScalarNode { Value: string key } keyNode && Array.IndexOf(CorrelationKeys, key) < 0)
                    Error(keyNode, $"unknown key '{key}' in 'correlation'{DidYouMean.Suffix(key, CorrelationKeys, _diagnostics)}");
            }

            string? type = ReadType(correlation);
            List<CorrelationReferenceSite> rules = ReadRules(correlation);
            List<string> groupBy = ReadGroupBy(correlation, type);
            long timespan = ReadTimespan(correlation);
            (List<CorrelationBoundModel> condition, string? field) = ReadCondition(correlation, type, rules.Count);
            // The spec lists `field` inside the condition; a few converters also read it beside the condition.
            if (Child(correlation, "field") is YamlNode fieldNode)
            {
                if (field is null && fieldNode is YamlScalarNode { Value: string f } && f.Length > 0) field = f;
                else Error(fieldNode, "'field' belongs in the condition (condition: {field: …, gte: …}), once");
            }
            if (field is not null && type is "event_count" or "temporal" or "temporal_ordered")
                Add(DiagnosticCatalog.CorrelationIgnoredKey, Child(Child(correlation, "condition") as YamlMappingNode, "field") ?? correlation,
                    $"A {type} correlation measures no field: 'field' is ignored");
            if (type is "temporal" or "temporal_ordered" && rules.Count == 1)
                Add(DiagnosticCatalog.CorrelationIgnoredKey, Child(correlation, "rules")!, $"A {type} correlation over one rule is an event_count of at least 1");
            List<CorrelationAliasModel> aliases = ReadAliases(correlation, rules, groupBy);

            if (_diagnostics.HasErrors || type is null || title is null || id is null) return null;
            var model = new SigmaCorrelationModel(type, rules.Select(r => r.Text).ToEquatableArray(), groupBy.ToEquatableArray(), timespan,
                condition.ToEquatableArray(), field, generate, aliases.ToEquatableArray(), name);
            var site = new CorrelationSite(_lines.Path, id, name, rules.ToEquatableArray(), Loc(Child(root, "correlation")!, 0));
            return new SigmaCorrelationFile(model, site, title, id, name, level, Scalar(root, "description", false), Scalar(root, "author", false),
                Scalar(root, "status", false), Strings(root, "references"), Strings(root, "falsepositives"), Strings(root, "tags"),
                KeyLocation(root, "title"), KeyLocation(root, "id"));
        }

        private string? ReadType(YamlMappingNode correlation)
        {
            YamlNode? node = Child(correlation, "type");
            if (node is null)
            {
                Add(DiagnosticCatalog.CorrelationInvalid, correlation, "'type' is required (event_count, value_count, temporal, temporal_ordered, value_sum, value_avg, value_percentile)");
                return null;
            }
            if (node is YamlScalarNode { Value: string type } && Array.IndexOf(Types, type) >= 0) return type;
            string text = (node as YamlScalarNode)?.Value ?? "?";
            Add(DiagnosticCatalog.CorrelationUnknownType, node, text, DidYouMean.Suffix(text, Types, _diagnostics));
            return null;
        }

        private List<CorrelationReferenceSite> ReadRules(YamlMappingNode correlation)
        {
            var rules = new List<CorrelationReferenceSite>();
            YamlNode? node = Child(correlation, "rules");
            IEnumerable<YamlNode> items = node switch
            {
                YamlSequenceNode sequence => sequence.Children,
                // One rule written as a scalar: the schema allows a string or a list.
                YamlScalarNode scalar when !string.IsNullOrEmpty(scalar.Value) => new[] { scalar },
                _ => Array.Empty<YamlNode>(),
            };
            foreach (YamlNode item in items)
            {
                if (item is not YamlScalarNode { Value: string text } scalar || text.Length == 0)
                {
                    Error(item, "each entry of 'rules' is the id or name of a rule");
                    continue;
                }
                if (rules.Any(r => r.Text == text)) Error(item, $"'{text}' is listed twice in 'rules'");
                else rules.Add(new CorrelationReferenceSite(text, Loc(scalar, text.Length)));
            }
            if (rules.Count == 0 && !_diagnostics.HasErrors)
                Add(DiagnosticCatalog.CorrelationInvalid, node ?? correlation, "'rules' lists the rules (ids or names) the correlation refers to; it has none");
            return rules;
        }

        private List<string> ReadGroupBy(YamlMappingNode correlation, string? type)
        {
            var fields = new List<string>();
            YamlNode? node = Child(correlation, "group-by");
            if (node is null)
            {
                Add(DiagnosticCatalog.CorrelationNoGroupBy, KeyOrSelf(correlation, "type"));
                return fields;
            }
            IEnumerable<YamlNode> items = node is YamlSequenceNode sequence ? sequence.Children : node is YamlScalarNode s && !string.IsNullOrEmpty(s.Value) ? new[] { node } : Array.Empty<YamlNode>();
            foreach (YamlNode item in items)
            {
                if (item is YamlScalarNode { Value: string field } && field.Length > 0)
                {
                    if (fields.Contains(field)) Error(item, $"'{field}' is listed twice in 'group-by'");
                    else fields.Add(field);
                }
                else Error(item, "each entry of 'group-by' is a field name (or an alias)");
            }
            if (node is not YamlSequenceNode && fields.Count == 0) Error(node, "'group-by' is a list of field names");
            else if (fields.Count == 0) Add(DiagnosticCatalog.CorrelationNoGroupBy, node);
            return fields;
        }

        private long ReadTimespan(YamlMappingNode correlation)
        {
            YamlNode? node = Child(correlation, "timespan");
            if (node is null)
            {
                Add(DiagnosticCatalog.CorrelationInvalid, correlation, "'timespan' is required (a number and s, m, h or d: 10m)");
                return 0;
            }
            string text = (node as YamlScalarNode)?.Value ?? "";
            Match match = Timespan.Match(text);
            long n = match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            if (n <= 0)
            {
                Add(DiagnosticCatalog.CorrelationBadTimespan, node, text);
                return 0;
            }
            long unit = match.Groups[2].Value switch { "s" => 1_000L, "m" => 60_000L, "h" => 3_600_000L, _ => 86_400_000L };
            return n * unit;
        }

        private (List<CorrelationBoundModel> Bounds, string? Field) ReadCondition(YamlMappingNode correlation, string? type, int rules)
        {
            var bounds = new List<CorrelationBoundModel>();
            string? field = null;
            YamlNode? node = Child(correlation, "condition");
            bool temporal = type is "temporal" or "temporal_ordered";
            bool measures = type is "value_count" or "value_sum" or "value_avg" or "value_percentile";
            if (node is null)
            {
                // The temporal types default to "every referenced rule matched" (their Requires list has no condition).
                if (type is not null && !temporal) Add(DiagnosticCatalog.CorrelationBadCondition, KeyOrSelf(correlation, "type"), $"a {type} correlation needs a condition (gte: 10, …)");
                return (bounds, null);
            }
            if (node is not YamlMappingNode map)
            {
                Add(DiagnosticCatalog.CorrelationBadCondition, node, "it is a map of gt, gte, lt, lte, eq, neq (two make a range) and, for value types, field");
                return (bounds, null);
            }
            foreach (var entry in map.Children)
            {
                string key = (entry.Key as YamlScalarNode)?.Value ?? "";
                if (key == "field")
                {
                    if (entry.Value is YamlScalarNode { Value: string f } && f.Length > 0) field = f;
                    else Add(DiagnosticCatalog.CorrelationBadCondition, entry.Value, "'field' is one field name");
                    continue;
                }
                if (Array.IndexOf(Operators, key) < 0)
                {
                    Add(DiagnosticCatalog.CorrelationBadCondition, entry.Key, $"unknown operator '{key}'{DidYouMean.Suffix(key, Operators, _diagnostics)}; one of gt, gte, lt, lte, eq, neq");
                    continue;
                }
                string text = (entry.Value as YamlScalarNode)?.Value ?? "";
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || double.IsNaN(value) || double.IsInfinity(value))
                {
                    Add(DiagnosticCatalog.CorrelationBadCondition, entry.Value, $"'{key}' takes a number, not '{text}'");
                    continue;
                }
                if (bounds.Count == 2)
                {
                    Add(DiagnosticCatalog.CorrelationBadCondition, entry.Key, "at most two criteria (a range, such as gt: 100 and lte: 200)");
                    continue;
                }
                bounds.Add(new CorrelationBoundModel(key, value));
            }
            if (bounds.Count == 0 && !(temporal && field is null)) Add(DiagnosticCatalog.CorrelationBadCondition, node, "it has no criterion (gt, gte, lt, lte, eq or neq)");
            if (bounds.Count == 2 && !IsRange(bounds[0], bounds[1]))
                Add(DiagnosticCatalog.CorrelationBadCondition, node, $"'{bounds[0].Operator}' and '{bounds[1].Operator}' make no range: two criteria are a lower bound (gt, gte) and an upper bound (lt, lte)");
            else if (bounds.Count == 2 && Empty(bounds[0], bounds[1]))
                Add(DiagnosticCatalog.CorrelationBadCondition, node, $"{bounds[0].Operator} {bounds[0].Value} and {bounds[1].Operator} {bounds[1].Value} hold for no number: the correlation can never fire");
            if (measures && field is null) Add(DiagnosticCatalog.CorrelationMissingField, node, type!);
            if (temporal && rules > 0)
                foreach (CorrelationBoundModel b in bounds)
                    if (b.Value > rules && b.Operator is "gt" or "gte" or "eq")
                        Add(DiagnosticCatalog.CorrelationBadCondition, node, $"a {type} condition counts the referenced rules that matched; {b.Operator} {b.Value} cannot hold with {rules} rule(s)");
            return (bounds, field);
        }

        private static bool IsRange(CorrelationBoundModel a, CorrelationBoundModel b)
        {
            bool lowA = a.Operator is "gt" or "gte", highA = a.Operator is "lt" or "lte";
            bool lowB = b.Operator is "gt" or "gte", highB = b.Operator is "lt" or "lte";
            return (lowA && highB) || (highA && lowB);
        }

        private static bool Empty(CorrelationBoundModel a, CorrelationBoundModel b)
        {
            CorrelationBoundModel low = a.Operator is "gt" or "gte" ? a : b, high = ReferenceEquals(low, a) ? b : a;
            return low.Value > high.Value || (low.Value == high.Value && (low.Operator == "gt" || high.Operator == "lt"));
        }

        private List<CorrelationAliasModel> ReadAliases(YamlMappingNode correlation, List<CorrelationReferenceSite> rules, List<string> groupBy)
        {
            var aliases = new List<CorrelationAliasModel>();
            YamlNode? node = Child(correlation, "aliases");
            if (node is null) return aliases;
            if (node is not YamlMappingNode map)
            {
                Error(node, "'aliases' maps each alias to {rule name: field}");
                return aliases;
            }
            foreach (var entry in map.Children)
            {
                string alias = (entry.Key as YamlScalarNode)?.Value ?? "";
                if (entry.Value is not YamlMappingNode perRule)
                {
                    Add(DiagnosticCatalog.CorrelationBadAlias, entry.Value, alias, "it maps each referenced rule's name to the field the alias is in that rule's events");
                    continue;
                }
                if (!groupBy.Contains(alias))
                    Add(DiagnosticCatalog.CorrelationIgnoredKey, entry.Key, $"alias '{alias}' is not in group-by, so it has no effect");
                foreach (var mapping in perRule.Children)
                {
                    string rule = (mapping.Key as YamlScalarNode)?.Value ?? "";
                    string? field = (mapping.Value as YamlScalarNode)?.Value;
                    if (rules.All(r => r.Text != rule))
                    {
                        Add(DiagnosticCatalog.CorrelationBadAlias, mapping.Key, alias,
                            $"'{rule}' is not one of the correlation's rules{DidYouMean.Suffix(rule, rules.Select(r => r.Text), _diagnostics)}");
                        continue;
                    }
                    if (string.IsNullOrEmpty(field))
                    {
                        Add(DiagnosticCatalog.CorrelationBadAlias, mapping.Value, alias, $"the field for '{rule}' is one field name");
                        continue;
                    }
                    aliases.Add(new CorrelationAliasModel(alias, rule, field!));
                }
            }
            return aliases;
        }

        private string? Scalar(YamlMappingNode root, string key, bool required)
        {
            YamlNode? node = Child(root, key);
            if (node is null)
            {
                if (required) Add(DiagnosticCatalog.CorrelationInvalid, root, $"'{key}' is required");
                return null;
            }
            if (node is YamlScalarNode { Value: string value } && value.Trim().Length > 0) return value;
            Error(node, $"'{key}' must be a non-empty text");
            return null;
        }

        private bool Boolean(YamlMappingNode root, string key)
        {
            YamlNode? node = Child(root, key);
            if (node is null) return false;
            string? text = (node as YamlScalarNode)?.Value;
            if (text is "true" or "True" or "TRUE") return true;
            if (text is "false" or "False" or "FALSE") return false;
            Error(node, $"'{key}' is true or false");
            return false;
        }

        private static EquatableArray<string> Strings(YamlMappingNode root, string key) => Child(root, key) switch
        {
            YamlSequenceNode s => s.Children.OfType<YamlScalarNode>().Select(n => n.Value ?? "").Where(v => v.Length > 0).ToEquatableArray(),
            YamlScalarNode { Value: string v } when v.Length > 0 => new[] { v }.ToEquatableArray(),
            _ => EquatableArray<string>.Empty,
        };

        private LocationInfo? KeyLocation(YamlMappingNode root, string key) => Child(root, key) is YamlNode node ? _lines.Of(node) : null;

        private static YamlNode? Child(YamlMappingNode? map, string key) =>
            map?.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key).Value;

        private static YamlNode KeyOrSelf(YamlMappingNode map, string key) =>
            map.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key).Key ?? map;

        private LocationInfo Loc(YamlNode node, int length) => _lines.Of(node, length);

        private void Error(YamlNode node, string message) => Add(DiagnosticCatalog.CorrelationInvalid, node, message);

        private void Add(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, YamlNode node, params string[] args) =>
            _diagnostics.Add(descriptor, _lines.Of(node, node is YamlScalarNode { Value: string v } ? v.Length : 0), args);
    }

    /// <summary>A correlation file as read: the model, its located references, and its metadata.</summary>
    internal sealed record SigmaCorrelationFile(
        SigmaCorrelationModel Model, CorrelationSite Site, string Title, string Id, string? Name, string? Level, string? Description, string? Author,
        string? Status, EquatableArray<string> References, EquatableArray<string> FalsePositives, EquatableArray<string> Tags,
        LocationInfo? TitleAt, LocationInfo? IdAt);
}
