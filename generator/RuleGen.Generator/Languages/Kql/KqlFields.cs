using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Binding;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Ir;
using RuleGen.Generator.Limits;
using RuleGen.Generator.Planning;

namespace RuleGen.Generator.Languages.Kql
{
    /// <summary>
    /// How Elasticsearch answers the query Kibana builds for a field, by the field's mapping type: this decides every
    /// leaf (<see cref="KqlLeaves"/>). Kibana's <c>is</c> function (@kbn/es-query, kuery/functions/is.ts) sends a
    /// <c>term</c> query (a <c>wildcard</c> query for patterns) to a field whose only type is <c>keyword</c>, a
    /// <c>range</c> query to a date, and <c>match</c>/<c>match_phrase</c> (<c>query_string</c> for patterns) to
    /// every other field, which Elasticsearch then runs by the field's own type.
    /// </summary>
    internal enum KqlFieldKind
    {
        /// <summary><c>keyword</c>: exact bytes, case-sensitive, wildcard query, byte-order ranges, ignore_above.</summary>
        Keyword,

        /// <summary><c>constant_keyword</c>, <c>wildcard</c> fields and keys of a <c>flattened</c> field: as a keyword, but
        /// patterns go through <c>query_string</c> (which splits at whitespace) and there is no ignore_above.</summary>
        KeywordLike,

        /// <summary><c>text</c>, <c>match_only_text</c>: analysed; RuleGen does not analyse text (not supported yet).</summary>
        Text,

        /// <summary><c>long</c>, <c>integer</c>, <c>short</c>, <c>byte</c>, <c>unsigned_long</c>.</summary>
        Integer,

        /// <summary><c>double</c>, <c>float</c>, <c>half_float</c>, <c>scaled_float</c>.</summary>
        Float,

        Ip,

        Date,

        Boolean,

        /// <summary>Objects, nested objects, flattened roots, geo types and the rest: no leaf compares them.</summary>
        Unsupported,
    }

    /// <summary>A field a KQL leaf reads, with what its mapping says; its slot is taken only when a leaf uses it.</summary>
    internal sealed class KqlField
    {
        public KqlField(string name, string type, KqlFieldKind kind, int? ignoreAbove, bool mapped, string? flattenedRoot, LocationInfo at)
        {
            Name = name;
            Type = type;
            Kind = kind;
            IgnoreAbove = ignoreAbove;
            IsMapped = mapped;
            FlattenedRoot = flattenedRoot;
            At = at;
        }

        public string Name { get; }

        /// <summary>The mapping type, for messages ("keyword (unmapped)" for a field no schema names).</summary>
        public string Type { get; }

        public KqlFieldKind Kind { get; }

        public int? IgnoreAbove { get; }

        /// <summary>Whether the schema names the field (an unmapped field is read as ecs@mappings maps strings: keyword).</summary>
        public bool IsMapped { get; }

        public string? FlattenedRoot { get; }

        /// <summary>Where the field is written (for a wildcard name, the name as written).</summary>
        public LocationInfo At { get; }
    }

    /// <summary>
    /// Turns a KQL field name into the fields it reads, against the rule's schema: a name as it is; a name with
    /// wildcards into every schema field it matches (Kibana's getFields tests each data view field against the
    /// pattern, @kbn/es-query kuery/functions/utils/get_fields.ts; the detection engine loads the index's fields,
    /// security_solution getFieldsForWildcard); and the nested-group checks of Kibana's getFullFieldNameNode.
    /// </summary>
    internal sealed class KqlFieldResolver
    {
        private readonly PlanBuilder _plan;

        public KqlFieldResolver(PlanBuilder plan) => _plan = plan;

        private FieldSchema? Schema => _plan.Schema;

        /// <summary>The fields <paramref name="field"/> names inside <paramref name="nestedPath"/> (null: none), or null after an error.</summary>
        public IReadOnlyList<KqlField>? Resolve(KqlLiteral field, string? nestedPath, LocationInfo at, DiagnosticBag diagnostics)
        {
            string name = nestedPath is null ? field.Value : nestedPath + "." + field.Value;
            if (field.HasWildcard) return Expand(field, nestedPath, name, at, diagnostics);

            if (Schema is not null && Schema.Find(name) is not null)
            {
                string? nestedParent = Schema.NestedParent(name);
                string? problem = nestedPath is null
                    ? nestedParent is null ? null : $"{name} is a nested field, but is not in a nested group in the KQL expression: write {nestedParent}:{{ {name.Substring(nestedParent.Length + 1)}: … }}"
                    : nestedParent is null ? $"{name} is not a nested field but is in nested group \"{nestedPath}\" in the KQL expression"
                    : nestedParent != nestedPath ? $"Nested field {name} is being queried with the incorrect nested path. The correct path is {nestedParent}"
                    : null;
                if (problem is not null)
                {
                    // Kibana's own messages (getFullFieldNameNode), raised before any query reaches Elasticsearch.
                    diagnostics.Add(DiagnosticCatalog.TypeMismatch, at, problem);
                    return null;
                }
            }
            return new[] { Describe(name, at) };
        }

        /// <summary>What the schema says of one field; an unknown one is read as a keyword (and reported by the plan).</summary>
        public KqlField Describe(string name, LocationInfo at)
        {
            string? root = Schema?.FlattenedRoot(name);
            if (root is not null) return new KqlField(name, $"a key of the flattened field {root}", KqlFieldKind.KeywordLike, null, true, root, at);
            FieldInfo? info = Schema?.Find(name);
            if (info is null)
            {
                // ecs@mappings (the logs-*-* templates' dynamic mapping) maps a string no mapping names to a keyword
                // with ignore_above 1024 ("all_strings_to_keywords").
                return new KqlField(name, "keyword (unmapped)", KqlFieldKind.Keyword, FieldSchema.DefaultIgnoreAbove, false, null, at);
            }
            // An alias (a fields file's type: alias) is queried as the field it names; the plan reads that field's
            // values, as it does for a multi-field's parent.
            if (info is { Type: "alias", AliasPath: string path } && Schema!.Find(path) is FieldInfo target) info = target;
            return new KqlField(name, info.Type, KindOf(info.Type), info.Type == "keyword" ? info.IgnoreAbove : null, true, null, at);
        }

        public static KqlFieldKind KindOf(string type) => type switch
        {
            "keyword" => KqlFieldKind.Keyword,
            "constant_keyword" or "wildcard" => KqlFieldKind.KeywordLike,
            "text" or "match_only_text" => KqlFieldKind.Text,
            "long" or "integer" or "short" or "byte" or "unsigned_long" => KqlFieldKind.Integer,
            "double" or "float" or "half_float" or "scaled_float" => KqlFieldKind.Float,
            "ip" => KqlFieldKind.Ip,
            "date" => KqlFieldKind.Date,
            "boolean" => KqlFieldKind.Boolean,
            _ => KqlFieldKind.Unsupported,
        };

        /// <summary>
        /// <c>aws.*</c>: every schema field the pattern matches, whole name, case-sensitive (Kibana's wildcard.test:
        /// each <c>*</c> any run). Objects and nested objects are not fields a leaf reads; Kibana wraps a nested field
        /// matched this way in its own nested query, the same as reading it dotted for one leaf.
        /// </summary>
        private IReadOnlyList<KqlField>? Expand(KqlLiteral field, string? nestedPath, string name, LocationInfo at, DiagnosticBag diagnostics)
        {
            if (Schema is null)
            {
                diagnostics.Add(DiagnosticCatalog.NotSupportedYet, at, $"A field name with a wildcard ({field.Raw}) under schema: none (RuleGen expands it over the rule's schema)");
                return null;
            }
            int offset = nestedPath is null ? 0 : nestedPath.Length + 1;
            var stars = new HashSet<int>(field.WildcardIndexes.Select(i => i + offset));
            var matches = new List<KqlField>();
            foreach (string candidate in Schema.AllNames.OrderBy(n => n, StringComparer.Ordinal))
            {
                if (!Matches(name, stars, candidate)) continue;
                KqlField described = Describe(candidate, at);
                if (Schema.Find(candidate) is { Type: "object" or "nested" or "group" }) continue;
                matches.Add(described);
                if (matches.Count > RuleLimits.QueryTerms)
                {
                    diagnostics.Add(LimitExceededException.Size($"The field name {field.Raw} matches too many fields", RuleLimits.QueryTerms, field.Start, field.Length), at);
                    return null;
                }
            }
            if (matches.Count == 0)
            {
                diagnostics.Add(DiagnosticCatalog.UnknownField, at, name, Schema.Description, ": no field matches the pattern");
                return null;
            }
            return matches;
        }

        /// <summary>Whether <paramref name="candidate"/> is <paramref name="pattern"/> with each star position any run of characters.</summary>
        private static bool Matches(string pattern, HashSet<int> stars, string candidate)
        {
            // Greedy with one backtrack point at the last star: linear for star-only patterns.
            int p = 0, c = 0, starP = -1, starC = 0;
            while (c < candidate.Length)
            {
                if (p < pattern.Length && stars.Contains(p))
                {
                    starP = p++;
                    starC = c;
                }
                else if (p < pattern.Length && pattern[p] == candidate[c])
                {
                    p++;
                    c++;
                }
                else if (starP >= 0)
                {
                    p = starP + 1;
                    c = ++starC;
                }
                else
                {
                    return false;
                }
            }
            while (p < pattern.Length && stars.Contains(p)) p++;
            return p == pattern.Length;
        }
    }
}
