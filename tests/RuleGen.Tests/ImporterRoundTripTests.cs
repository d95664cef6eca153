using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using RuleGen.Cli.Import;
using RuleGen.Generator.Parsing;
using Tomlyn.Model;
using Xunit;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Tests;

/// <summary>
/// The importer's YAML gives back every string Elastic can hold, to any YAML reader: a property over generated
/// strings (leading and trailing spaces, tabs, <c>#</c>, <c>: </c>, indicators, YAML 1.1 booleans and nulls,
/// numbers, dates, Unicode with astral characters, C0/C1 controls, CRLF, lone CR, NEL, LS/PS, BOM, empty), each
/// put in every kind of place a rule has (top-level value, literal-prone text, list item, nested mapping value,
/// mapping key, list of mappings). Checked three ways: YamlDotNet reads the same string back; a plain scalar is
/// one that a YAML 1.1 reader also reads as that string; RuleGen's own reader gives the same metadata.
/// RULEGEN_FUZZ_IMPORT sets the number of strings (the default is a short, fixed run for dotnet test).
/// </summary>
public class ImporterRoundTripTests
{
    private static readonly string[] Tricky =
    {
        " ", "  ", "\t", "\n", "\n\n", "\r", "\r\n", "#", " #", "# ", ": ", ":", "- ", "-", "? ", "?", "'", "''", "\"", "\\", "\\n",
        "|", "|-", ">", "{", "}", "[", "]", ",", "&a", "*a", "!", "!!str", "%", "@", "`", "~", "---", "...", "<<", "=",
        "yes", "no", "Yes", "NO", "y", "n", "on", "Off", "true", "False", "null", "Null", "NULL", "~",
        "0", "1", "-1", "+1", "007", "0x1F", "0o17", "1e3", "1.5", ".5", "-.inf", ".NaN", "1_000", "12:30:00", "2024-01-02", "2024/01/02",
        "é", "ß", "日本語", "\u00A0", "\u0085", "\u2028", "\u2029", "\uFEFF", "\u200B", "\uFFFD", "\uFFFE", "\uFFFF", "😀", "\U0010FFFF",
        "\0", "\a", "\b", "\v", "\f", "\u001B", "\u007F", "\u0080", "\u009F",
        "from logs-* | where a == \"b\"", "any where true", "event.action: \"x\" and not user.name: *",
    };

    /// <summary>Strings made of tricky pieces, random characters (any but lone surrogates) and astral characters.</summary>
    private static readonly Gen<string> Strings = Gen.Frequency(
            (6, Gen.OneOf(Tricky)),
            (3, Gen.String["abcdefghijklmnopqrstuvwxyz"]),
            (2, Gen.Char.Where(c => !char.IsSurrogate(c)).Select(c => c.ToString())),
            (1, Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32)),
            (1, Gen.Char['\0', '\u001F'].Select(c => c.ToString())))
        .Array[0, 12]
        .Select(parts => string.Concat(parts));

    [Fact]
    public void EveryStringComesBackEqualFromTheImportedYaml()
    {
        bool longRun = long.TryParse(Environment.GetEnvironmentVariable("RULEGEN_FUZZ_IMPORT"), out long n);
        string? seed = Environment.GetEnvironmentVariable("CsCheck_Seed") ?? (longRun ? null : Fuzzing.RuleFuzzTests.FixedSeed);
        Strings.Sample(value =>
        {
            try
            {
                Check(value);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new Xunit.Sdk.XunitException($"for {Escaped(value)}: {e.Message}\n{e.StackTrace}");
            }
        }, seed: seed, iter: longRun ? n : 3000, threads: 1, print: Escaped);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   leading spaces\non the first line")]
    [InlineData("\tstarts with a tab\nand goes on")]
    [InlineData("trailing spaces   \nand a line of spaces\n    \nend  ")]
    [InlineData("crlf\r\nline ends\r\n")]
    [InlineData("a lone\rcr")]
    [InlineData("a # comment? and key: value")]
    [InlineData("yes")]
    [InlineData("~")]
    [InlineData("123")]
    [InlineData("astral 😀 and control \u0001 and bom \uFEFF and nel \u0085")]
    [InlineData("ends with a tab\t")]
    [InlineData("\n\nleading and trailing breaks\n\n")]
    [InlineData("\n")] // found by the property: the emitter writes it as an empty block, read back as ""
    [InlineData("  \n")] // found by the property: YamlDotNet cannot read the block it writes for it
    [InlineData("ab? *a")] // found by the property: YamlDotNet reads the key "ab? *a" written plain as an alias
    public void KnownHardStringsComeBackEqual(string value) => Check(value);

    private static void Check(string value)
    {
        // 1. YamlDotNet reads every place back as the same string, and no plain scalar means something else.
        string yaml = ElasticRuleImporter.Convert(Everywhere(value), "generated.toml");
        YamlMappingNode root = Load(yaml);
        foreach (YamlScalarNode scalar in new[]
        {
            Scalar(root, "name"), Scalar(root, "query"), Scalar(root, "note"),
            (YamlScalarNode)((YamlSequenceNode)root["tags"]).Children[0],
            Scalar((YamlMappingNode)root["metadata"], value),
            Scalar((YamlMappingNode)((YamlMappingNode)((YamlSequenceNode)root["threat"]).Children[0])["tactic"], "name"),
            Scalar((YamlMappingNode)((YamlMappingNode)((YamlMappingNode)((YamlSequenceNode)root["filters"]).Children[0])["query"])["match_phrase"], value),
        })
        {
            Assert.Equal(value, scalar.Value);
            AssertPlainIsAString(scalar);
        }
        Assert.Equal(value, ((YamlScalarNode)((YamlMappingNode)root["metadata"]).Children.Keys.Single(k => k is YamlScalarNode)).Value);

        // 2. RuleGen's reader gives back the same metadata, with no diagnostic at all.
        string rule = ElasticRuleImporter.Convert(Valid(value), "generated.toml");
        RuleReader.Read read = RuleReader.Parse(rule);
        Assert.True(read.Diagnostics.Count == 0, read + "\n" + rule);
        ParsedRule parsed = read.Rule!;
        Assert.Equal(value, parsed.Metadata.Note);
        Assert.Equal(value, parsed.Metadata.Setup);
        Assert.Equal(value, parsed.Metadata.License);
        Assert.Equal(new[] { value, "x" }, parsed.Metadata.Tags);
        Assert.Equal(new[] { value }, parsed.Metadata.References);
        Assert.Equal(new[] { value }, parsed.Metadata.InvestigationFields);
        Assert.Equal("from logs-* | where a == \"b\"", parsed.Query);
    }

    /// <summary>A rule that has <paramref name="value"/> in every kind of place (not a valid rule: the reader is not asked).</summary>
    private static TomlTable Everywhere(string value) => new()
    {
        ["rule"] = new TomlTable
        {
            ["name"] = value,
            ["query"] = value,
            ["note"] = value,
            ["tags"] = new TomlArray { value },
            ["threat"] = new TomlTableArray
            {
                new TomlTable { ["framework"] = "MITRE ATT&CK", ["tactic"] = new TomlTable { ["id"] = "TA0003", ["name"] = value } },
            },
            ["filters"] = new TomlTableArray { new TomlTable { ["query"] = new TomlTable { ["match_phrase"] = new TomlTable { [value] = value } } } },
        },
        ["metadata"] = new TomlTable { [value] = value },
    };

    /// <summary>A valid rule with <paramref name="value"/> in the keys that may hold any string.</summary>
    private static TomlTable Valid(string value) => new()
    {
        ["rule"] = new TomlTable
        {
            ["rule_id"] = "11111111-2222-3333-4444-555555555555",
            ["name"] = "Generated",
            ["description"] = "A rule for the round-trip property.",
            ["type"] = "esql",
            ["language"] = "esql",
            ["severity"] = "low",
            ["risk_score"] = 21L,
            ["license"] = value,
            ["tags"] = new TomlArray { value, "x" },
            ["references"] = new TomlArray { value },
            ["investigation_fields"] = new TomlTable { ["field_names"] = new TomlArray { value } },
            ["setup"] = value,
            ["note"] = value,
            ["query"] = "from logs-* | where a == \"b\"",
        },
        ["metadata"] = new TomlTable { ["maturity"] = value },
    };

    private static YamlMappingNode Load(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlScalarNode Scalar(YamlMappingNode mapping, string key) =>
        (YamlScalarNode)mapping.Children.Single(c => c.Key is YamlScalarNode k && k.Value == key).Value;

    // What a plain scalar must not look like: YAML 1.1's booleans, nulls, numbers (with _ and sexagesimal :), dates,
    // merge and value keys, floats' .inf/.nan, all of which some reader would not take as a string.
    private static readonly Regex NotAString = new(
        @"^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|<<|=|[-+]?[0-9._:][-+0-9a-zA-Z._:]*|[-+]?\.(inf|Inf|INF|nan|NaN|NAN))$|^$",
        RegexOptions.CultureInvariant);

    private static void AssertPlainIsAString(YamlScalarNode scalar)
    {
        if (scalar.Style != ScalarStyle.Plain) return;
        Assert.DoesNotMatch(NotAString, scalar.Value!);
        Assert.True(scalar.Value!.All(c => c >= ' ' && c <= '~'), "a plain scalar holds printable ASCII only: " + Escaped(scalar.Value));
    }

    private static string Escaped(string value)
    {
        var text = new StringBuilder("\"");
        foreach (char c in value) text.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c.ToString() : $"\\u{(int)c:X4}");
        return text.Append('"').ToString();
    }
}
