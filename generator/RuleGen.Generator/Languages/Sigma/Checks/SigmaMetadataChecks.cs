using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Parsing;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Generator.Languages.Sigma.Checks
{
    /// <summary>
    /// Checks a Sigma rule's metadata against the specification v2.1 ("Components"), each at its YAML value:
    /// <c>title</c> is the one mandatory key (missing: RG0004, an error); <c>level</c> and <c>status</c> are optional
    /// but take only the values the spec lists (else RG0015, an error: the alert's severity comes from the level);
    /// <c>id</c> "should" be a random UUID (else RG0016, a warning: RuleGen uses any id as the alert's rule_id).
    /// </summary>
    internal static class SigmaMetadataChecks
    {
        /// <summary>The spec's five levels ("Level").</summary>
        public static readonly IReadOnlyList<string> Levels = new[] { "informational", "low", "medium", "high", "critical" };

        /// <summary>The spec's five statuses ("Status").</summary>
        public static readonly IReadOnlyList<string> Statuses = new[] { "stable", "test", "experimental", "deprecated", "unsupported" };

        public static void Check(YamlMappingNode root, SourceLines lines, DiagnosticBag diagnostics)
        {
            YamlNode? title = Value(root, "title");
            if (title is null) diagnostics.Add(DiagnosticCatalog.MissingKey, lines.FileStart, "title");
            else if (title is YamlScalarNode t && string.IsNullOrWhiteSpace(t.Value)) diagnostics.Add(DiagnosticCatalog.MissingKey, lines.Of(Key(root, "title")!), "title");

            CheckChoice(root, "level", Levels, lines, diagnostics);
            CheckChoice(root, "status", Statuses, lines, diagnostics);

            if (Value(root, "id") is YamlScalarNode { Value: { Length: > 0 } id } idNode && !IsUuid(id))
            {
                diagnostics.Add(DiagnosticCatalog.SigmaIdNotUuid, lines.Of(idNode), id);
            }
        }

        /// <summary>
        /// A list of strings with their positions (<c>tags</c> for the ATT&amp;CK mapping, <c>fields</c> for the schema
        /// check); an ill-shaped list is the reader's report.
        /// </summary>
        public static IReadOnlyList<SigmaValue> Located(YamlMappingNode root, string key, SourceLines lines)
        {
            if (Value(root, key) is YamlScalarNode { Value: { Length: > 0 } } single) return new[] { new SigmaValue(single.Value!, false, false, lines.Of(single)) };
            if (Value(root, key) is not YamlSequenceNode list) return Array.Empty<SigmaValue>();
            return list.Children.OfType<YamlScalarNode>()
                .Where(s => !string.IsNullOrEmpty(s.Value))
                .Select(s => new SigmaValue(s.Value!, s.Style is not (YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any), false, lines.Of(s)))
                .ToList();
        }

        /// <summary>A canonical 8-4-4-4-12 hex UUID (any version: the spec's "version 4" is how to make one, not a format).</summary>
        public static bool IsUuid(string id) => id.Length == 36 && Guid.TryParseExact(id, "D", out _);

        private static void CheckChoice(YamlMappingNode root, string key, IReadOnlyList<string> allowed, SourceLines lines, DiagnosticBag diagnostics)
        {
            if (Value(root, key) is not YamlScalarNode { Value: { } text } node || text.Length == 0) return;
            // pySigma reads both case-insensitively (SigmaLevel[level.upper()]); so does RuleGen, and maps the lower case.
            if (allowed.Contains(text.ToLowerInvariant())) return;
            string suggestion = DidYouMean.Closest(text, allowed) is { } closest ? $"did you mean '{closest}'? " : "";
            diagnostics.Add(DiagnosticCatalog.InvalidSigmaValue, lines.Of(node), key, text, suggestion + "the spec's values are " + string.Join(", ", allowed));
        }

        private static YamlNode? Key(YamlMappingNode root, string key) =>
            root.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key).Key;

        private static YamlNode? Value(YamlMappingNode root, string key) =>
            root.Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key).Value;
    }
}
