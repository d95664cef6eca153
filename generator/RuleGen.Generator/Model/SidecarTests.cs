using RuleGen.Generator.Diagnostics;

namespace RuleGen.Generator.Model
{
    /// <summary>
    /// The examples a tests file gives the rule at <paramref name="RulePath"/>: values only, for the attach step.
    /// <paramref name="Rule"/>: the id or title its <c>rule</c> key names (a Sigma collection's rule), or null: the file's first rule.
    /// </summary>
    internal sealed record SidecarTests(string RulePath, EquatableArray<RuleTestModel> Tests, string? Rule = null)
    {
        /// <summary>Whether these examples are for <paramref name="rule"/> (keyed by <see cref="Parsing.DocumentKeys"/>).</summary>
        public bool IsFor(RuleModel rule) => IsFor(new SidecarRule(rule.FilePath, rule.Metadata.RuleId, rule.Metadata.Name));

        public bool IsFor(SidecarRule rule) => Rule is null
            ? string.Equals(RulePath, rule.Key, System.StringComparison.Ordinal)
            : string.Equals(RulePath, Parsing.DocumentKeys.FileOf(rule.Key), System.StringComparison.Ordinal)
              && (string.Equals(Rule, rule.RuleId, System.StringComparison.Ordinal) || string.Equals(Rule, rule.Name, System.StringComparison.Ordinal));
    }

    /// <summary>A compiled rule as a tests file names it: its key (<see cref="Parsing.DocumentKeys"/>), id and title.</summary>
    internal sealed record SidecarRule(string Key, string RuleId, string Name);

    /// <summary>
    /// One tests file as read: its examples, where its <c>tests</c> key is (for the rule-set checks) and its own
    /// diagnostics. The positions stay here, so moving text in the file re-runs only the diagnostics steps.
    /// </summary>
    internal sealed record SidecarFile(string Path, SidecarTests Tests, LocationInfo TestsAt, EquatableArray<DiagnosticInfo> Diagnostics);
}
