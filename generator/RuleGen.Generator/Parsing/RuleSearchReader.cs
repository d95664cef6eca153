using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Generator.Parsing
{
    /// <summary>
    /// Reads the keys that say which events a rule reads and how they become alerts (<see cref="RuleSearchModel"/>):
    /// index, filters, exceptions_list, EQL's event_category_override / tiebreaker_field / timestamp_field, new_terms,
    /// threshold, alert_suppression. Which rule type takes which key, and the value ranges, are Kibana's rule API
    /// (the Security Detections API schemas: QueryRuleOptionalFields, EqlOptionalFields, EsqlRuleOptionalFields,
    /// ThresholdRuleOptionalFields, NewTermsRuleCreateFields) and detection-rules' <c>definitions.py</c>
    /// (NewTermsFields 1-3, AlertSuppressionGroupBy 1-3 (Kibana 9.2: 1-5), ThresholdValue and AlertSuppressionValue at least 1, TimeUnits s m h).
    /// </summary>
    internal sealed class RuleSearchReader
    {
        /// <summary>The keys this reader owns, with the rule types that take them.</summary>
        public static readonly Dictionary<string, ElasticRuleType[]> KeyTypes = new(StringComparer.Ordinal)
        {
            ["index"] = new[] { ElasticRuleType.Query, ElasticRuleType.Eql, ElasticRuleType.Threshold, ElasticRuleType.NewTerms },
            ["filters"] = new[] { ElasticRuleType.Query, ElasticRuleType.Eql, ElasticRuleType.Threshold, ElasticRuleType.NewTerms },
            ["event_category_override"] = new[] { ElasticRuleType.Eql },
            ["tiebreaker_field"] = new[] { ElasticRuleType.Eql },
            ["timestamp_field"] = new[] { ElasticRuleType.Eql },
            ["new_terms"] = new[] { ElasticRuleType.NewTerms },
            ["threshold"] = new[] { ElasticRuleType.Threshold },
            ["alert_suppression"] = new[] { ElasticRuleType.Query, ElasticRuleType.Eql, ElasticRuleType.Esql, ElasticRuleType.Threshold, ElasticRuleType.NewTerms },
            ["exceptions_list"] = new[] { ElasticRuleType.Query, ElasticRuleType.Eql, ElasticRuleType.Esql, ElasticRuleType.Threshold, ElasticRuleType.NewTerms },
        };

        // Kibana parses history_window_start as date math relative to the run; Elastic's rules write now-<n><unit>.
        private static readonly Regex HistoryStart = new(@"^now-([1-9][0-9]{0,8})([smhdwMy])$", RegexOptions.CultureInvariant);

        private readonly YamlValues _yaml;
        private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _values;
        private readonly RuleKind _kind;
        private readonly List<KeyFieldReference> _fields;
        private readonly List<LocationInfo> _indexLocations = new();

        private RuleSearchReader(YamlValues yaml, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> values, RuleKind kind, List<KeyFieldReference> fields)
        {
            _yaml = yaml;
            _values = values;
            _kind = kind;
            _fields = fields;
        }

        /// <summary>Reads the keys; field names they mention are added to <paramref name="fields"/>.</summary>
        public static RuleSearchModel Read(YamlValues yaml, Dictionary<string, (YamlScalarNode Key, YamlNode Value)> values, RuleKind kind,
            string from, List<KeyFieldReference> fields, out IReadOnlyList<LocationInfo> indexLocations)
        {
            var reader = new RuleSearchReader(yaml, values, kind, fields);
            RuleSearchModel model = reader.Read(from);
            indexLocations = reader._indexLocations;
            return model;
        }

        private RuleSearchModel Read(string from)
        {
            foreach (KeyValuePair<string, ElasticRuleType[]> keyTypes in KeyTypes)
            {
                string key = keyTypes.Key;
                if (_values.TryGetValue(key, out var entry) && Array.IndexOf(keyTypes.Value, _kind.Type) < 0)
                {
                    _yaml.Diagnostics.Add(DiagnosticCatalog.UnknownKey, _yaml.KeyLoc(entry.Key), key, $" for a rule of type '{_kind.TypeName}'{WhyNot(key)}");
                    _values.Remove(key);
                }
            }
            foreach (string required in new[] { "new_terms", "threshold" })
            {
                if (Array.IndexOf(KeyTypes[required], _kind.Type) >= 0 && !_values.ContainsKey(required))
                {
                    _yaml.Diagnostics.Add(DiagnosticCatalog.MissingKey, _kind.TypeLocation, required);
                }
            }

            EquatableArray<string> index = Index();
            string? eventCategory = Field("event_category_override");
            string? tiebreaker = Field("tiebreaker_field");
            string? timestampField = Field("timestamp_field");
            EquatableArray<KibanaFilterModel> filters = _values.TryGetValue("filters", out var filtersEntry)
                ? KibanaFilterReader.Read(_yaml, filtersEntry.Value, _fields)
                : EquatableArray<KibanaFilterModel>.Empty;
            EquatableArray<ExceptionListModel> exceptions = ExceptionsList();
            NewTermsModel? newTerms = _values.TryGetValue("new_terms", out var newTermsEntry) ? NewTerms(newTermsEntry.Value, from) : null;
            ThresholdModel? threshold = _values.TryGetValue("threshold", out var thresholdEntry) ? Threshold(thresholdEntry.Value) : null;
            AlertSuppressionModel? suppression = _values.TryGetValue("alert_suppression", out var suppressionEntry) ? AlertSuppression(suppressionEntry) : null;
            return new RuleSearchModel(index, filters, exceptions, eventCategory, tiebreaker, timestampField, newTerms, threshold, suppression);
        }

        private static string WhyNot(string key) => key switch
        {
            "index" => ": ES|QL rules name their sources in FROM",
            "filters" => ": ES|QL rules filter in their query",
            "new_terms" or "threshold" => $": it is the key of {key} rules",
            _ => ": it is a key of eql rules",
        };

        private EquatableArray<string> Index()
        {
            if (!_values.TryGetValue("index", out var entry)) return EquatableArray<string>.Empty;
            var patterns = _yaml.Strings(entry.Value, "index", singleAllowed: false, "a list of index patterns such as [\"logs-aws.cloudtrail-*\"]");
            if (patterns is null) return EquatableArray<string>.Empty;
            foreach (var (_, node) in patterns) _indexLocations.Add(_yaml.Loc(node));
            return patterns.Select(p => p.Value).ToEquatableArray();
        }

        /// <summary>A key whose value is one field name.</summary>
        private string? Field(string key)
        {
            if (!_values.TryGetValue(key, out var entry)) return null;
            string? field = _yaml.NonEmptyString(entry.Value, key, "a field name");
            if (field is not null) _fields.Add(new KeyFieldReference(field, key, _yaml.Loc(entry.Value)));
            return field;
        }

        /// <summary>A list of field names, each recorded with its position.</summary>
        private EquatableArray<string> Fields(YamlNode node, string key, int minimum, int maximum, bool singleAllowed)
        {
            string expected = minimum == maximum ? $"a list of {minimum} field names"
                : minimum == 0 ? $"a list of at most {maximum} field names"
                : $"a list of {minimum} to {maximum} field names";
            var items = _yaml.Strings(node, key, singleAllowed, expected);
            if (items is null) return EquatableArray<string>.Empty;
            if (items.Count < minimum || items.Count > maximum)
            {
                _yaml.Diagnostics.Add(DiagnosticCatalog.WrongValueShape, _yaml.Loc(node), key, expected + $", found {items.Count}");
            }
            foreach (var (field, at) in items) _fields.Add(new KeyFieldReference(field, key, _yaml.Loc(at)));
            return items.Select(i => i.Value).ToEquatableArray();
        }

        /// <summary>
        /// detection-rules writes <c>new_terms = {field = "new_terms_fields", value = [...], history_window_start =
        /// [{field = "history_window_start", value = "now-10d"}]}</c> (its NewTermsMapping; the API flattens it).
        /// </summary>
        private NewTermsModel? NewTerms(YamlNode node, string from)
        {
            YamlMappingNode? mapping = _yaml.Mapping(node, "new_terms", "a mapping {field: new_terms_fields, value: [fields], history_window_start: [{field: history_window_start, value: now-7d}]}");
            if (mapping is null) return null;
            var keys = _yaml.Entries(mapping, new[] { "field", "value", "history_window_start" }, "new_terms");
            foreach (string required in new[] { "field", "value", "history_window_start" })
            {
                if (!keys.ContainsKey(required)) _yaml.Diagnostics.Add(DiagnosticCatalog.MissingKey, _yaml.Loc(mapping), "new_terms." + required);
            }
            if (keys.TryGetValue("field", out var fieldEntry)) _yaml.OneOf(fieldEntry.Value, "new_terms.field", "new_terms_fields");
            EquatableArray<string> fields = keys.TryGetValue("value", out var valueEntry)
                ? Fields(valueEntry.Value, "new_terms.value", 1, 3, singleAllowed: false)
                : EquatableArray<string>.Empty;
            string? start = keys.TryGetValue("history_window_start", out var startEntry) ? HistoryWindowStart(startEntry.Value, from) : null;
            return start is null || fields.IsEmpty ? null : new NewTermsModel(fields, start);
        }

        private string? HistoryWindowStart(YamlNode node, string from)
        {
            const string Shape = "a list of one {field: history_window_start, value: now-7d}";
            if (node is not YamlSequenceNode { Children.Count: 1 } sequence || sequence.Children[0] is not YamlMappingNode mapping)
            {
                _yaml.Diagnostics.Add(DiagnosticCatalog.WrongValueShape, _yaml.Loc(node), "new_terms.history_window_start", Shape);
                return null;
            }
            var keys = _yaml.Entries(mapping, new[] { "field", "value" }, "new_terms.history_window_start");
            if (keys.TryGetValue("field", out var fieldEntry)) _yaml.OneOf(fieldEntry.Value, "new_terms.history_window_start.field", "history_window_start");
            else _yaml.Diagnostics.Add(DiagnosticCatalog.MissingKey, _yaml.Loc(mapping), "new_terms.history_window_start.field");
            if (!keys.TryGetValue("value", out var valueEntry))
            {
                _yaml.Diagnostics.Add(DiagnosticCatalog.MissingKey, _yaml.Loc(mapping), "new_terms.history_window_start.value");
                return null;
            }
            string? value = _yaml.NonEmptyString(valueEntry.Value, "new_terms.history_window_start.value", "date math such as now-7d");
            if (value is null) return null;
            Match match = HistoryStart.Match(value);
            if (!match.Success)
            {
                _yaml.Diagnostics.Add(DiagnosticCatalog.InvalidSchedule, _yaml.Loc(valueEntry.Value), "history_window_start", value, "date math such as now-7d (now-<n><s|m|h|d|w|M|y>)");
                return null;
            }
            // Kibana refuses a history that does not reach further back than the rule's own look-back
            // (validateHistoryWindowStart): no term could ever be new.
            long history = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * UnitSeconds(match.Groups[2].Value[0]);
            // from is now-<n><s|m|h|d> (checked before); a look-back too long to count cannot be passed.
            bool counted = long.TryParse(from.Substring(4, from.Length - 5), NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n < 1_000_000_000L;
            long lookBack = counted ? n * UnitSeconds(from[from.Length - 1]) : long.MaxValue;
            if (history <= lookBack)
            {
                _yaml.Diagnostics.Add(DiagnosticCatalog.InvalidSchedule, _yaml.Loc(valueEntry.Value), "history_window_start", value,
                    $"a start earlier than the rule's look-back (from {from})");
                return null;
            }
            return value;
        }

        /// <summary>Seconds in a date-math unit; months and years as Kibana's moment counts them at most (31 and 366 days).</summary>
        private static long UnitSeconds(char unit) => unit switch
        {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            'd' => 86400,
            'w' => 7 * 86400,
            'M' => 31 * 86400,
            'y' => 366 * 86400,
            _ => 0,
        };

        private ThresholdModel? Threshold(YamlNode node)
        {
            YamlMappingNode? mapping = _yaml.Mapping(node, "threshold", "a mapping {field: [fields], value: n, cardinality: [{field, value}]}");
            if (mapping is null) return null;
            var keys = _yaml.Entries(mapping, new[] { "field", "value", "cardinality" }, "threshold");
            EquatableArray<string> fields = EquatableArray<string>.Empty;
            if (!keys.TryGetValue("field", out var fieldEntry)) _yaml.Diagnostics.Add(DiagnosticCatalog.MissingKey, _yaml.Loc(mapping), "threshold.field");
            // Kibana takes one field as a string too, and "" for none.
            else if (fieldEntry.Value is not YamlScalarNode { Value: "" }) fields = Fields(fieldEntry.Value, "threshold.field", 0, 3, singleAllowed: true);
            int? value = null;
            if (keys.TryGetValue("value", out var valueEntry)) value = _yaml.WholeNumber(valueEntry.Value, "threshold.value", 1);
            else _yaml.Diagnostics.Add(DiagnosticCatalog.MissingKey, _yaml.Loc(mapping), "threshold.value");
            var cardinality = new List<ThresholdCardinalityModel>();
            if (keys.TryGetValue("cardinality", out var cardinalityEntry))
            {
                if (cardinalityEntry.Value is not YamlSequenceNode list)
                {
                    _yaml.Diagnostics.Add(DiagnosticCatalog.WrongValueShape, _yaml.Loc(cardinalityEntry.Value), "threshold.cardinality", "a list of {field, value}");
                }
                else
                {
                    foreach (YamlNode item in list.Children)
                    {
                        if (_yaml.Mapping(item, "threshold.cardinality", "a list of {field, value}") is not YamlMappingNode entry) continue;
                        var entryKeys = _yaml.Entries(entry, new[] { "field", "value" }, "threshold.cardinality");
                        string? field = entryKeys.TryGetValue("field", out var f) ? _yaml.NonEmptyString(f.Value, "threshold.cardinality.field", "a field name") : null;
                        int? distinct = entryKeys.TryGetValue("value", out var v) ? _yaml.WholeNumber(v.Value, "threshold.cardinality.value", 1) : null;
                        if (!entryKeys.ContainsKey("field")) _yaml.Diagnostics.Add(DiagnosticCatalog.MissingKey, _yaml.Loc(entry), "threshold.cardinality.field");
                        if (!entryKeys.ContainsKey("value")) _yaml.Diagnostics.Add(DiagnosticCatalog.MissingKey, _yaml.Loc(entry), "threshold.cardinality.value");
                        if (field is not null) _fields.Add(new KeyFieldReference(field, "threshold.cardinality.field", _yaml.Loc(f.Value)));
                        if (field is not null && distinct is int d) cardinality.Add(new ThresholdCardinalityModel(field, d));
                    }
                }
            }
            return value is int n ? new ThresholdModel(fields, n, cardinality.ToEquatableArray()) : null;
        }

        /// <summary>
        /// Kibana's AlertSuppression (group_by 1-5, duration, missing_fields_strategy suppress|doNotSuppress, suppress
        /// when absent); a threshold rule's is ThresholdAlertSuppression: a duration only, required.
        /// </summary>
        private AlertSuppressionModel? AlertSuppression((YamlScalarNode Key, YamlNode Value) entry)
        {
            bool threshold = _kind.Type == ElasticRuleType.Threshold;
            YamlMappingNode? mapping = _yaml.Mapping(entry.Value, "alert_suppression",
                threshold ? "a mapping {duration: {value, unit}}" : "a mapping {group_by: [fields], duration: {value, unit}, missing_fields_strategy}");
            if (mapping is null) return null;
            var keys = threshold
                ? _yaml.Entries(mapping, new[] { "duration" }, "alert_suppression", " for a threshold rule: it suppresses by its threshold fields")
                : _yaml.Entries(mapping, new[] { "group_by", "duration", "missing_fields_strategy" }, "alert_suppression");
            EquatableArray<string> groupBy = EquatableArray<string>.Empty;
            if (!threshold)
            {
                if (keys.TryGetValue("group_by", out var groupEntry))
                {
                    // Kibana 9.2 takes up to 5 fields (alert-suppression.md); older Kibana and detection-rules 3: a warning past 3.
                    groupBy = Fields(groupEntry.Value, "alert_suppression.group_by", 1, 5, singleAllowed: false);
                    if (groupBy.Count is > 3 and <= 5) _yaml.Diagnostics.Add(DiagnosticCatalog.SuppressionGroupByBeyondThree, _yaml.Loc(groupEntry.Value), groupBy.Count.ToString(CultureInfo.InvariantCulture));
                }
                else _yaml.Diagnostics.Add(DiagnosticCatalog.MissingKey, _yaml.Loc(mapping), "alert_suppression.group_by");
            }
            SuppressionDurationModel? duration = null;
            if (keys.TryGetValue("duration", out var durationEntry)) duration = Duration(durationEntry.Value);
            else if (threshold) _yaml.Diagnostics.Add(DiagnosticCatalog.MissingKey, _yaml.Loc(mapping), "alert_suppression.duration");
            string strategy = keys.TryGetValue("missing_fields_strategy", out var strategyEntry)
                ? _yaml.OneOf(strategyEntry.Value, "alert_suppression.missing_fields_strategy", "suppress", "doNotSuppress") ?? "suppress"
                : "suppress";
            return new AlertSuppressionModel(groupBy, duration, strategy);
        }

        private SuppressionDurationModel? Duration(YamlNode node)
        {
            if (_yaml.Mapping(node, "alert_suppression.duration", "a mapping {value: n, unit: s|m|h}") is not YamlMappingNode mapping) return null;
            var keys = _yaml.Entries(mapping, new[] { "value", "unit" }, "alert_suppression.duration");
            int? value = keys.TryGetValue("value", out var v) ? _yaml.WholeNumber(v.Value, "alert_suppression.duration.value", 1) : null;
            string? unit = keys.TryGetValue("unit", out var u) ? _yaml.OneOf(u.Value, "alert_suppression.duration.unit", "s", "m", "h") : null;
            if (!keys.ContainsKey("value")) _yaml.Diagnostics.Add(DiagnosticCatalog.MissingKey, _yaml.Loc(mapping), "alert_suppression.duration.value");
            if (!keys.ContainsKey("unit")) _yaml.Diagnostics.Add(DiagnosticCatalog.MissingKey, _yaml.Loc(mapping), "alert_suppression.duration.unit");
            return value is int n && unit is not null ? new SuppressionDurationModel(n, unit) : null;
        }

        /// <summary>Kibana's RuleExceptionList entries {id, list_id, namespace_type, type}; any entry is not supported yet.</summary>
        private EquatableArray<ExceptionListModel> ExceptionsList()
        {
            if (!_values.TryGetValue("exceptions_list", out var entry)) return EquatableArray<ExceptionListModel>.Empty;
            if (entry.Value is not YamlSequenceNode list)
            {
                _yaml.Diagnostics.Add(DiagnosticCatalog.WrongValueShape, _yaml.Loc(entry.Value), "exceptions_list", "a list of {id, list_id, namespace_type, type}");
                return EquatableArray<ExceptionListModel>.Empty;
            }
            if (list.Children.Count > 0) _yaml.Diagnostics.Add(DiagnosticCatalog.NotSupportedYet, _yaml.KeyLoc(entry.Key), NotYetCompiled.ExceptionsList);
            var lists = new List<ExceptionListModel>();
            foreach (YamlNode item in list.Children)
            {
                if (_yaml.Mapping(item, "exceptions_list", "a list of {id, list_id, namespace_type, type}") is not YamlMappingNode mapping) continue;
                var keys = _yaml.Entries(mapping, new[] { "id", "list_id", "namespace_type", "type" }, "exceptions_list");
                string? Part(string key, params string[] choices)
                {
                    if (!keys.TryGetValue(key, out var part))
                    {
                        _yaml.Diagnostics.Add(DiagnosticCatalog.MissingKey, _yaml.Loc(mapping), "exceptions_list." + key);
                        return null;
                    }
                    return choices.Length > 0 ? _yaml.OneOf(part.Value, "exceptions_list." + key, choices) : _yaml.NonEmptyString(part.Value, "exceptions_list." + key);
                }
                string? id = Part("id"), listId = Part("list_id");
                string? namespaceType = Part("namespace_type", "single", "agnostic");
                string? type = Part("type", "detection", "rule_default", "endpoint", "endpoint_trusted_apps", "endpoint_trusted_devices",
                    "endpoint_events", "endpoint_host_isolation_exceptions", "endpoint_blocklists");
                if (id is not null && listId is not null && namespaceType is not null && type is not null) lists.Add(new ExceptionListModel(id, listId, namespaceType, type));
            }
            return lists.ToEquatableArray();
        }
    }
}
