using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Generator.Parsing
{
    /// <summary>
    /// Reads a rule's <c>filters</c>: Kibana filter objects as the filter bar saves them ({meta, query, $state}, or the
    /// older top-level <c>exists</c>). The query forms Kibana's filter builders write are modelled
    /// (<see cref="KibanaFilterKind"/>: phrase, phrases, range, exists, and the match/term forms of a phrase); any
    /// other query DSL is a located "not supported yet". Of <c>meta</c>, <c>negate</c> and <c>disabled</c> change
    /// what the filter does; the rest (alias, key, value, params, type, index, …) only labels it in Kibana's UI.
    /// Sources: Kibana's filter fixtures (phrase, phrases, exists, range filters) and detection-rules' FilterMeta.
    /// </summary>
    internal sealed class KibanaFilterReader
    {
        private static readonly string[] FilterKeys = { "meta", "query", "exists", "$state" };

        // detection-rules' FilterMeta, plus Kibana's meta.field.
        private static readonly string[] MetaKeys =
        {
            "negate", "disabled", "alias", "type", "key", "value", "params", "index", "field", "controlledBy", "group", "isMultiIndex",
        };

        private static readonly string[] QueryKinds = { "match_phrase", "match", "term", "bool", "range", "exists" };

        private static readonly string[] RangeKeys = { "gt", "gte", "lt", "lte", "format" };

        private readonly YamlValues _yaml;
        private readonly List<KeyFieldReference> _fields;

        private KibanaFilterReader(YamlValues yaml, List<KeyFieldReference> fields)
        {
            _yaml = yaml;
            _fields = fields;
        }

        public static EquatableArray<KibanaFilterModel> Read(YamlValues yaml, YamlNode node, List<KeyFieldReference> fields) =>
            new KibanaFilterReader(yaml, fields).ReadAll(node);

        private EquatableArray<KibanaFilterModel> ReadAll(YamlNode node)
        {
            if (node is not YamlSequenceNode list)
            {
                _yaml.Diagnostics.Add(DiagnosticCatalog.WrongValueShape, _yaml.Loc(node), "filters", "a list of Kibana filters {meta, query}");
                return EquatableArray<KibanaFilterModel>.Empty;
            }
            var filters = new List<KibanaFilterModel>();
            foreach (YamlNode item in list.Children)
            {
                if (_yaml.Mapping(item, "filters", "a list of Kibana filters {meta, query}") is YamlMappingNode mapping && Filter(mapping) is KibanaFilterModel filter)
                {
                    filters.Add(filter);
                }
            }
            return filters.ToEquatableArray();
        }

        private KibanaFilterModel? Filter(YamlMappingNode mapping)
        {
            var keys = _yaml.Entries(mapping, FilterKeys, "filters");
            bool negate = false, disabled = false;
            if (keys.TryGetValue("meta", out var metaEntry) && _yaml.Mapping(metaEntry.Value, "filters.meta", "a mapping {negate, disabled, …}") is YamlMappingNode meta)
            {
                var metaKeys = _yaml.Entries(meta, MetaKeys, "filters.meta");
                if (metaKeys.TryGetValue("negate", out var n) && !YamlValuesIsNull(n.Value)) negate = _yaml.Boolean(n.Value, "filters.meta.negate") ?? false;
                if (metaKeys.TryGetValue("disabled", out var d) && !YamlValuesIsNull(d.Value)) disabled = _yaml.Boolean(d.Value, "filters.meta.disabled") ?? false;
            }
            bool hasQuery = keys.TryGetValue("query", out var queryEntry);
            bool hasExists = keys.TryGetValue("exists", out var existsEntry);
            if (hasQuery == hasExists)
            {
                // Neither, or both: which condition is meant cannot be told.
                _yaml.Diagnostics.Add(DiagnosticCatalog.WrongValueShape, hasExists ? _yaml.KeyLoc(existsEntry.Key) : _yaml.Loc(mapping), "A filter",
                    "a mapping with either 'query' or 'exists'");
                return null;
            }
            KibanaFilterModel? condition = hasExists
                ? Exists(existsEntry.Value, "filters.exists")
                : Query(queryEntry.Value);
            return condition is null ? null : condition with { Negate = negate, Disabled = disabled };
        }

        private static bool YamlValuesIsNull(YamlNode node) => node is YamlScalarNode scalar && YamlValues.IsNull(scalar);

        private KibanaFilterModel? Query(YamlNode node)
        {
            if (_yaml.Mapping(node, "filters.query", "a mapping of one query: match_phrase, match, term, bool, range or exists") is not YamlMappingNode mapping) return null;
            if (mapping.Children.Count != 1 || mapping.Children[0].Key is not YamlScalarNode { Value: not null } kind)
            {
                _yaml.Diagnostics.Add(DiagnosticCatalog.WrongValueShape, _yaml.Loc(mapping), "filters.query", "a mapping of one query: match_phrase, match, term, bool, range or exists");
                return null;
            }
            YamlNode body = mapping.Children[0].Value;
            string where = "filters.query." + kind.Value;
            switch (kind.Value)
            {
                case "match_phrase": return Phrase(body, where, KibanaFilterKind.MatchPhrase, "query");
                case "match": return Phrase(body, where, KibanaFilterKind.Match, "query");
                case "term": return Phrase(body, where, KibanaFilterKind.Term, "value");
                case "bool": return AnyOfPhrases(body, where);
                case "range": return Range(body, where);
                case "exists": return Exists(body, where);
                default:
                    _yaml.Diagnostics.Add(DiagnosticCatalog.NotSupportedYet, _yaml.KeyLoc(kind),
                        $"The filter query '{kind.Value}' (RuleGen reads {string.Join(", ", QueryKinds)})");
                    return null;
            }
        }

        /// <summary>The one <c>field: …</c> entry of a field query; null (reported) when there is not exactly one.</summary>
        private (YamlScalarNode Field, YamlNode Body)? OneField(YamlNode node, string where, string expected)
        {
            if (node is YamlMappingNode { Children.Count: 1 } mapping && mapping.Children[0].Key is YamlScalarNode { Value.Length: > 0 } field)
            {
                _fields.Add(new KeyFieldReference(field.Value!, where, _yaml.KeyLoc(field)));
                return (field, mapping.Children[0].Value);
            }
            _yaml.Diagnostics.Add(DiagnosticCatalog.WrongValueShape, _yaml.Loc(node), where, expected);
            return null;
        }

        /// <summary>
        /// <c>{field: value}</c> or <c>{field: {query|value: value, …}}</c>. A match query of type phrase is a
        /// match_phrase (Elasticsearch runs it as one); other match options change how text is analysed: not supported yet.
        /// </summary>
        private KibanaFilterModel? Phrase(YamlNode node, string where, KibanaFilterKind kind, string valueKey)
        {
            if (OneField(node, where, "a mapping {field: value}") is not { } one) return null;
            var (field, body) = one;
            YamlNode valueNode = body;
            if (body is YamlMappingNode options)
            {
                string[] allowed = kind == KibanaFilterKind.Match ? new[] { valueKey, "type" } : new[] { valueKey };
                var keys = _yaml.Entries(options, allowed, where + "." + field.Value);
                if (!keys.TryGetValue(valueKey, out var value))
                {
                    _yaml.Diagnostics.Add(DiagnosticCatalog.MissingKey, _yaml.Loc(options), where + "." + field.Value + "." + valueKey);
                    return null;
                }
                valueNode = value.Value;
                if (keys.TryGetValue("type", out var type))
                {
                    if (_yaml.OneOf(type.Value, where + ".type", "phrase") is null) return null;
                    kind = KibanaFilterKind.MatchPhrase;
                }
            }
            FilterValue? parsed = Value(valueNode, where);
            return parsed is null ? null : new KibanaFilterModel(kind, field.Value!, new EquatableArray<FilterValue>(new[] { parsed }), null, false, false);
        }

        /// <summary>Kibana's "is one of" filter: <c>{should: [{match_phrase: {field: v}}, …], minimum_should_match: 1}</c>, one field.</summary>
        private KibanaFilterModel? AnyOfPhrases(YamlNode node, string where)
        {
            const string Shape = "{should: [{match_phrase: {field: value}}, …], minimum_should_match: 1}";
            if (_yaml.Mapping(node, where, Shape) is not YamlMappingNode mapping) return null;
            var keys = _yaml.Entries(mapping, new[] { "should", "minimum_should_match" }, where,
                " (RuleGen reads Kibana's 'is one of' filter: bool.should of match_phrase)");
            if (keys.TryGetValue("minimum_should_match", out var minimum)
                && !(minimum.Value is YamlScalarNode { Value: "1" }))
            {
                _yaml.Diagnostics.Add(DiagnosticCatalog.WrongValueShape, _yaml.Loc(minimum.Value), where + ".minimum_should_match", "1");
                return null;
            }
            if (!keys.TryGetValue("should", out var should) || should.Value is not YamlSequenceNode { Children.Count: > 0 } phrases)
            {
                _yaml.Diagnostics.Add(DiagnosticCatalog.WrongValueShape, keys.TryGetValue("should", out var s) ? _yaml.Loc(s.Value) : _yaml.Loc(mapping), where + ".should", "a list of {match_phrase: {field: value}}");
                return null;
            }
            string? field = null;
            var values = new List<FilterValue>();
            foreach (YamlNode phrase in phrases.Children)
            {
                if (phrase is not YamlMappingNode { Children.Count: 1 } single || single.Children[0].Key is not YamlScalarNode { Value: "match_phrase" })
                {
                    _yaml.Diagnostics.Add(DiagnosticCatalog.NotSupportedYet, _yaml.Loc(phrase), $"In {where}.should, anything but {{match_phrase: {{field: value}}}}");
                    return null;
                }
                KibanaFilterModel? parsed = Phrase(single.Children[0].Value, where + ".should.match_phrase", KibanaFilterKind.MatchPhrase, "query");
                if (parsed is null) return null;
                if (field is not null && parsed.Field != field)
                {
                    _yaml.Diagnostics.Add(DiagnosticCatalog.WrongValueShape, _yaml.Loc(phrase), where + ".should", $"phrases of one field ('{field}'), as Kibana's 'is one of' filter writes them");
                    return null;
                }
                field = parsed.Field;
                values.AddRange(parsed.Values);
            }
            return new KibanaFilterModel(KibanaFilterKind.AnyOfPhrases, field!, values.ToEquatableArray(), null, false, false);
        }

        private KibanaFilterModel? Range(YamlNode node, string where)
        {
            if (OneField(node, where, "a mapping {field: {gte: …, lt: …}}") is not { } one) return null;
            var (field, body) = one;
            if (_yaml.Mapping(body, where + "." + field.Value, "a mapping of bounds: gt, gte, lt, lte (and format)") is not YamlMappingNode bounds) return null;
            var keys = _yaml.Entries(bounds, RangeKeys, where + "." + field.Value);
            FilterValue? Bound(string key) => keys.TryGetValue(key, out var b) ? Value(b.Value, where + "." + key) : null;
            FilterValue? gt = Bound("gt"), gte = Bound("gte"), lt = Bound("lt"), lte = Bound("lte");
            string? format = keys.TryGetValue("format", out var f) ? _yaml.NonEmptyString(f.Value, where + ".format", "a date format") : null;
            if (gt is null && gte is null && lt is null && lte is null)
            {
                _yaml.Diagnostics.Add(DiagnosticCatalog.WrongValueShape, _yaml.Loc(bounds), where + "." + field.Value, "a mapping with at least one of gt, gte, lt, lte");
                return null;
            }
            return new KibanaFilterModel(KibanaFilterKind.Range, field.Value!, EquatableArray<FilterValue>.Empty, new FilterRangeModel(gt, gte, lt, lte, format), false, false);
        }

        /// <summary><c>{field: name}</c>: the field has a value.</summary>
        private KibanaFilterModel? Exists(YamlNode node, string where)
        {
            if (_yaml.Mapping(node, where, "a mapping {field: name}") is not YamlMappingNode mapping) return null;
            var keys = _yaml.Entries(mapping, new[] { "field" }, where);
            if (!keys.TryGetValue("field", out var entry))
            {
                _yaml.Diagnostics.Add(DiagnosticCatalog.MissingKey, _yaml.Loc(mapping), where + ".field");
                return null;
            }
            string? field = _yaml.NonEmptyString(entry.Value, where + ".field", "a field name");
            if (field is null) return null;
            _fields.Add(new KeyFieldReference(field, where, _yaml.Loc(entry.Value)));
            return new KibanaFilterModel(KibanaFilterKind.Exists, field, EquatableArray<FilterValue>.Empty, null, false, false);
        }

        /// <summary>A value as YAML's core schema resolves it: quoted is a string, plain true/false a boolean, a plain number a number.</summary>
        private FilterValue? Value(YamlNode node, string where)
        {
            if (node is not YamlScalarNode scalar || YamlValues.IsNull(scalar))
            {
                _yaml.Diagnostics.Add(DiagnosticCatalog.WrongValueShape, _yaml.Loc(node), where, "a string, number or boolean (not null, a list or a mapping)");
                return null;
            }
            FilterValueType type = YamlValues.IsPlainBoolean(scalar) ? FilterValueType.Boolean
                : YamlValues.IsPlainNumber(scalar) ? FilterValueType.Number
                : FilterValueType.String;
            return new FilterValue(scalar.Value!, type);
        }
    }
}
