using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;
using RuleGen.Generator.Parsing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Generator.Languages.Sigma.Fields
{
    /// <summary>
    /// Reads a pySigma processing-pipeline YAML file into <see cref="SigmaPipeline"/>. pySigma's YAML format
    /// (docs/Processing_Pipelines.rst, sigma/processing/pipeline.py): root keys name, priority, vars, transformations;
    /// postprocessing and finalizers are query-output stages RuleGen has no use for and are refused. A transformation
    /// type, condition type, parameter or key outside what RuleGen implements is a located error, never ignored:
    /// a pipeline that silently did less than its author wrote would change verdicts unseen.
    /// Never throws: YAML problems go through the same preflight as rule files (nesting, aliases, duplicate keys).
    /// </summary>
    internal sealed class PipelineReader
    {
        private static readonly string[] RootKeys = { "name", "priority", "vars", "transformations", "postprocessing", "finalizers", "allowed_backends" };
        private static readonly string[] CommonItemKeys = { "id", "type", "rule_conditions", "rule_cond_op", "rule_cond_not", "rule_cond_expr", "field_name_conditions", "field_name_cond_op", "field_name_cond_not", "field_name_cond_expr", "detection_item_conditions", "detection_item_cond_op", "detection_item_cond_not", "detection_item_cond_expr" };

        /// <summary>The transformation types RuleGen implements and each one's own parameters (pySigma's constructor arguments).</summary>
        private static readonly Dictionary<string, string[]> Parameters = new(StringComparer.Ordinal)
        {
            ["field_name_mapping"] = new[] { "mapping" },
            ["field_name_prefix_mapping"] = new[] { "mapping" },
            ["add_condition"] = new[] { "conditions", "template", "negated", "name" },
            ["change_logsource"] = new[] { "category", "product", "service" },
            ["value_placeholders"] = new[] { "include", "exclude" },
            ["drop_detection_item"] = Array.Empty<string>(),
        };

        private readonly SourceLines _lines;
        private readonly List<PipelineError> _errors = new();

        private PipelineReader(SourceLines lines) => _lines = lines;

        /// <summary>Reads <paramref name="text"/> (the file at <paramref name="path"/>).</summary>
        public static PipelineReadResult Read(string path, string text)
        {
            var reader = new PipelineReader(new SourceLines(path, text));
            SigmaPipeline? pipeline = null;
            try
            {
                if (reader.LoadRoot(text) is YamlMappingNode root) pipeline = reader.ReadPipeline(root);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug of this reader must not take the generator down: report it at the file.
                reader._errors.Add(new PipelineError("the pipeline could not be read (" + e.Message + ")", reader._lines.FileStart));
                pipeline = null;
            }
            return new PipelineReadResult(reader._errors.Count == 0 ? pipeline : null, new EquatableArray<PipelineError>(reader._errors));
        }

        private YamlMappingNode? LoadRoot(string text)
        {
            if (text.Length > Limits.RuleLimits.FileCharacters)
            {
                Error(_lines.FileStart, $"the file has {text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters, more than the limit of {Limits.RuleLimits.FileCharacters.ToString("N0", CultureInfo.InvariantCulture)}");
                return null;
            }
            var preflight = new DiagnosticBag();
            var stream = new YamlStream();
            Mark last = Mark.Empty;
            try
            {
                bool ok = YamlPreflight.Check(text, _lines, preflight, out last);
                foreach (DiagnosticInfo d in preflight.ToEquatableArray())
                {
                    string message = string.Format(CultureInfo.InvariantCulture, DiagnosticCatalog.Find(d.Id).MessageFormat.ToString(CultureInfo.InvariantCulture), d.Arguments.AsSpan().ToArray());
                    Error(d.Location ?? _lines.FileStart, $"{d.Id}: {message}");
                }
                if (!ok) return null;
                stream.Load(new Parser(new StringReader(text)));
            }
            catch (YamlException e)
            {
                Error(_lines.AtMark(e.Start.Line, e.Start.Column), "invalid YAML: " + e.Message);
                return null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Error(_lines.AtMark(last.Line, last.Column), $"invalid YAML: the structure breaks after this point ({e.Message})");
                return null;
            }
            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                Error(stream.Documents.Count > 1 ? _lines.Of(stream.Documents[1].RootNode) : _lines.FileStart, "a pipeline file is one YAML mapping (name, priority, transformations)");
                return null;
            }
            return root;
        }

        private SigmaPipeline ReadPipeline(YamlMappingNode root)
        {
            string? name = null;
            int priority = 0;
            var variables = new List<PipelineVariable>();
            var items = new List<PipelineItem>();
            foreach (var (key, value) in Entries(root, RootKeys, "pipeline"))
            {
                switch (key)
                {
                    case "name": name = Scalar(value, "name"); break;
                    case "priority": priority = Integer(value, "priority") ?? 0; break;
                    case "vars": ReadVariables(value, variables); break;
                    case "transformations":
                        if (value is YamlSequenceNode list)
                        {
                            foreach (YamlNode item in list) if (ReadItem(item) is PipelineItem read) items.Add(read);
                        }
                        else Error(value, "transformations must be a list of transformation items");
                        break;
                    case "allowed_backends": break; // which pySigma backends may use the pipeline: no meaning for RuleGen's own matcher
                    default: Error(value, $"'{key}' (a query output stage of pySigma) is not supported by RuleGen: remove it"); break;
                }
            }
            return new SigmaPipeline(name, priority, new EquatableArray<PipelineVariable>(variables), new EquatableArray<PipelineItem>(items), _lines.Of(root, 1));
        }

        private void ReadVariables(YamlNode node, List<PipelineVariable> variables)
        {
            if (node is not YamlMappingNode map) { Error(node, "vars must be a mapping from names to a value or a list of values"); return; }
            foreach (var (key, value) in Entries(map, null, "vars"))
            {
                if (Strings(value, "vars." + key) is EquatableArray<string> values) variables.Add(new PipelineVariable(key, values, _lines.Of(value)));
            }
        }

        private PipelineItem? ReadItem(YamlNode node)
        {
            if (node is not YamlMappingNode map) { Error(node, "a transformation item must be a mapping with a type"); return null; }
            if (Find(map, "type") is not YamlNode typeNode) { Error(node, "the transformation item has no type"); return null; }
            string? type = Scalar(typeNode, "type");
            if (type is null) return null;
            if (!Parameters.TryGetValue(type, out string[]? own))
            {
                Error(typeNode, $"transformation type '{type}' is not supported by RuleGen (supported: {string.Join(", ", Parameters.Keys)})");
                return null;
            }
            var parameters = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            string? id = null;
            PipelineConditions rule = PipelineConditions.None, field = PipelineConditions.None;
            YamlNode? ruleList = null, fieldList = null, ruleOp = null, fieldOp = null, ruleNot = null, fieldNot = null;
            foreach (var (key, value) in Entries(map, CommonItemKeys.Concat(own).ToArray(), $"a {type} item"))
            {
                switch (key)
                {
                    case "id": id = Scalar(value, "id"); break;
                    case "type": break;
                    case "rule_conditions": ruleList = value; break;
                    case "rule_cond_op": ruleOp = value; break;
                    case "rule_cond_not": ruleNot = value; break;
                    case "field_name_conditions": fieldList = value; break;
                    case "field_name_cond_op": fieldOp = value; break;
                    case "field_name_cond_not": fieldNot = value; break;
                    case "rule_cond_expr":
                    case "field_name_cond_expr":
                    case "detection_item_cond_expr":
                        Error(value, $"'{key}' (named conditions) is not supported yet: list the conditions and join them with the *_cond_op key");
                        break;
                    case "detection_item_conditions":
                    case "detection_item_cond_op":
                    case "detection_item_cond_not":
                        Error(value, $"'{key}' is not supported yet: RuleGen evaluates rule_conditions and field_name_conditions");
                        break;
                    default: parameters[key] = value; break;
                }
            }
            rule = Conditions(ruleList, ruleOp, ruleNot, "rule_conditions", isField: false);
            field = Conditions(fieldList, fieldOp, fieldNot, "field_name_conditions", isField: true);
            LocationInfo at = _lines.Of(typeNode);
            PipelineTransformation? transformation = type switch
            {
                "field_name_mapping" => Mapping(parameters, type) is EquatableArray<FieldMappingEntry> m ? new FieldNameMapping(m, at) : null,
                "field_name_prefix_mapping" => Mapping(parameters, type) is EquatableArray<FieldMappingEntry> p ? new FieldNamePrefixMapping(p, at) : null,
                "add_condition" => ReadAddCondition(parameters, map, at),
                "change_logsource" => new ChangeLogsource(Optional(parameters, "category"), Optional(parameters, "product"), Optional(parameters, "service"), at),
                "value_placeholders" => ReadPlaceholders(parameters, map, at),
                _ => new DropDetectionItem(at),
            };
            return transformation is null ? null : new PipelineItem(id, transformation, rule, field, _lines.Of(map, 1));
        }

        private EquatableArray<FieldMappingEntry>? Mapping(Dictionary<string, YamlNode> parameters, string type)
        {
            if (!parameters.TryGetValue("mapping", out YamlNode? node)) { Error(_lines.FileStart, $"{type} needs a mapping"); return null; }
            if (node is not YamlMappingNode map) { Error(node, $"{type}: mapping must map field names to a field name or a list of field names"); return null; }
            var entries = new List<FieldMappingEntry>();
            foreach (var (key, value) in Entries(map, null, "mapping"))
            {
                if (Strings(value, key) is EquatableArray<string> targets)
                {
                    if (targets.IsEmpty) Error(value, $"'{key}' maps to no field");
                    else entries.Add(new FieldMappingEntry(key, targets, _lines.Of(value)));
                }
            }
            return new EquatableArray<FieldMappingEntry>(entries);
        }

        private AddCondition? ReadAddCondition(Dictionary<string, YamlNode> parameters, YamlMappingNode item, LocationInfo at)
        {
            if (!parameters.TryGetValue("conditions", out YamlNode? node)) { Error(item, "add_condition needs conditions (a mapping from fields to values)"); return null; }
            if (node is not YamlMappingNode map) { Error(node, "add_condition: conditions must map field names to a value or a list of values"); return null; }
            var conditions = new List<AddedCondition>();
            foreach (var (key, value) in Entries(map, null, "conditions"))
            {
                if (value is YamlSequenceNode list)
                {
                    var values = new List<PipelineValue>();
                    foreach (YamlNode v in list)
                    {
                        if (v is YamlScalarNode s) values.Add(new PipelineValue(IsNull(s) ? null : s.Value));
                        else Error(v, $"a value of '{key}' must be a scalar");
                    }
                    conditions.Add(new AddedCondition(key, new EquatableArray<PipelineValue>(values), _lines.Of(value)));
                }
                else if (value is YamlScalarNode scalar) conditions.Add(new AddedCondition(key, new EquatableArray<PipelineValue>(new[] { new PipelineValue(IsNull(scalar) ? null : scalar.Value) }), _lines.Of(value)));
                else Error(value, $"the value of '{key}' must be a scalar or a list of scalars");
            }
            bool template = parameters.TryGetValue("template", out YamlNode? t) && (Boolean(t, "template") ?? false);
            bool negated = parameters.TryGetValue("negated", out YamlNode? n) && (Boolean(n, "negated") ?? false);
            if (parameters.TryGetValue("name", out YamlNode? name)) Scalar(name, "name");
            return new AddCondition(new EquatableArray<AddedCondition>(conditions), template, negated, at);
        }

        private ValuePlaceholders? ReadPlaceholders(Dictionary<string, YamlNode> parameters, YamlMappingNode item, LocationInfo at)
        {
            EquatableArray<string> include = parameters.TryGetValue("include", out YamlNode? i) ? Strings(i, "include") ?? EquatableArray<string>.Empty : EquatableArray<string>.Empty;
            EquatableArray<string> exclude = parameters.TryGetValue("exclude", out YamlNode? e) ? Strings(e, "exclude") ?? EquatableArray<string>.Empty : EquatableArray<string>.Empty;
            // pySigma's placeholder transformations refuse both at once.
            if (!include.IsEmpty && !exclude.IsEmpty) { Error(e!, "value_placeholders: include and exclude are mutually exclusive"); return null; }
            return new ValuePlaceholders(include, exclude, at);
        }

        private PipelineConditions Conditions(YamlNode? list, YamlNode? op, YamlNode? not, string key, bool isField)
        {
            var linking = ConditionLinking.And;
            if (op is not null && Scalar(op, key) is string o)
            {
                if (o == "or") linking = ConditionLinking.Or;
                else if (o != "and") Error(op, $"'{o}': the condition operator must be and or or");
            }
            bool negated = not is not null && (Boolean(not, key) ?? false);
            var conditions = new List<PipelineCondition>();
            if (list is YamlSequenceNode sequence)
            {
                foreach (YamlNode node in sequence) if (Condition(node, isField) is PipelineCondition c) conditions.Add(c);
            }
            else if (list is YamlMappingNode) Error(list, $"{key} as a mapping (named conditions) is not supported yet: make it a list");
            else if (list is not null) Error(list, $"{key} must be a list of conditions");
            return new PipelineConditions(new EquatableArray<PipelineCondition>(conditions), linking, negated);
        }

        private PipelineCondition? Condition(YamlNode node, bool isField)
        {
            if (node is not YamlMappingNode map) { Error(node, "a condition must be a mapping with a type"); return null; }
            YamlNode? t = Find(map, "type");
            string? type = t is null ? null : Scalar(t, "type");
            if (type is null) { if (t is null) Error(node, "the condition has no type"); return null; }
            LocationInfo at = _lines.Of(t!);
            string[] known = isField ? new[] { "include_fields", "exclude_fields" } : new[] { "logsource", "tag" };
            if (Array.IndexOf(known, type) < 0)
            {
                Error(t!, $"{(isField ? "field name" : "rule")} condition type '{type}' is not supported by RuleGen (supported: {string.Join(", ", known)})");
                return null;
            }
            var values = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            string[] allowed = type switch
            {
                "logsource" => new[] { "type", "category", "product", "service" },
                "tag" => new[] { "type", "tag" },
                _ => new[] { "type", "fields", "mode" },
            };
            foreach (var (key, value) in Entries(map, allowed, $"a {type} condition")) values[key] = value;
            switch (type)
            {
                case "logsource":
                    return new LogsourceCondition(Optional(values, "category"), Optional(values, "product"), Optional(values, "service"), at);
                case "tag":
                    if (Optional(values, "tag") is string tag) return new TagCondition(tag, at);
                    Error(t!, "a tag condition needs tag");
                    return null;
                default:
                    if (!values.TryGetValue("fields", out YamlNode? fieldsNode)) { Error(t!, $"{type} needs fields"); return null; }
                    if (Strings(fieldsNode, "fields") is not EquatableArray<string> fields) return null;
                    string mode = Optional(values, "mode") ?? "plain";
                    if (mode != "plain" && mode != "re") { Error(values["mode"], $"'{mode}': mode must be plain or re"); return null; }
                    if (mode == "re")
                    {
                        foreach (string pattern in fields)
                        {
                            try { _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)); }
                            catch (ArgumentException e) { Error(fieldsNode, $"'{pattern}' is not a valid regular expression ({e.Message})"); return null; }
                        }
                    }
                    return new FieldListCondition(type == "exclude_fields", fields, mode == "re", at);
            }
        }

        /// <summary>A mapping's entries with scalar keys; a key outside <paramref name="allowed"/> (null: any) is an error.</summary>
        private IEnumerable<(string Key, YamlNode Value)> Entries(YamlMappingNode map, string[]? allowed, string what)
        {
            foreach (var pair in map.Children)
            {
                if (pair.Key is not YamlScalarNode { Value: string key } || IsNull((YamlScalarNode)pair.Key))
                {
                    Error(pair.Key, $"keys of {what} must be text");
                    continue;
                }
                if (allowed is not null && Array.IndexOf(allowed, key) < 0)
                {
                    Error(pair.Key, $"'{key}' is not a key of {what} (known: {string.Join(", ", allowed)})");
                    continue;
                }
                yield return (key, pair.Value);
            }
        }

        private static YamlNode? Find(YamlMappingNode map, string key)
        {
            foreach (var pair in map.Children) if (pair.Key is YamlScalarNode { Value: string k } && k == key) return pair.Value;
            return null;
        }

        private string? Scalar(YamlNode node, string what)
        {
            if (node is YamlScalarNode { Value: string v } s && !IsNull(s)) return v;
            Error(node, $"{what} must be a text value");
            return null;
        }

        private string? Optional(Dictionary<string, YamlNode> values, string key) =>
            values.TryGetValue(key, out YamlNode? node) ? (node is YamlScalarNode s && IsNull(s) ? null : Scalar(node, key)) : null;

        /// <summary>A value or a list of values, as text.</summary>
        private EquatableArray<string>? Strings(YamlNode node, string what)
        {
            if (node is YamlScalarNode s && !IsNull(s)) return new EquatableArray<string>(new[] { s.Value! });
            if (node is YamlSequenceNode list)
            {
                var values = new List<string>();
                foreach (YamlNode item in list) if (Scalar(item, what) is string v) values.Add(v);
                return new EquatableArray<string>(values);
            }
            Error(node, $"{what} must be a text value or a list of them");
            return null;
        }

        private int? Integer(YamlNode node, string what)
        {
            if (node is YamlScalarNode { Value: string v } s && s.Style == YamlDotNet.Core.ScalarStyle.Plain && int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n)) return n;
            Error(node, $"{what} must be a whole number");
            return null;
        }

        private bool? Boolean(YamlNode node, string what)
        {
            if (node is YamlScalarNode { Value: string v } s && s.Style == YamlDotNet.Core.ScalarStyle.Plain)
            {
                if (v is "true" or "True" or "TRUE") return true;
                if (v is "false" or "False" or "FALSE") return false;
            }
            Error(node, $"{what} must be true or false");
            return null;
        }

        private static bool IsNull(YamlScalarNode s) => s.Style == YamlDotNet.Core.ScalarStyle.Plain && s.Value is "" or "~" or "null" or "Null" or "NULL" or null;

        private void Error(YamlNode node, string message) => Error(_lines.Of(node), message);

        private void Error(LocationInfo at, string message) => _errors.Add(new PipelineError(message, at));
    }
}
