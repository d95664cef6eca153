using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Languages.Sigma;
using RuleGen.Generator.Languages.Sigma.Checks;
using RuleGen.Generator.Model;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Generator.Parsing
{
    /// <summary>
    /// A Sigma rule file (title + logsource + detection) as a <see cref="ParsedRule"/>: <see cref="SigmaRuleReader"/>
    /// reads the syntax, this maps its metadata onto RuleGen's (docs/rule-format.md, "Sigma rules") and reports the
    /// reader's problems as RG diagnostics at their positions. The detection is bound later by SigmaBinder.
    /// </summary>
    internal static class SigmaRuleFile
    {
        public static bool IsSigma(YamlMappingNode root) =>
            Has(root, "logsource") && Has(root, "detection");

        public static ParsedRule? Read(YamlMappingNode root, SourceLines lines, DiagnosticBag diagnostics)
        {
            var problems = new List<SigmaProblem>();
            SigmaRule rule = SigmaRuleReader.Read(root, lines, problems);
            foreach (SigmaProblem problem in problems)
            {
                // The reader's "not supported" problems are the constructs the spec made obsolete (pipe aggregations,
                // near, timeframe): they will not be supported, so RG0023's "… is not supported yet" would mislead;
                // their message names the correlation rule that replaces them.
                diagnostics.Add(DiagnosticCatalog.InvalidArgument, problem.Location, "Sigma", problem.Message);
            }
            // What a reviewer would catch that is still valid YAML of the right shape (docs/rule-format.md, "Sigma rules").
            SigmaMetadataChecks.Check(root, lines, diagnostics);
            SigmaSearchUsage.Check(rule, diagnostics);
            SigmaWildcardChecks.Check(rule, diagnostics);
            rule = rule with { TagValues = SigmaMetadataChecks.Located(root, "tags", lines), FieldValues = SigmaMetadataChecks.Located(root, "fields", lines) };

            string severity = Severity(rule.Level?.ToLowerInvariant());
            var metadata = new RuleMetadataModel(
                RuleId: rule.Id ?? string.Empty,
                Name: rule.Title ?? string.Empty,
                Description: rule.Description ?? string.Empty,
                Language: "sigma",
                Severity: severity,
                RiskScore: RiskScore(severity),
                Interval: "5m",
                From: "now-6m",
                MaxSignals: 100,
                Version: 1,
                Authors: Authors(rule.Author),
                License: null,
                Tags: new EquatableArray<string>(rule.Tags.ToArray()),
                References: new EquatableArray<string>(rule.References.ToArray()),
                FalsePositives: new EquatableArray<string>(rule.FalsePositives.ToArray()),
                Note: null,
                Setup: null,
                TimestampOverride: null,
                InvestigationFields: EquatableArray<string>.Empty,
                // Filled from the attack.* tags by the compiler, which has the project's ATT&CK catalogue (SigmaAttackTags).
                Threat: EquatableArray<ThreatModel>.Empty,
                Tests: EquatableArray<RuleTestModel>.Empty,
                Schema: IsCloudTrail(rule.LogSource) ? "raw-cloudtrail" : null,
                Type: "query",
                Status: rule.Status?.ToLowerInvariant());

            YamlNode detection = root.Children.First(c => c.Key is YamlScalarNode { Value: "detection" }).Key;
            LocationInfo at = lines.Of(detection, "detection".Length);
            YamlNode? title = Value(root, "title");
            YamlNode? id = Value(root, "id");
            return new ParsedRule(metadata, string.Empty, ScalarPositions.Fixed(at), at,
                id is null ? null : lines.Of(id), title is null ? null : lines.Of(title), new ThreatLocations(), new List<YamlMappingNode>())
            {
                Sigma = rule,
                SigmaName = Value(root, "name") is YamlScalarNode { Value: string name } && name.Trim().Length > 0 ? name : null,
            };
        }

        /// <summary>
        /// The spec's "Author": "If there is more than one, they are separated by a comma"; each is one entry of
        /// kibana.alert.rule.author, which every alert carries (the DRL 1.1 of SigmaHQ's rules requires attribution).
        /// </summary>
        internal static EquatableArray<string> Authors(string? author) => author is null
            ? EquatableArray<string>.Empty
            : author.Split(',').Select(a => a.Trim()).Where(a => a.Length > 0).ToEquatableArray();

        /// <summary>Sigma's levels onto Elastic's four; informational has no own level, so it is low.</summary>
        internal static string Severity(string? level) => level switch
        {
            "medium" => "medium",
            "high" => "high",
            "critical" => "critical",
            _ => "low",
        };

        /// <summary>Elastic's default risk score of each severity (the values Kibana's rule form proposes).</summary>
        internal static int RiskScore(string severity) => severity switch
        {
            "medium" => 47,
            "high" => 73,
            "critical" => 99,
            _ => 21,
        };

        private static bool IsCloudTrail(SigmaLogSource source) =>
            string.Equals(source.Product, "aws", System.StringComparison.OrdinalIgnoreCase)
            && string.Equals(source.Service, "cloudtrail", System.StringComparison.OrdinalIgnoreCase);

        private static bool Has(YamlMappingNode root, string key) => root.Children.Any(c => c.Key is YamlScalarNode s && s.Value == key);

        private static YamlNode? Value(YamlMappingNode root, string key) =>
            root.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key).Value;
    }
}
