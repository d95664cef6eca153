using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;
using RuleGen.Generator.Parsing;

namespace RuleGen.Generator
{
    /// <summary>
    /// Tests files: <c>X.tests.yml</c> holds the <c>tests</c> of the rule in <c>X.yml</c> (any language), for rules whose
    /// file stays unchanged. They are read in their own step and attached after the rule compiled, so a rule's compile
    /// step never depends on them (docs/rule-format.md, "Tests files").
    /// </summary>
    internal static class TestSidecars
    {
        private const string Suffix = ".tests";

        /// <summary><c>X.tests.yml</c> (or <c>.yaml</c>): a tests file, not a rule.</summary>
        public static bool IsSidecar(string path) => RulePathOf(path) is not null;

        /// <summary>The rule file a tests file belongs to: the same folder and name without <c>.tests</c>.</summary>
        public static string? RulePathOf(string path)
        {
            foreach (string extension in new[] { ".yml", ".yaml" })
            {
                string ending = Suffix + extension;
                if (path.EndsWith(ending, StringComparison.OrdinalIgnoreCase) && path.Length > ending.Length)
                {
                    return path.Substring(0, path.Length - ending.Length) + path.Substring(path.Length - extension.Length);
                }
            }
            return null;
        }

        /// <summary>Reads one tests file. Never throws: an unexpected exception is RG9999 at the top of the file.</summary>
        public static SidecarFile Read(RuleSourceFile file)
        {
            var diagnostics = new DiagnosticBag();
            var lines = new SourceLines(file.Path, file.Text);
            string rulePath = RulePathOf(file.Path) ?? file.Path;
            try
            {
                EquatableArray<RuleTestModel> tests = RuleYamlParser.ParseSidecar(lines, file.Text, diagnostics, out LocationInfo at, out string? rule);
                return new SidecarFile(file.Path, new SidecarTests(rulePath, tests, rule), at, diagnostics.ToEquatableArray());
            }
            catch (Limits.LimitExceededException e)
            {
                diagnostics.Add(e, lines.FileStart);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                diagnostics.Add(DiagnosticCatalog.InternalError, lines.FileStart, e.GetType().Name, e.Message);
            }
            return new SidecarFile(file.Path, new SidecarTests(rulePath, EquatableArray<RuleTestModel>.Empty), lines.FileStart, diagnostics.ToEquatableArray());
        }

        /// <summary>Every tests file's examples by rule path, as one value: equal when no example changed.</summary>
        public static EquatableArray<SidecarTests> Table(ImmutableArray<SidecarTests> all) =>
            all.OrderBy(s => s.RulePath, StringComparer.Ordinal).ToEquatableArray();

        /// <summary>
        /// The rule with its tests file's examples, if it has one. A rule that has its own <c>tests</c> keeps them (the
        /// rule-set check reports both); so does a rule without a tests file.
        /// </summary>
        public static RuleModel Attach(RuleModel rule, EquatableArray<SidecarTests> table)
        {
            if (!rule.Metadata.Tests.IsEmpty) return rule;
            foreach (SidecarTests sidecar in table)
            {
                if (sidecar.IsFor(rule))
                {
                    return rule with { Metadata = rule.Metadata with { Tests = sidecar.Tests } };
                }
            }
            return rule;
        }

        /// <summary>
        /// Located errors at a tests file's <c>tests</c> key: no rule file beside it (a renamed or deleted rule would
        /// lose its examples silently), or a rule that has its own <c>tests</c> too (which examples count would be a guess).
        /// </summary>
        public static EquatableArray<DiagnosticInfo> Check(ImmutableArray<(string Path, string RulePath, LocationInfo At)> sidecars,
            ImmutableArray<string> rulePaths, ImmutableArray<string> rulesWithOwnTests) =>
            Check(sidecars.Select(s => (s.Path, new SidecarTests(s.RulePath, EquatableArray<RuleTestModel>.Empty), s.At)).ToImmutableArray(), rulePaths, rulesWithOwnTests, ImmutableArray<SidecarRule>.Empty);

        /// <summary>As above; a tests file whose <c>rule</c> names no rule of its file (among <paramref name="compiled"/>) is an error too.</summary>
        public static EquatableArray<DiagnosticInfo> Check(ImmutableArray<(string Path, SidecarTests Tests, LocationInfo At)> sidecars,
            ImmutableArray<string> rulePaths, ImmutableArray<string> rulesWithOwnTests, ImmutableArray<SidecarRule> compiled)
        {
            var rules = new HashSet<string>(rulePaths, StringComparer.Ordinal);
            var withTests = new HashSet<string>(rulesWithOwnTests, StringComparer.Ordinal);
            var diagnostics = new DiagnosticBag();
            foreach (var (path, sidecar, at) in sidecars.OrderBy(s => s.Path, StringComparer.Ordinal))
            {
                string rulePath = sidecar.RulePath;
                string ruleName = System.IO.Path.GetFileName(rulePath);
                if (!rules.Contains(rulePath))
                {
                    diagnostics.Add(DiagnosticCatalog.InvalidRuleTest, at, $"this tests file belongs to the rule file '{ruleName}', which is not among the rule files");
                }
                else if (sidecar.Rule is not null && !compiled.IsDefaultOrEmpty && !compiled.Any(sidecar.IsFor))
                {
                    diagnostics.Add(DiagnosticCatalog.InvalidRuleTest, at, $"'rule: {sidecar.Rule}' names no rule of '{ruleName}' (by id or title)");
                }
                else if (withTests.Contains(rulePath))
                {
                    diagnostics.Add(DiagnosticCatalog.InvalidRuleTest, at, $"'{ruleName}' has its own 'tests'; keep the examples in one place, the rule file or this tests file");
                }
            }
            return diagnostics.ToEquatableArray();
        }
    }
}
