using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Languages.Sigma;
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
                if (problem.NotSupported) diagnostics.Add(DiagnosticCatalog.NotSupportedYet, problem.Location, problem.Message);
                else diagnostics.Add(DiagnosticCatalog.InvalidArgument, problem.Location, "Sigma", problem.Message);
            }

            string severity = Severity(rule.Level);
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
                Authors: rule.Author is null ? EquatableArray<string>.Empty : new EquatableArray<string>(new[] { rule.Author }),
                License: null,
                Tags: new EquatableArray<string>(rule.Tags.ToArray()),
                References: new EquatableArray<string>(rule.References.ToArray()),
                FalsePositives: new EquatableArray<string>(rule.FalsePositives.ToArray()),
                Note: null,
                Setup: null,
                TimestampOverride: null,
                InvestigationFields: EquatableArray<string>.Empty,
                // Sigma's attack.tXXXX tags are not mapped to threat yet: they stay in tags (docs/rule-format.md).
                Threat: EquatableArray<ThreatModel>.Empty,
                Tests: EquatableArray<RuleTestModel>.Empty,
                Schema: IsCloudTrail(rule.LogSource) ? "raw-cloudtrail" : null,
                Type: "query");

            YamlNode detection = root.Children.First(c => c.Key is YamlScalarNode { Value: "detection" }).Key;
            LocationInfo at = lines.Of(detection, "detection".Length);
            YamlNode? title = Value(root, "title");
            YamlNode? id = Value(root, "id");
            return new ParsedRule(metadata, string.Empty, ScalarPositions.Fixed(at), at,
                id is null ? null : lines.Of(id), title is null ? null : lines.Of(title), new ThreatLocations(), new List<YamlMappingNode>())
            {
                Sigma = rule,
            };
        }

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
