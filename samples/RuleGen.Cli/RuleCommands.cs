using System.IO;
using RuleGen.Runtime;

namespace RuleGen.Cli;

/// <summary>`rulegen rules` and `rulegen test`: the compiled rules, and their own examples run.</summary>
internal static class RuleCommands
{
    public static int List(Stream stdout)
    {
        using var text = new StreamWriter(stdout, leaveOpen: true);
        foreach (CompiledRule rule in Rules.CompiledRules.All.Rules)
        {
            RuleMetadata m = rule.Metadata;
            text.WriteLine($"{m.RuleId}  {m.Severity.ToString().ToLowerInvariant(),-8} {m.RiskScore,3}  {m.Name}");
        }
        return ExitCode.Ok;
    }

    public static int Test(Stream stdout)
    {
        using var text = new StreamWriter(stdout, leaveOpen: true);
        int failed = 0, passed = 0;
        foreach (CompiledRule rule in Rules.CompiledRules.All.Rules)
        {
            foreach (RuleTestResult result in RuleTester.Run(rule))
            {
                if (result.Passed) passed++;
                else failed++;
                text.WriteLine($"{(result.Passed ? "ok  " : "FAIL")}  {rule.Metadata.Name}: {result.Test.Name}{(result.Passed ? string.Empty : " — " + result.Detail)}");
            }
        }
        text.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? ExitCode.Ok : ExitCode.Failed;
    }
}
