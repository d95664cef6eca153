using System;
using System.Collections.Generic;
using RuleGen.Generator.Binding;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Generator.Parsing
{
    /// <summary>
    /// A tests file (<c>X.tests.yml</c> beside <c>X.yml</c>): the <c>tests</c> key of a rule file and nothing else, read
    /// by the same code as a rule's own <c>tests</c>, so both forms mean the same. It exists for rules whose file must
    /// stay as its authors wrote it (SigmaHQ's, Elastic's).
    /// </summary>
    internal sealed partial class RuleYamlParser
    {
        private static readonly string[] SidecarKeys = { "tests", "rule" };

        /// <summary>The examples of a tests file; <paramref name="testsAt"/> is its <c>tests</c> key (the file's start without one).</summary>
        public static EquatableArray<RuleTestModel> ParseSidecar(SourceLines lines, string text, DiagnosticBag diagnostics, out LocationInfo testsAt) =>
            ParseSidecar(lines, text, diagnostics, out testsAt, out _);

        /// <summary>
        /// Also <paramref name="rule"/>: the optional <c>rule</c> key, the id or title of the rule the examples are for when
        /// the rule file is a Sigma collection of several rules (none: the file's first rule).
        /// </summary>
        public static EquatableArray<RuleTestModel> ParseSidecar(SourceLines lines, string text, DiagnosticBag diagnostics, out LocationInfo testsAt, out string? rule)
        {
            rule = null;
            var parser = new RuleYamlParser(lines, diagnostics);
            testsAt = lines.FileStart;
            YamlMappingNode? root = parser.LoadRoot(text);
            if (root is null) return EquatableArray<RuleTestModel>.Empty;

            var values = new Dictionary<string, (YamlScalarNode Key, YamlNode Value)>(StringComparer.Ordinal);
            foreach (KeyValuePair<YamlNode, YamlNode> entry in root.Children)
            {
                if (entry.Key is not YamlScalarNode { Value: not null } keyNode)
                {
                    diagnostics.Add(DiagnosticCatalog.WrongValueShape, parser.Loc(entry.Key), "A key", "a plain name");
                    continue;
                }
                if (keyNode.Value == "rule")
                {
                    if (entry.Value is YamlScalarNode { Value: string named } && named.Trim().Length > 0) rule = named.Trim();
                    else diagnostics.Add(DiagnosticCatalog.WrongValueShape, parser.Loc(entry.Value), "rule", "the id or title of one rule of the rule file");
                    continue;
                }
                if (keyNode.Value != "tests")
                {
                    // The rule's own keys belong in the rule file: a tests file that changed what the rule is would
                    // make the rule file lie.
                    diagnostics.Add(DiagnosticCatalog.UnknownKey, parser.Loc(keyNode, keyNode.Value.Length), keyNode.Value,
                        DidYouMean.Suffix(keyNode.Value, SidecarKeys, diagnostics) + " (a tests file holds only 'tests', and 'rule' to name one rule of a Sigma collection)");
                    continue;
                }
                values["tests"] = (keyNode, entry.Value);
            }
            if (!values.TryGetValue("tests", out var tests))
            {
                diagnostics.Add(DiagnosticCatalog.InvalidRuleTest, parser.Loc(root), "a tests file needs a 'tests' list");
                return EquatableArray<RuleTestModel>.Empty;
            }
            testsAt = parser.Loc(tests.Key, "tests".Length);
            EquatableArray<RuleTestModel> examples = parser.Tests(values);
            // The rule's schema is not known here (the rule compiles in its own step); the raw CloudTrail checks,
            // which need none, still run.
            TestEventChecks.Check(parser._testEvents, lines, diagnostics, schema: null);
            return examples;
        }
    }
}
