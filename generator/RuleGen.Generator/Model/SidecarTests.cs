using RuleGen.Generator.Diagnostics;

namespace RuleGen.Generator.Model
{
    /// <summary>The examples a tests file gives the rule at <paramref name="RulePath"/>: values only, for the attach step.</summary>
    internal sealed record SidecarTests(string RulePath, EquatableArray<RuleTestModel> Tests);

    /// <summary>
    /// One tests file as read: its examples, where its <c>tests</c> key is (for the rule-set checks) and its own
    /// diagnostics. The positions stay here, so moving text in the file re-runs only the diagnostics steps.
    /// </summary>
    internal sealed record SidecarFile(string Path, SidecarTests Tests, LocationInfo TestsAt, EquatableArray<DiagnosticInfo> Diagnostics);
}
