using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using RuleGen.Cli.Import;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;
using RuleGen.Generator.Parsing;
using Tomlyn.Model;
using Xunit;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Tests;

/// <summary>
/// The whole AWS pack of Elastic's detection-rules (Data/corpus/elastic-aws-all, Elastic License 2.0: 229 rules of
/// every type) through <c>rulegen import elastic</c>: every rule but the machine_learning ones imports; every
/// imported rule reads back with no error but the "not supported yet" of what nothing runs yet (threshold and
/// new_terms types, alert suppression); the reader's models hold the TOML's keys; every TOML value comes back
/// equal; and positions inside each query map back to the query's text in the file.
/// </summary>
public class ElasticPackImportTests
{
    private static readonly string Pack = Repository.Data("corpus", "elastic-aws-all");

    public static IEnumerable<object[]> Rules() =>
        Directory.GetFiles(Pack, "*.toml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new object[] { Path.GetRelativePath(Pack, f) });

    private static TomlTable Toml(string relative) =>
        Tomlyn.TomlSerializer.Deserialize(File.ReadAllText(Path.Combine(Pack, relative)), ImportTomlContext.Default.TomlTable)!;

    private static TomlTable RuleTable(string relative) => (TomlTable)Toml(relative)["rule"]!;

    private static string Import(string relative) => ElasticRuleImporter.Convert(File.ReadAllText(Path.Combine(Pack, relative)), relative);

    [Fact]
    public void EveryRuleButMachineLearningImports()
    {
        var types = new Dictionary<string, int>(StringComparer.Ordinal);
        int refused = 0;
        foreach (object[] row in Rules())
        {
            string relative = (string)row[0];
            string type = (string)RuleTable(relative)["type"]!;
            if (type == "machine_learning")
            {
                FormatException e = Assert.Throws<FormatException>(() => Import(relative));
                Assert.StartsWith("not importable: a machine_learning rule", e.Message, StringComparison.Ordinal);
                refused++;
                continue;
            }
            Import(relative);
            types[type] = types.GetValueOrDefault(type) + 1;
        }
        Assert.Equal(5, refused);
        Assert.Equal(224, types.Values.Sum());
        Assert.Equal(new Dictionary<string, int> { ["eql"] = 28, ["esql"] = 40, ["new_terms"] = 49, ["query"] = 102, ["threshold"] = 5 },
            types.OrderBy(t => t.Key, StringComparer.Ordinal).ToDictionary(t => t.Key, t => t.Value));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void EachImportedRuleReadsBackWithOnlyTheNotSupportedYetItShould(string relative)
    {
        TomlTable toml = RuleTable(relative);
        if (toml["type"] is "machine_learning") return;
        string yaml = Import(relative);
        RuleReader.Read read = RuleReader.Parse(yaml, "/pack/" + relative.Replace(".toml", ".yml"));

        // The errors a rule should have, and nothing else (warnings are the band and look-back checks: none here).
        var expected = new List<string>();
        // alert_suppression runs on every type (query, EQL single-event and sequence, ES|QL, threshold, new_terms): no error.
        Assert.True(read.Diagnostics.Select(d => d.Id).OrderBy(i => i).SequenceEqual(expected.OrderBy(i => i)), $"{relative}: {read}");
        Assert.All(read.Diagnostics, d => Assert.Contains("not supported yet", RuleReader.Read.Message(d), StringComparison.Ordinal));

        ParsedRule rule = read.Rule!;
        Assert.Equal((string)toml["type"]!, rule.Metadata.Type);
        Assert.Equal((string)toml["language"]!, rule.Metadata.Language);
        Assert.Equal(((string)toml["type"]!).Replace("_", ""), rule.RuleType.ToString(), ignoreCase: true);
        Assert.Equal(((string)toml["query"]!), rule.Query);
        Assert.Equal(Strings(toml, "index"), rule.Index);
        Assert.Equal(rule.Index.Count, rule.IndexLocations.Count);
        Assert.Equal(toml.TryGetValue("timestamp_override", out object? ts) ? (string)ts! : null, rule.Metadata.TimestampOverride);
        Assert.Equal(toml.TryGetValue("event_category_override", out object? eco) ? (string)eco! : null, rule.Search.EventCategoryOverride);
        Assert.Equal(toml.TryGetValue("building_block_type", out object? bbt) ? (string)bbt! : null, rule.Metadata.BuildingBlockType);
        if (toml.TryGetValue("new_terms", out object? nt))
        {
            var table = (TomlTable)nt!;
            Assert.Equal(new NewTermsModel(Strings(table, "value"), (string)((TomlTableArray)table["history_window_start"]!)[0]["value"]!), rule.Search.NewTerms);
        }
        else Assert.Null(rule.Search.NewTerms);
        if (toml.TryGetValue("threshold", out object? th))
        {
            var table = (TomlTable)th!;
            var cardinality = table.TryGetValue("cardinality", out object? c)
                ? ((TomlTableArray)c!).Select(e => new ThresholdCardinalityModel((string)e["field"]!, (int)(long)e["value"]!)).ToEquatableArray()
                : EquatableArray<ThresholdCardinalityModel>.Empty;
            Assert.Equal(new ThresholdModel(Strings(table, "field"), (int)(long)table["value"]!, cardinality), rule.Search.Threshold);
        }
        else Assert.Null(rule.Search.Threshold);
        if (toml.TryGetValue("alert_suppression", out object? su))
        {
            var table = (TomlTable)su!;
            var duration = (TomlTable)table["duration"]!;
            Assert.Equal(new AlertSuppressionModel(Strings(table, "group_by"), new SuppressionDurationModel((int)(long)duration["value"]!, (string)duration["unit"]!),
                (string)table["missing_fields_strategy"]!), rule.Search.AlertSuppression);
        }
        else Assert.Null(rule.Search.AlertSuppression);

        // Every field a key names is located at that name in the file.
        Assert.All(rule.FieldReferences, f => Assert.Equal(f.Field, RuleReader.TextAt(yaml, f.Location).Trim('"', '\'')));
        int named = Strings(toml, "timestamp_override").Count + (toml.ContainsKey("event_category_override") ? 1 : 0)
            + (rule.Search.NewTerms?.Fields.Count ?? 0) + (rule.Search.Threshold is { } t ? t.Fields.Count + t.Cardinality.Count : 0)
            + (rule.Search.AlertSuppression?.GroupBy.Count ?? 0);
        Assert.Equal(named, rule.FieldReferences.Count);
    }

    private static EquatableArray<string> Strings(TomlTable table, string key) =>
        !table.TryGetValue(key, out object? value) ? EquatableArray<string>.Empty
        : value is string one ? new EquatableArray<string>(new[] { one })
        : ((IEnumerable)value!).Cast<string>().ToEquatableArray();

    [Theory]
    [MemberData(nameof(Rules))]
    public void EveryTomlValueComesBackEqual(string relative)
    {
        TomlTable document = Toml(relative);
        var rule = (TomlTable)document["rule"]!;
        if (rule["type"] is "machine_learning") return;
        string yaml = Import(relative);
        Assert.StartsWith("# Imported from Elastic detection-rules: " + relative + "\n", yaml, StringComparison.Ordinal);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents.Single().RootNode;

        var expected = rule.Keys.Append("metadata").OrderBy(k => k, StringComparer.Ordinal);
        Assert.Equal(expected, root.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (key, value) in rule)
        {
            // investigation_fields {field_names = [...]} is written as the list (the reader takes both).
            object? toml = key == "investigation_fields" ? ((TomlTable)value!)["field_names"] : value;
            Same(toml, root[key], key);
        }
        Same(document["metadata"], root["metadata"], "metadata");
    }

    /// <summary>TOML and YAML hold the same value: strings equal (and plain only when no reader could misread them), numbers, booleans, tables, arrays.</summary>
    private static void Same(object? toml, YamlNode yaml, string path)
    {
        switch (toml)
        {
            case string text:
                var scalar = Assert.IsType<YamlScalarNode>(yaml);
                Assert.True(text == scalar.Value, $"{path}: {text} != {scalar.Value}");
                if (scalar.Style == ScalarStyle.Plain) Assert.Matches(@"^[A-Za-z][ -~]*$", text);
                return;
            case bool flag:
                Assert.Equal((ScalarStyle.Plain, flag ? "true" : "false"), (((YamlScalarNode)yaml).Style, ((YamlScalarNode)yaml).Value));
                return;
            case long number:
                Assert.Equal((ScalarStyle.Plain, number.ToString(System.Globalization.CultureInfo.InvariantCulture)), (((YamlScalarNode)yaml).Style, ((YamlScalarNode)yaml).Value));
                return;
            case TomlTable table:
                var mapping = Assert.IsType<YamlMappingNode>(yaml);
                Assert.Equal(table.Keys.OrderBy(k => k, StringComparer.Ordinal), mapping.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).OrderBy(k => k, StringComparer.Ordinal));
                foreach (var (key, value) in table) Same(value, mapping[key], path + "." + key);
                return;
            case IEnumerable list:
                var sequence = Assert.IsType<YamlSequenceNode>(yaml);
                object?[] items = list.Cast<object?>().ToArray();
                Assert.Equal(items.Length, sequence.Children.Count);
                for (int i = 0; i < items.Length; i++) Same(items[i], sequence.Children[i], $"{path}[{i}]");
                return;
            default:
                Assert.Fail($"{path}: a TOML value of type {toml?.GetType().Name} the corpus was not expected to hold");
                return;
        }
    }

    private static readonly Regex Word = new(@"[A-Za-z_@][A-Za-z0-9_.@*-]*", RegexOptions.CultureInvariant);

    [Theory]
    [MemberData(nameof(Rules))]
    public void PositionsInsideEveryQueryMapBackToItsTextInTheFile(string relative)
    {
        if (RuleTable(relative)["type"] is "machine_learning") return;
        string yaml = Import(relative);
        ParsedRule rule = RuleReader.Parse(yaml).Rule!;
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var query = (YamlScalarNode)((YamlMappingNode)stream.Documents[0].RootNode)["query"];
        if (query.Style != ScalarStyle.Literal)
        {
            // A query a block cannot hold (lines of spaces, trailing spaces) is double-quoted on one line: its first
            // line still maps exactly. Three ES|QL rules of the pack are written so.
            Match first = Word.Match(rule.Query);
            Assert.Equal(first.Value, RuleReader.TextAt(yaml, rule.QueryPositions.At(first.Index, first.Length)));
            Assert.Contains(relative, new[] { "credential_access_multi_could_secrets_via_api.toml", "discovery_multiple_discovery_api_calls_via_cli.toml", "discovery_servicequotas_multi_region_service_quota_requests.toml" });
            return;
        }
        foreach (Match word in Word.Matches(rule.Query))
        {
            Assert.Equal(word.Value, RuleReader.TextAt(yaml, rule.QueryPositions.At(word.Index, word.Length)));
        }
    }
}
