using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Tomlyn;
using Tomlyn.Model;

namespace RuleGen.Cli.Import;

/// <summary>
/// Converts an Elastic detection-rules TOML file into a RuleGen format-1 YAML rule without losing anything: every
/// key of <c>[rule]</c> (threat, note, tags, schedule, investigation fields, …) in the documented order, and
/// <c>[metadata]</c> under <c>metadata</c>. Keys RuleGen does not support yet are carried over too, so the
/// generator names them (RG0003/RG0014) instead of the importer dropping them.
/// </summary>
public static class ElasticRuleImporter
{
    private static readonly string[] Order =
    {
        "rule_id", "name", "description", "language", "type", "severity", "risk_score", "interval", "from", "max_signals",
        "version", "author", "license", "tags", "references", "false_positives", "timestamp_override", "investigation_fields",
        "setup", "note", "threat", "query",
    };

    /// <summary>The YAML for one TOML rule; throws <see cref="FormatException"/> with the TOML error when it does not parse.</summary>
    public static string Convert(string toml, string source)
    {
        TomlTable document;
        try
        {
            document = TomlSerializer.Deserialize(toml, ImportTomlContext.Default.TomlTable) ?? throw new FormatException("empty TOML document");
        }
        catch (Exception e) when (e is not FormatException)
        {
            throw new FormatException(e.Message, e);
        }
        if (!document.TryGetValue("rule", out object? ruleObject) || ruleObject is not TomlTable rule)
        {
            throw new FormatException("no [rule] table: not a detection-rules rule file");
        }

        var yaml = new StringBuilder();
        yaml.Append("# Imported from Elastic detection-rules: ").Append(source).Append('\n');
        var keys = Order.Where(rule.ContainsKey).Concat(rule.Keys.Where(k => Array.IndexOf(Order, k) < 0));
        foreach (string key in keys)
        {
            object value = rule[key]!;
            if (key == "investigation_fields" && value is TomlTable fields && fields.TryGetValue("field_names", out object? names))
            {
                value = names!;
            }
            if (key == "threat" && value is TomlTableArray threats)
            {
                value = threats.Select(Threat).ToList();
            }
            Write(yaml, key, value, 0);
        }
        if (document.TryGetValue("metadata", out object? metadata) && metadata is TomlTable)
        {
            Write(yaml, "metadata", metadata, 0);
        }
        return yaml.ToString();
    }

    /// <summary>Threat entries in the order of the format: framework, tactic, technique (with sub-techniques).</summary>
    private static TomlTable Threat(TomlTable threat)
    {
        var ordered = new TomlTable();
        foreach (string key in new[] { "framework", "tactic", "technique" }.Concat(threat.Keys.Where(k => k is not ("framework" or "tactic" or "technique"))))
        {
            if (threat.TryGetValue(key, out object? value)) ordered[key] = value!;
        }
        return ordered;
    }

    private static void Write(StringBuilder yaml, string key, object value, int indent)
    {
        string pad = new(' ', indent);
        switch (value)
        {
            case string text when text.TrimEnd('\n').Contains('\n'):
                yaml.Append(pad).Append(key).Append(": |").Append(text.EndsWith("\n", StringComparison.Ordinal) ? "" : "-").Append('\n');
                foreach (string line in text.TrimEnd('\n').Split('\n'))
                {
                    if (line.TrimEnd().Length == 0) yaml.Append('\n');
                    else yaml.Append(pad).Append("  ").Append(line.TrimEnd('\r')).Append('\n');
                }
                return;
            case TomlTable table:
                if (table.Count == 0)
                {
                    yaml.Append(pad).Append(key).Append(": {}\n");
                    return;
                }
                yaml.Append(pad).Append(key).Append(":\n");
                foreach (var (k, v) in table) Write(yaml, k, v!, indent + 2);
                return;
            case System.Collections.IEnumerable list and not string:
                var items = list.Cast<object>().ToList();
                if (items.Count == 0)
                {
                    yaml.Append(pad).Append(key).Append(": []\n");
                    return;
                }
                yaml.Append(pad).Append(key).Append(":\n");
                foreach (object item in items)
                {
                    if (item is TomlTable itemTable && itemTable.Count > 0)
                    {
                        // "- first: x" then the other keys aligned under it.
                        var inner = new StringBuilder();
                        foreach (var (k, v) in itemTable) Write(inner, k, v!, indent + 4);
                        string block = inner.ToString();
                        yaml.Append(pad).Append("  - ").Append(block.Substring(indent + 4));
                    }
                    else
                    {
                        yaml.Append(pad).Append("  - ").Append(Scalar(item)).Append('\n');
                    }
                }
                return;
            default:
                yaml.Append(pad).Append(key).Append(": ").Append(Scalar(value)).Append('\n');
                return;
        }
    }

    /// <summary>Strings double-quoted (YAML escapes); numbers and booleans as they are.</summary>
    private static string Scalar(object value) => value switch
    {
        string s => Quote(s),
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => Quote(t.ToString("o", CultureInfo.InvariantCulture)),
        DateTimeOffset t => Quote(t.ToString("o", CultureInfo.InvariantCulture)),
        _ => Quote(value.ToString() ?? string.Empty),
    };

    private static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (char c in text)
        {
            switch (c)
            {
                case '"': quoted.Append("\\\""); break;
                case '\\': quoted.Append("\\\\"); break;
                case '\n': quoted.Append("\\n"); break;
                case '\r': quoted.Append("\\r"); break;
                case '\t': quoted.Append("\\t"); break;
                default:
                    if (c < 0x20) quoted.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else quoted.Append(c);
                    break;
            }
        }
        return quoted.Append('"').ToString();
    }
}

/// <summary>TOML's untyped model through Tomlyn's source generator: no reflection, NativeAOT-safe.</summary>
[Tomlyn.Serialization.TomlSerializable(typeof(TomlTable))]
internal sealed partial class ImportTomlContext : Tomlyn.Serialization.TomlSerializerContext
{
}
