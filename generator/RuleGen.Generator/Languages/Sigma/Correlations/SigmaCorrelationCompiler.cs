using System.Globalization;
using System.Linq;
using RuleGen.Generator.Binding;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Ir;
using RuleGen.Generator.Model;
using RuleGen.Generator.Parsing;

namespace RuleGen.Generator.Languages.Sigma.Correlations
{
    /// <summary>
    /// A correlation file as a rule of the set: a class whose own condition never matches an event (the prefilter's
    /// empty literal list skips it) and whose window stage is the correlation. Naming, the rule set and emission are
    /// the other rules'; the references are resolved later, against the whole set (<see cref="Planning.CorrelationResolution"/>).
    /// </summary>
    internal static class SigmaCorrelationCompiler
    {
        public static CompiledRuleFile Compile(string path, SigmaCorrelationFile file, DiagnosticBag diagnostics)
        {
            string severity = SigmaRuleFile.Severity(file.Level?.ToLowerInvariant());
            var metadata = new RuleMetadataModel(
                RuleId: file.Id,
                Name: file.Title,
                Description: file.Description ?? string.Empty,
                Language: "sigma",
                Severity: severity,
                RiskScore: SigmaRuleFile.RiskScore(severity),
                Interval: "5m",
                From: "now-6m",
                MaxSignals: 100,
                Version: 1,
                Authors: SigmaRuleFile.Authors(file.Author),
                License: null,
                Tags: file.Tags,
                References: file.References,
                FalsePositives: file.FalsePositives,
                Note: null,
                Setup: null,
                TimestampOverride: null,
                InvestigationFields: EquatableArray<string>.Empty,
                Threat: EquatableArray<ThreatModel>.Empty,
                Tests: EquatableArray<RuleTestModel>.Empty,
                Schema: null,
                Type: "correlation",
                Status: file.Status?.ToLowerInvariant());
            var plan = new QueryPlan("sigma", Describe(file.Model), EquatableArray<string>.Empty, EquatableArray<string>.Empty, EquatableArray<string>.Empty,
                new ConstPred(TriValue.False), EquatableArray<string>.Empty, EquatableArray<RequiredLiteral>.Empty, null);
            var identity = new RuleIdentity(path, file.Id, file.Title, file.IdAt, file.TitleAt) { SigmaName = file.Name, IsCorrelation = true };
            RuleModel? rule = diagnostics.HasErrors
                ? null
                : new RuleModel(path, RuleCompiler.ClassName(file.Title, path), metadata, plan, EquatableArray<AlertColumn>.Empty) { Correlation = file.Model };
            return new CompiledRuleFile(path, rule, identity, diagnostics.ToEquatableArray()) { Correlation = file.Site };
        }

        /// <summary>The correlation in one line: the rule's "query" in alerts (kibana.alert.rule.query) and in the class's comment.</summary>
        public static string Describe(SigmaCorrelationModel c)
        {
            string condition = c.Condition.Count == 0
                ? "all rules"
                : string.Join(" and ", c.Condition.Select(b => b.Operator + " " + b.Value.ToString("R", CultureInfo.InvariantCulture)));
            return $"correlation {c.Type} of [{string.Join(", ", c.Rules)}]"
                + (c.GroupBy.Count > 0 ? $" by [{string.Join(", ", c.GroupBy)}]" : "")
                + $" within {c.TimespanMs / 1000}s"
                + (c.Field is null ? "" : $" on {c.Field}")
                + $": {condition}";
        }
    }
}
