using System;
using System.Collections.Generic;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Generator.Parsing
{
    /// <summary>A rule's <c>type</c> and <c>language</c>, as checked by <see cref="RuleKindReader"/>.</summary>
    internal sealed record RuleKind(ElasticRuleType Type, QueryLanguage Language, string TypeName, string LanguageName, LocationInfo? TypeLocation, LocationInfo? LanguageLocation);

    /// <summary>
    /// Reads <c>type</c> and <c>language</c> and checks that they go together as Elastic's rule schema says
    /// (Kibana's rule API, detection-rules' <c>QueryRuleData</c>/<c>EQLRuleData</c>/<c>ESQLRuleData</c>): query,
    /// threshold and new_terms rules are kuery or lucene (kuery when absent), eql rules are eql, esql rules esql.
    /// When only one is written the other follows from it; when neither is, the rule is ES|QL (format 1's default).
    /// </summary>
    internal static class RuleKindReader
    {
        public static readonly string[] TypeNames = { "query", "eql", "esql", "threshold", "new_terms" };

        public static readonly string[] LanguageNames = { "kuery", "eql", "esql", "lucene" };

        public static RuleKind Read(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> values, YamlValues yaml)
        {
            string? typeName = Named(values, "type", TypeNames, yaml, out LocationInfo? typeAt);
            string? languageName = Named(values, "language", LanguageNames, yaml, out LocationInfo? languageAt);

            typeName ??= languageName switch
            {
                "kuery" or "lucene" => "query",
                "eql" => "eql",
                _ => "esql",
            };
            string[] allowed = LanguagesOf(typeName);
            if (languageName is not null && Array.IndexOf(allowed, languageName) < 0)
            {
                yaml.Diagnostics.Add(DiagnosticCatalog.WrongValueShape, languageAt, "language",
                    $"{string.Join(" or ", allowed)} for a rule of type '{typeName}'");
            }
            languageName = languageName is not null && Array.IndexOf(allowed, languageName) >= 0 ? languageName : allowed[0];

            // Read in full, but nothing runs them yet: a located error, never a rule that behaves differently.
            if (languageName == "lucene") yaml.Diagnostics.Add(DiagnosticCatalog.NotSupportedYet, languageAt, NotYetCompiled.Lucene);
            if (NotYetCompiled.RuleType(typeName) is string notYet) yaml.Diagnostics.Add(DiagnosticCatalog.NotSupportedYet, typeAt, notYet);

            return new RuleKind(TypeOf(typeName), LanguageOf(languageName), typeName, languageName, typeAt, languageAt);
        }

        /// <summary>The languages a rule type takes, its default first.</summary>
        private static string[] LanguagesOf(string type) => type switch
        {
            "eql" => new[] { "eql" },
            "esql" => new[] { "esql" },
            _ => new[] { "kuery", "lucene" },
        };

        private static ElasticRuleType TypeOf(string type) => type switch
        {
            "query" => ElasticRuleType.Query,
            "eql" => ElasticRuleType.Eql,
            "threshold" => ElasticRuleType.Threshold,
            "new_terms" => ElasticRuleType.NewTerms,
            _ => ElasticRuleType.Esql,
        };

        private static QueryLanguage LanguageOf(string language) => language switch
        {
            "kuery" => QueryLanguage.Kuery,
            "eql" => QueryLanguage.Eql,
            "lucene" => QueryLanguage.Lucene,
            _ => QueryLanguage.Esql,
        };

        /// <summary>The key's value when it is one of <paramref name="names"/>; null (reported) otherwise or when absent.</summary>
        private static string? Named(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> values, string key, string[] names, YamlValues yaml, out LocationInfo? at)
        {
            at = null;
            if (!values.TryGetValue(key, out var entry)) return null;
            at = yaml.Loc(entry.Value);
            if (entry.Value is YamlScalarNode { Value: not null } scalar)
            {
                if (Array.IndexOf(names, scalar.Value) >= 0) return scalar.Value;
                // Elastic's other rule types are real, and say so; anything else is a typo.
                if (key == "type" && NotYetCompiled.RuleType(scalar.Value) is string notYet)
                {
                    yaml.Diagnostics.Add(DiagnosticCatalog.NotSupportedYet, at, notYet);
                    return null;
                }
            }
            yaml.Diagnostics.Add(DiagnosticCatalog.WrongValueShape, at, key, "one of " + string.Join(", ", names));
            return null;
        }
    }
}
