using System.Collections.Generic;
using System.Globalization;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Limits;
using RuleGen.Generator.Parsing;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Generator.Binding
{
    /// <summary>
    /// Checks the events of a rule's tests the way the runtime will read them, so that a test that compiles also
    /// runs: `rulegen test` used to crash on a raw CloudTrail event whose eventTime was a number. Raw CloudTrail
    /// events (a top-level eventSource, as the scanner decides) need the values the normaliser reads as text to be
    /// text; ECS events need each value to fit its field's type in the rule's schema (no mapping where a keyword
    /// goes, no word where a number goes). Problems are RG0013 at the value.
    /// </summary>
    internal sealed class TestEventChecks
    {
        /// <summary>What CloudTrailNormalizer reads with GetString: anything but a string (or null/empty, which it drops) throws.</summary>
        private static readonly string[] RawTextFields = { "eventTime", "eventName" };

        private static readonly string[] ObjectTypes = { "object", "nested", "flattened", "group" };

        private readonly SourceLines _lines;
        private readonly DiagnosticBag _diagnostics;
        private readonly FieldSchema? _schema;
        private readonly DepthGuard _nesting = new(RuleLimits.YamlNesting, "The YAML");

        private TestEventChecks(SourceLines lines, DiagnosticBag diagnostics, FieldSchema? schema)
        {
            _lines = lines;
            _diagnostics = diagnostics;
            _schema = schema;
        }

        /// <summary>Checks every event; <paramref name="schema"/> is null when the rule has none (or its query did not bind).</summary>
        public static void Check(IEnumerable<YamlMappingNode> events, SourceLines lines, DiagnosticBag diagnostics, FieldSchema? schema)
        {
            var checks = new TestEventChecks(lines, diagnostics, schema);
            foreach (YamlMappingNode e in events)
            {
                if (IsRawCloudTrail(e)) checks.Raw(e);
                else if (schema is not null) checks.Fields(e, string.Empty);
            }
        }

        private static bool IsRawCloudTrail(YamlMappingNode e)
        {
            foreach (var child in e.Children)
            {
                if (child.Key is YamlScalarNode { Value: "eventSource" }) return true;
            }
            return false;
        }

        private void Raw(YamlMappingNode e)
        {
            foreach (var child in e.Children)
            {
                if (child.Key is not YamlScalarNode { Value: string key } || System.Array.IndexOf(RawTextFields, key) < 0 || IsEmpty(child.Value)) continue;
                if (child.Value is YamlScalarNode scalar && YamlJson.KindOf(scalar) == YamlJson.ScalarKind.String) continue;
                Report(child.Value, $"'{key}' of a raw CloudTrail event (it has eventSource) must be a string, as CloudTrail writes it; found {Describe(child.Value)} (quote it)");
            }
        }

        /// <summary>Each value against its field, by dotted path (the scanner reads nested and dotted names alike).</summary>
        private void Fields(YamlMappingNode mapping, string prefix)
        {
            using DepthGuard.Level level = _nesting.Enter();
            foreach (var child in mapping.Children)
            {
                if (child.Key is not YamlScalarNode { Value: string key }) continue;
                string path = prefix + key;
                FieldInfo? info = _schema!.Find(path);
                if (info?.Type == "flattened") continue; // any keys below
                if (child.Value is YamlSequenceNode list)
                {
                    foreach (YamlNode item in list.Children) Value(item, path, info);
                }
                else
                {
                    Value(child.Value, path, info);
                }
            }
        }

        private void Value(YamlNode value, string path, FieldInfo? info)
        {
            switch (value)
            {
                case YamlMappingNode mapping:
                    if (info is not null && System.Array.IndexOf(ObjectTypes, info.Type) < 0 && !IsEmpty(mapping))
                    {
                        Mismatch(value, info, "a mapping");
                        return;
                    }
                    Fields(mapping, path + ".");
                    return;
                case YamlScalarNode scalar when info is not null:
                    YamlJson.ScalarKind kind = YamlJson.KindOf(scalar);
                    if (kind == YamlJson.ScalarKind.Null) return;
                    if (info.IsNumeric && kind != YamlJson.ScalarKind.Number
                        && !double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    {
                        Mismatch(value, info, Describe(value));
                    }
                    else if (info.Type == "boolean" && kind != YamlJson.ScalarKind.Boolean && scalar.Value is not ("true" or "false"))
                    {
                        Mismatch(value, info, Describe(value));
                    }
                    return;
            }
        }

        private void Mismatch(YamlNode value, FieldInfo info, string found) =>
            Report(value, $"'{info.Name}' is {info.Type} in {_schema!.Description}, but the event gives it {found}");

        private void Report(YamlNode value, string problem) => _diagnostics.Add(DiagnosticCatalog.InvalidRuleTest, _lines.Of(value), problem);

        private static bool IsEmpty(YamlNode node) => node switch
        {
            YamlScalarNode s => YamlJson.KindOf(s) == YamlJson.ScalarKind.Null || YamlJson.KindOf(s) == YamlJson.ScalarKind.String && string.IsNullOrEmpty(s.Value),
            YamlMappingNode m => m.Children.Count == 0,
            YamlSequenceNode l => l.Children.Count == 0,
            _ => false,
        };

        private static string Describe(YamlNode node) => node switch
        {
            YamlMappingNode => "a mapping",
            YamlSequenceNode => "a list",
            YamlScalarNode s => YamlJson.KindOf(s) switch
            {
                YamlJson.ScalarKind.Number => $"the number {s.Value}",
                YamlJson.ScalarKind.Boolean => $"the boolean {s.Value}",
                _ => $"the string '{s.Value}'",
            },
            _ => "something else",
        };
    }
}
