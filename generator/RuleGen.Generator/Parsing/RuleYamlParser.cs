using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Generator.Parsing
{
    /// <summary>
    /// Reads a rule file (format 1: the keys of Elastic's <c>[rule]</c> table) into a <see cref="ParsedRule"/>,
    /// reporting every problem at the key or value that causes it. Rules of every language and type are read
    /// (<see cref="RuleKindReader"/>); the keys of index, filters, EQL, new_terms, threshold and suppression are
    /// <see cref="RuleSearchReader"/>'s.
    /// </summary>
    internal sealed partial class RuleYamlParser
    {
        /// <summary>Keys RuleGen understands, in the order the docs list them.</summary>
        public static readonly string[] KnownKeys =
        {
            "rule_id", "name", "description", "language", "type", "severity", "risk_score", "interval", "from",
            "max_signals", "version", "author", "license", "tags", "references", "false_positives", "note", "setup",
            "timestamp_override", "investigation_fields", "threat", "query", "tests", "metadata",
            "building_block_type", "timeline_id", "timeline_title", "schema",
            "index", "filters", "exceptions_list", "event_category_override", "tiebreaker_field", "timestamp_field",
            "new_terms", "threshold", "alert_suppression",
        };

        /// <summary>Elastic keys that change what a rule does; accepting them silently would change behaviour.</summary>
        private static readonly Dictionary<string, string> UnsupportedKeys = new()
        {
            ["severity_mapping"] = "severity is fixed per rule for now",
            ["risk_score_mapping"] = "risk_score is fixed per rule for now",
            ["rule_name_override"] = "alert names come from 'name' for now",
        };

        private static readonly string[] RequiredKeys = { "rule_id", "name", "description", "severity", "risk_score", "query" };
        private static readonly string[] Severities = { "low", "medium", "high", "critical" };
        // At most six digits (999999d is 2,700 years): the tick engine does its schedule arithmetic in Unix milliseconds,
        // and a longer number would overflow there, at the first stage hit of the scan, instead of here at the key.
        private static readonly Regex IntervalPattern = new(@"^[1-9][0-9]{0,5}[smhd]$", RegexOptions.CultureInvariant);
        private static readonly Regex FromPattern = new(@"^now-[1-9][0-9]{0,5}[smhd]$", RegexOptions.CultureInvariant);

        private readonly SourceLines _lines;
        private readonly DiagnosticBag _diagnostics;
        private Mark _lastMark = Mark.Empty;
        private readonly ThreatLocations _threatLocations = new();
        private readonly List<YamlMappingNode> _testEvents = new();

        private readonly YamlValues _yaml;

        private RuleYamlParser(SourceLines lines, DiagnosticBag diagnostics)
        {
            _lines = lines;
            _diagnostics = diagnostics;
            _yaml = new YamlValues(lines, diagnostics);
        }

        public static ParsedRule? Parse(SourceLines lines, string text, DiagnosticBag diagnostics) => Parse(lines, text, diagnostics, out _);

        /// <summary>The rule, or, for a Sigma correlation rule (a <c>correlation</c> key), null and the correlation.</summary>
        public static ParsedRule? Parse(SourceLines lines, string text, DiagnosticBag diagnostics, out Languages.Sigma.Correlations.SigmaCorrelationFile? correlation)
        {
            var parser = new RuleYamlParser(lines, diagnostics);
            ParsedRule? rule = parser.Parse(text);
            correlation = parser._correlation;
            return rule;
        }

        private Languages.Sigma.Correlations.SigmaCorrelationFile? _correlation;

        /// <summary>
        /// One document of a Sigma collection (<see cref="SigmaCollection"/>), already loaded and merged: the same
        /// reading as a one-document file's, at the positions of its nodes in the file.
        /// </summary>
        public static ParsedRule? ParseRoot(SourceLines lines, YamlMappingNode root, DiagnosticBag diagnostics, out Languages.Sigma.Correlations.SigmaCorrelationFile? correlation)
        {
            var parser = new RuleYamlParser(lines, diagnostics);
            ParsedRule? rule = parser.Parse(root);
            correlation = parser._correlation;
            return rule;
        }

        /// <summary>The file's YAML stream with the one-document path's checks (size, preflight), or null after a located error.</summary>
        public static YamlStream? LoadStream(SourceLines lines, string text, DiagnosticBag diagnostics) =>
            new RuleYamlParser(lines, diagnostics).Load(text);

        private ParsedRule? Parse(string text)
        {
            YamlMappingNode? root = LoadRoot(text);
            if (root is null) return null;
            return Parse(root);
        }

        private ParsedRule? Parse(YamlMappingNode root)
        {

            // A Sigma correlation rule (spec v2.1) refers to other rules instead of matching events itself.
            if (Languages.Sigma.Correlations.SigmaCorrelationReader.IsCorrelation(root))
            {
                _correlation = Languages.Sigma.Correlations.SigmaCorrelationReader.Read(root, _lines, _diagnostics);
                return null;
            }

            // A Sigma rule (logsource + detection) is recognised by its own keys and read by the Sigma front end.
            if (SigmaRuleFile.IsSigma(root)) return SigmaRuleFile.Read(root, _lines, _diagnostics);
            if (PipelineInRuleFile.Check(root, _lines, _diagnostics)) return null;

            var values = new Dictionary<string, (YamlScalarNode Key, YamlNode Value)>(StringComparer.Ordinal);
            foreach (KeyValuePair<YamlNode, YamlNode> entry in root.Children)
            {
                if (entry.Key is not YamlScalarNode keyNode || keyNode.Value is null)
                {
                    _diagnostics.Add(DiagnosticCatalog.WrongValueShape, Loc(entry.Key), "A key", "a plain name");
                    continue;
                }
                string key = keyNode.Value;
                if (UnsupportedKeys.TryGetValue(key, out string? why))
                {
                    _diagnostics.Add(DiagnosticCatalog.KeyNotSupportedYet, Loc(keyNode, key.Length), key, why);
                    continue;
                }
                if (Array.IndexOf(KnownKeys, key) < 0)
                {
                    _diagnostics.Add(DiagnosticCatalog.UnknownKey, Loc(keyNode, key.Length), key, DidYouMean.Suffix(key, KnownKeys, _diagnostics));
                    continue;
                }
                values[key] = (keyNode, entry.Value);
            }

            foreach (string required in RequiredKeys)
            {
                if (!values.TryGetValue(required, out var entry))
                {
                    _diagnostics.Add(DiagnosticCatalog.MissingKey, Loc(root, 0), required);
                }
                else if (entry.Value is YamlScalarNode scalar && IsEmpty(scalar))
                {
                    // "name:", "name: null", "name: ''", "name: ' '": there, but nothing in it.
                    _diagnostics.Add(DiagnosticCatalog.WrongValueShape, Loc(scalar.Value!.Length == 0 && scalar.Style == ScalarStyle.Plain ? entry.Key : entry.Value),
                        required, "a non-empty value, not null or blank");
                    values.Remove(required);
                }
            }

            // Every language is read; which front end compiles the query is the compiler's choice.
            RuleKind kind = RuleKindReader.Read(values, _yaml);

            string severity = OptionalString(values, "severity") ?? "low";
            if (values.TryGetValue("severity", out var severityEntry) && Array.IndexOf(Severities, severity) < 0)
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidSeverity, Loc(severityEntry.Value), severity);
            }

            int riskScore = OptionalInt(values, "risk_score", 0, "a whole number");
            if (values.TryGetValue("risk_score", out var riskEntry) && (riskScore < 0 || riskScore > 100))
            {
                _diagnostics.Add(DiagnosticCatalog.RiskScoreOutOfRange, Loc(riskEntry.Value), riskScore.ToString(CultureInfo.InvariantCulture));
            }

            string interval = Schedule(values, "interval", "5m", IntervalPattern, "a positive duration such as 5m, 30s, 1h or 1d");
            string from = Schedule(values, "from", "now-6m", FromPattern, "date math such as now-9m");
            CheckBands(values, severity, riskScore);
            CheckLookBack(values, interval, from);
            int maxSignals = OptionalInt(values, "max_signals", 100, "a positive whole number", minimum: 1);
            int version = OptionalInt(values, "version", 1, "a positive whole number", minimum: 1);

            var fieldReferences = new List<KeyFieldReference>();
            string? timestampOverride = OptionalString(values, "timestamp_override");
            if (timestampOverride is not null) fieldReferences.Add(new KeyFieldReference(timestampOverride, "timestamp_override", Loc(values["timestamp_override"].Value)));
            RuleSearchModel search = RuleSearchReader.Read(_yaml, values, kind, from, fieldReferences, out IReadOnlyList<LocationInfo> indexLocations);
            string? buildingBlockType = OptionalString(values, "building_block_type");
            if (buildingBlockType is not null && buildingBlockType != "default")
            {
                // Elastic's only building block type (detection-rules' BuildingBlockType).
                _diagnostics.Add(DiagnosticCatalog.WrongValueShape, Loc(values["building_block_type"].Value), "building_block_type", "default");
                buildingBlockType = null;
            }

            var metadata = new RuleMetadataModel(
                RuleId: OptionalString(values, "rule_id") ?? string.Empty,
                Name: OptionalString(values, "name") ?? string.Empty,
                Description: OptionalString(values, "description") ?? string.Empty,
                Language: kind.LanguageName,
                Severity: severity,
                RiskScore: riskScore,
                Interval: interval,
                From: from,
                MaxSignals: maxSignals,
                Version: version,
                Authors: StringList(values, "author"),
                License: OptionalString(values, "license"),
                Tags: StringList(values, "tags"),
                References: StringList(values, "references"),
                FalsePositives: StringList(values, "false_positives"),
                Note: OptionalString(values, "note"),
                Setup: OptionalString(values, "setup"),
                TimestampOverride: timestampOverride,
                InvestigationFields: InvestigationFields(values),
                Threat: Threats(values),
                Tests: Tests(values),
                Schema: SchemaName(values),
                Type: kind.TypeName,
                BuildingBlockType: buildingBlockType,
                Search: search);

            if (values.TryGetValue("metadata", out var metadataEntry) && metadataEntry.Value is not YamlMappingNode)
            {
                _diagnostics.Add(DiagnosticCatalog.WrongValueShape, Loc(metadataEntry.Value), "metadata", "a mapping (Elastic's [metadata] table)");
            }

            if (!values.TryGetValue("query", out var queryEntry)) return null;
            if (queryEntry.Value is not YamlScalarNode queryNode || string.IsNullOrWhiteSpace(queryNode.Value))
            {
                _diagnostics.Add(DiagnosticCatalog.WrongValueShape, Loc(queryEntry.Value), "query", "a non-empty string (use a | block for several lines)");
                return null;
            }
            return new ParsedRule(metadata, queryNode.Value!, new ScalarPositions(_lines, queryNode), Loc(queryEntry.Key, 5),
                values.TryGetValue("rule_id", out var idEntry) ? Loc(idEntry.Value) : null,
                values.TryGetValue("name", out var nameEntry) ? Loc(nameEntry.Value) : null,
                _threatLocations, _testEvents)
            {
                Language = kind.Language,
                RuleType = kind.Type,
                LanguageLocation = kind.LanguageLocation,
                TypeLocation = kind.TypeLocation,
                Search = search,
                IndexLocations = indexLocations,
                FieldReferences = fieldReferences,
            };
        }

        private YamlMappingNode? LoadRoot(string text)
        {
            YamlStream? stream = Load(text);
            if (stream is null) return null;

            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                string found = stream.Documents.Count == 0 ? "an empty file" : Describe(stream.Documents[0].RootNode);
                _diagnostics.Add(DiagnosticCatalog.RootNotMapping, stream.Documents.Count == 0 ? _lines.FileStart : Loc(stream.Documents[0].RootNode), found);
                return null;
            }
            if (stream.Documents.Count > 1)
            {
                // Several documents are a Sigma collection (SigmaCollection), read before this path; any other file holds one rule.
                _diagnostics.Add(DiagnosticCatalog.RootNotMapping, Loc(stream.Documents[1].RootNode), "a second YAML document (several documents are read only as a Sigma rule collection: Sigma rules and correlations)");
            }
            return root;
        }

        private YamlStream? Load(string text)
        {
            var stream = new YamlStream();
            try
            {
                if (text.Length > Limits.RuleLimits.FileCharacters)
                {
                    _diagnostics.Add(DiagnosticCatalog.TooLarge, _lines.AtMark(1, 1),
                        "The rule file has " + text.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " characters", Limits.RuleLimits.FileCharacters.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
                    return null;
                }
                bool ok = YamlPreflight.Check(text, _lines, _diagnostics, out _lastMark);
                if (!ok) return null;
                stream.Load(new Parser(new StringReader(text)));
            }
            catch (YamlException e)
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidYaml, _lines.AtMark(e.Start.Line, e.Start.Column), CleanYamlMessage(e));
                return null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // YamlDotNet throws plain exceptions on some malformed flow collections: report them after the last
                // node it read, which is where the structure broke.
                _diagnostics.Add(DiagnosticCatalog.InvalidYaml, _lines.AtMark(_lastMark.Line, _lastMark.Column),
                    $"the structure breaks after this point ({e.Message})");
                return null;
            }
            return stream;
        }

        private static string CleanYamlMessage(YamlException e)
        {
            string message = e.InnerException?.Message ?? e.Message;
            // YamlDotNet prefixes "(Line: 3, Col: 5, Idx: 40) - (…): "; the location is reported separately.
            int cut = message.LastIndexOf("): ", StringComparison.Ordinal);
            return cut >= 0 ? message.Substring(cut + 3) : message;
        }

        /// <summary>RuleGen's <c>schema</c> key: which field names the query is checked against.</summary>
        private string? SchemaName(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> values)
        {
            string? name = OptionalString(values, "schema");
            if (name is null || Array.IndexOf(Binding.FieldSchema.Names, name) >= 0) return name;
            _diagnostics.Add(DiagnosticCatalog.WrongValueShape, Loc(values["schema"].Value), "schema", "one of " + string.Join(", ", Binding.FieldSchema.Names));
            return null;
        }

        /// <summary>Elastic's severity ↔ risk_score bands (detection-rules' unit test): a mismatch is a warning.</summary>
        private void CheckBands(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> values, string severity, int riskScore)
        {
            if (!values.TryGetValue("risk_score", out var risk) || !values.ContainsKey("severity")) return;
            (int low, int high)? band = severity switch
            {
                "low" => (0, 21),
                "medium" => (22, 47),
                "high" => (48, 73),
                "critical" => (74, 100),
                _ => null,
            };
            if (band is (int l, int h) && (riskScore < l || riskScore > h) && riskScore >= 0 && riskScore <= 100)
            {
                _diagnostics.Add(DiagnosticCatalog.RiskOutsideSeverityBand, Loc(risk.Value), riskScore.ToString(CultureInfo.InvariantCulture), severity, $"{l}-{h}");
            }
        }

        private void CheckLookBack(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> values, string interval, string from)
        {
            if (!values.TryGetValue("from", out var fromEntry)) return;
            long? back = Seconds(from.Substring("now-".Length)), every = Seconds(interval);
            if (back is long b && every is long e && b < e)
            {
                _diagnostics.Add(DiagnosticCatalog.LookBackShorterThanInterval, Loc(fromEntry.Value), from, from.Substring("now-".Length), interval);
            }
        }

        private static long? Seconds(string duration)
        {
            if (duration.Length < 2 || !long.TryParse(duration.Substring(0, duration.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long n)) return null;
            return duration[duration.Length - 1] switch { 's' => n, 'm' => n * 60, 'h' => n * 3600, 'd' => n * 86400, _ => (long?)null };
        }

        private string Schedule(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> values, string key, string fallback, Regex pattern, string expected)
        {
            string? value = OptionalString(values, key);
            if (value is null) return fallback;
            if (!pattern.IsMatch(value))
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidSchedule, Loc(values[key].Value), key, value, expected);
                return fallback;
            }
            return value;
        }

        private string? OptionalString(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> values, string key)
        {
            if (!values.TryGetValue(key, out var entry)) return null;
            if (entry.Value is YamlScalarNode scalar && scalar.Value is not null) return scalar.Value;
            _diagnostics.Add(DiagnosticCatalog.WrongValueShape, Loc(entry.Value), key, "a string");
            values.Remove(key);
            return null;
        }

        private int OptionalInt(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> values, string key, int fallback, string expected, int minimum = int.MinValue)
        {
            if (!values.TryGetValue(key, out var entry)) return fallback;
            if (entry.Value is YamlScalarNode scalar
                && scalar.Style is ScalarStyle.Plain
                && int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int number)
                && number >= minimum)
            {
                return number;
            }
            string found = entry.Value is YamlScalarNode s ? s.Value ?? string.Empty : Describe(entry.Value);
            _diagnostics.Add(DiagnosticCatalog.InvalidNumber, Loc(entry.Value), key, expected, found);
            return fallback;
        }

        private EquatableArray<string> StringList(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> values, string key)
        {
            if (!values.TryGetValue(key, out var entry)) return EquatableArray<string>.Empty;
            return StringList(entry.Value, key);
        }

        private EquatableArray<string> StringList(YamlNode node, string key)
        {
            if (node is YamlScalarNode single && single.Value is not null)
            {
                return new EquatableArray<string>(new[] { single.Value });
            }
            if (node is YamlSequenceNode sequence)
            {
                var items = new List<string>();
                foreach (YamlNode item in sequence.Children)
                {
                    if (item is YamlScalarNode scalar && scalar.Value is not null) items.Add(scalar.Value);
                    else _diagnostics.Add(DiagnosticCatalog.WrongValueShape, Loc(item), key, "a list of strings");
                }
                return new EquatableArray<string>(items);
            }
            _diagnostics.Add(DiagnosticCatalog.WrongValueShape, Loc(node), key, "a list of strings");
            return EquatableArray<string>.Empty;
        }

        private EquatableArray<string> InvestigationFields(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> values)
        {
            if (!values.TryGetValue("investigation_fields", out var entry)) return EquatableArray<string>.Empty;
            // Elastic writes [rule.investigation_fields] field_names = [...]; a bare list is accepted too.
            if (entry.Value is YamlMappingNode mapping)
            {
                foreach (var child in mapping.Children)
                {
                    if (child.Key is YamlScalarNode { Value: "field_names" }) return StringList(child.Value, "investigation_fields.field_names");
                    _diagnostics.Add(DiagnosticCatalog.UnknownKey, Loc(child.Key), ((YamlScalarNode)child.Key).Value ?? "", "; did you mean 'field_names'?");
                }
                return EquatableArray<string>.Empty;
            }
            return StringList(entry.Value, "investigation_fields");
        }

        private EquatableArray<ThreatModel> Threats(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> values)
        {
            var threats = new List<ThreatModel>();
            foreach (YamlMappingNode mapping in ListOfMappings(values, "threat", DiagnosticCatalog.InvalidThreat,
                "'threat' must be a list of {framework, tactic, technique} entries", "each entry is a mapping with framework, tactic and technique"))
            {
                var keys = Children(mapping, new[] { "framework", "tactic", "technique" }, "threat");
                string framework = keys.TryGetValue("framework", out YamlNode? f) && f is YamlScalarNode fs && fs.Value is not null ? fs.Value : "MITRE ATT&CK";
                AttackRef? tactic = keys.TryGetValue("tactic", out YamlNode? t) ? AttackReference(t, "tactic") : null;
                if (tactic is null)
                {
                    // A tactic that is there but broken was reported where it is broken.
                    if (t is null) _diagnostics.Add(DiagnosticCatalog.InvalidThreat, Loc(mapping), "a threat entry needs a tactic {id, name, reference}");
                    continue;
                }
                var techniques = new List<TechniqueModel>();
                if (keys.TryGetValue("technique", out YamlNode? techniqueNode))
                {
                    foreach (YamlMappingNode techniqueMapping in Mappings(techniqueNode, "technique"))
                    {
                        var techniqueKeys = Children(techniqueMapping, new[] { "id", "name", "reference", "subtechnique" }, "technique");
                        AttackRef? technique = AttackReference(techniqueMapping, "technique");
                        if (technique is null) continue;
                        var subtechniques = new List<AttackRef>();
                        if (techniqueKeys.TryGetValue("subtechnique", out YamlNode? subNode))
                        {
                            foreach (YamlMappingNode subMapping in Mappings(subNode, "subtechnique"))
                            {
                                AttackRef? sub = AttackReference(subMapping, "subtechnique");
                                if (sub is not null) subtechniques.Add(sub);
                            }
                        }
                        techniques.Add(new TechniqueModel(technique, new EquatableArray<AttackRef>(subtechniques)));
                    }
                }
                threats.Add(new ThreatModel(framework, tactic, new EquatableArray<TechniqueModel>(techniques)));
            }
            return new EquatableArray<ThreatModel>(threats);
        }

        /// <summary>The mappings of a list-valued key; anything else in their place is reported.</summary>
        private IEnumerable<YamlMappingNode> ListOfMappings(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> values, string key,
            Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, string notAList, string notAMapping)
        {
            if (!values.TryGetValue(key, out var entry)) yield break;
            if (entry.Value is not YamlSequenceNode sequence)
            {
                _diagnostics.Add(descriptor, Loc(entry.Value), notAList);
                yield break;
            }
            foreach (YamlNode item in sequence.Children)
            {
                if (item is YamlMappingNode mapping) yield return mapping;
                else _diagnostics.Add(descriptor, Loc(item), notAMapping);
            }
        }

        private IEnumerable<YamlMappingNode> Mappings(YamlNode node, string what)
        {
            if (node is YamlMappingNode single)
            {
                yield return single;
                yield break;
            }
            if (node is YamlSequenceNode sequence)
            {
                foreach (YamlNode item in sequence.Children)
                {
                    if (item is YamlMappingNode mapping) yield return mapping;
                    else _diagnostics.Add(DiagnosticCatalog.InvalidThreat, Loc(item), $"each {what} is a mapping {{id, name, reference}}");
                }
                yield break;
            }
            _diagnostics.Add(DiagnosticCatalog.InvalidThreat, Loc(node), $"{what} must be a list of {{id, name, reference}} mappings");
        }

        private AttackRef? AttackReference(YamlNode node, string what)
        {
            if (node is not YamlMappingNode mapping)
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidThreat, Loc(node), $"{what} must be a mapping {{id, name, reference}}");
                return null;
            }
            string? id = null, name = null, reference = null;
            LocationInfo? idAt = null, nameAt = null, referenceAt = null;
            foreach (var child in mapping.Children)
            {
                string? key = (child.Key as YamlScalarNode)?.Value;
                string? value = (child.Value as YamlScalarNode)?.Value;
                switch (key)
                {
                    case "id": id = value; idAt = Loc(child.Value); break;
                    case "name": name = value; nameAt = Loc(child.Value); break;
                    case "reference": reference = value; referenceAt = Loc(child.Value); break;
                }
            }
            if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(name))
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidThreat, Loc(mapping), $"{what} needs an id and a name");
                return null;
            }
            var parsed = new AttackRef(id!, name!, reference ?? string.Empty);
            _threatLocations[parsed] = new AttackRefLocations(Loc(mapping), idAt, nameAt, referenceAt);
            return parsed;
        }

        private Dictionary<string, YamlNode> Children(YamlMappingNode mapping, string[] allowed, string where)
        {
            var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var child in mapping.Children)
            {
                string key = (child.Key as YamlScalarNode)?.Value ?? string.Empty;
                if (Array.IndexOf(allowed, key) < 0)
                {
                    _diagnostics.Add(DiagnosticCatalog.UnknownKey, Loc(child.Key, key.Length), $"{where}.{key}", DidYouMean.Suffix(key, allowed, _diagnostics));
                    continue;
                }
                result[key] = child.Value;
            }
            return result;
        }

        private EquatableArray<RuleTestModel> Tests(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> values)
        {
            var tests = new List<RuleTestModel>();
            foreach (YamlMappingNode mapping in ListOfMappings(values, "tests", DiagnosticCatalog.InvalidRuleTest,
                "'tests' must be a list of {name, expect, event}", "each test is a mapping {name, expect, event}"))
            {
                var keys = Children(mapping, new[] { "name", "expect", "event", "made" }, "tests");
                string name = keys.TryGetValue("name", out YamlNode? n) && n is YamlScalarNode ns && ns.Value is not null ? ns.Value : $"test {tests.Count + 1}";
                if (!keys.TryGetValue("expect", out YamlNode? expectNode) || expectNode is not YamlScalarNode { Value: "match" or "no_match" } expect)
                {
                    _diagnostics.Add(DiagnosticCatalog.InvalidRuleTest, Loc(keys.TryGetValue("expect", out YamlNode? e) ? e : mapping), "'expect' must be match or no_match");
                    continue;
                }
                if (!keys.TryGetValue("event", out YamlNode? eventNode) || eventNode is not YamlMappingNode eventMapping)
                {
                    _diagnostics.Add(DiagnosticCatalog.InvalidRuleTest, Loc(keys.TryGetValue("event", out YamlNode? ev) ? ev : mapping), "'event' must be a mapping (the JSON event, written as YAML)");
                    continue;
                }
                var json = new StringBuilder();
                YamlJson.Write(eventMapping, json);
                _testEvents.Add(eventMapping);
                tests.Add(new RuleTestModel(name, expect.Value == "match", json.ToString()));
            }
            return new EquatableArray<RuleTestModel>(tests);
        }

        /// <summary>A scalar with nothing in it: YAML's null (plain <c>null</c>, <c>~</c>, nothing) or blank text.</summary>
        private static bool IsEmpty(YamlScalarNode scalar) =>
            string.IsNullOrWhiteSpace(scalar.Value)
            || scalar.Style == ScalarStyle.Plain && scalar.Value is "null" or "Null" or "NULL" or "~";

        private LocationInfo Loc(YamlNode node, int length = 0) => _lines.Of(node, length);

        private static string Describe(YamlNode node) => node switch
        {
            YamlSequenceNode => "a list",
            YamlScalarNode => "a single value",
            _ => "something else",
        };
    }
}
