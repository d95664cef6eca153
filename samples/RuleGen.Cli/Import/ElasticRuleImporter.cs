using System;
using System.Collections.Generic;
using System.Linq;
using Tomlyn;
using Tomlyn.Model;

namespace RuleGen.Cli.Import;

/// <summary>
/// Converts an Elastic detection-rules TOML file into a RuleGen format-1 YAML rule without losing anything: every
/// key of <c>[rule]</c> (threat, note, tags, schedule, investigation fields, index, filters, new_terms, threshold,
/// alert_suppression, …) in the documented order, and <c>[metadata]</c> under <c>metadata</c>. Keys RuleGen does
/// not support yet are carried over too, so the generator names them (RG0003/RG0014/RG0023) instead of the importer
/// dropping them. Every string comes back equal from any YAML reader (<see cref="RuleYamlWriter"/>).
/// </summary>
public static class ElasticRuleImporter
{
    private static readonly string[] Order =
    {
        "rule_id", "name", "description", "language", "type", "severity", "risk_score", "interval", "from", "max_signals",
        "version", "author", "license", "tags", "references", "false_positives", "timestamp_override", "investigation_fields",
        "setup", "note", "threat", "building_block_type", "index", "filters", "exceptions_list", "event_category_override",
        "tiebreaker_field", "timestamp_field", "query", "new_terms", "threshold", "alert_suppression",
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
        return Convert(document, source);
    }

    /// <summary>
    /// The YAML for a parsed TOML rule; throws <see cref="FormatException"/> when it is not a rule, or is a rule
    /// that has no query to compile (machine_learning).
    /// </summary>
    public static string Convert(TomlTable document, string source)
    {
        if (!document.TryGetValue("rule", out object? ruleObject) || ruleObject is not TomlTable rule)
        {
            throw new FormatException("no [rule] table: not a detection-rules rule file");
        }
        if (rule.TryGetValue("type", out object? type) && type is "machine_learning")
        {
            throw new FormatException("not importable: a machine_learning rule runs an Elastic machine learning job "
                + "(machine_learning_job_id), it has no query for RuleGen to compile");
        }

        var entries = new List<KeyValuePair<string, object>>();
        var keys = Order.Where(rule.ContainsKey).Concat(rule.Keys.Where(k => Array.IndexOf(Order, k) < 0));
        foreach (string key in keys)
        {
            object value = rule[key]!;
            if (key == "investigation_fields" && value is TomlTable fields && fields.Count == 1 && fields.TryGetValue("field_names", out object? names))
            {
                value = names!;
            }
            if (key == "threat" && value is TomlTableArray threats)
            {
                value = threats.Select(Threat).ToList();
            }
            entries.Add(new KeyValuePair<string, object>(key, value));
        }
        if (document.TryGetValue("metadata", out object? metadata) && metadata is TomlTable)
        {
            entries.Add(new KeyValuePair<string, object>("metadata", metadata));
        }

        var comments = new List<string> { "Imported from Elastic detection-rules: " + source };
        if (rule.TryGetValue("license", out object? license) && license is string licence) comments.Add("Licence: " + licence);
        return RuleYamlWriter.Write(comments, entries);
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
}

/// <summary>TOML's untyped model through Tomlyn's source generator: no reflection, NativeAOT-safe.</summary>
[Tomlyn.Serialization.TomlSerializable(typeof(TomlTable))]
internal sealed partial class ImportTomlContext : Tomlyn.Serialization.TomlSerializerContext
{
}
