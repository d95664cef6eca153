using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace RuleGen.Generator.Languages.Sigma.Fields
{
    /// <summary>The rule facts a pipeline's rule conditions look at: logsource attributes and tags.</summary>
    internal sealed record SigmaRuleFacts(string? Category, string? Product, string? Service, IReadOnlyCollection<string> Tags);

    /// <summary>
    /// pySigma's field-name transformations as pure functions (sigma/processing/transformations/fields.py).
    /// A field name maps to a list of alternatives: one name is a plain rename; several mean the detection item
    /// becomes an OR of one item per name, with the same value and modifiers (pySigma builds a ConditionOR).
    /// Later items map every alternative again, and the results are flattened in order, duplicates dropped.
    /// </summary>
    internal static class FieldNameMapper
    {
        private static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

        /// <summary>field_name_mapping: the entry for exactly <paramref name="field"/>, or null when it is not listed.</summary>
        public static IReadOnlyList<string>? Map(FieldNameMapping mapping, string field)
        {
            foreach (FieldMappingEntry entry in mapping.Entries)
            {
                if (string.Equals(entry.Source, field, StringComparison.Ordinal)) return entry.Targets;
            }
            return null;
        }

        /// <summary>
        /// field_name_prefix_mapping: the first entry, in file order, whose prefix <paramref name="field"/> starts with
        /// (pySigma iterates the mapping in order and stops there); its targets with the rest of the name appended.
        /// </summary>
        public static IReadOnlyList<string>? MapPrefix(FieldNamePrefixMapping mapping, string field)
        {
            foreach (FieldMappingEntry entry in mapping.Entries)
            {
                if (!field.StartsWith(entry.Source, StringComparison.Ordinal)) continue;
                string rest = field.Substring(entry.Source.Length);
                var result = new List<string>(entry.Targets.Count);
                foreach (string target in entry.Targets) result.Add(target + rest);
                return result;
            }
            return null;
        }

        /// <summary>
        /// One item applied to one field: its mapping when the item's rule conditions hold for the rule and its
        /// field-name conditions for the field, else the field unchanged. Items of other types leave names alone.
        /// </summary>
        public static IReadOnlyList<string> Apply(PipelineItem item, string field, SigmaRuleFacts rule)
        {
            IReadOnlyList<string>? mapped = null;
            if (item.Transformation is FieldNameMapping or FieldNamePrefixMapping
                && item.RuleConditions.Matches(c => RuleConditionHolds(c, rule))
                && item.FieldNameConditions.Matches(c => FieldConditionHolds(c, field)))
            {
                mapped = item.Transformation is FieldNameMapping m ? Map(m, field) : MapPrefix((FieldNamePrefixMapping)item.Transformation, field);
            }
            return mapped ?? new[] { field };
        }

        /// <summary>Every item of <paramref name="pipeline"/> in order: the alternatives <paramref name="field"/> ends as (an OR when more than one).</summary>
        public static IReadOnlyList<string> Apply(SigmaPipeline pipeline, string field, SigmaRuleFacts rule)
        {
            IReadOnlyList<string> current = new[] { field };
            foreach (PipelineItem item in pipeline.Items)
            {
                var next = new List<string>();
                foreach (string name in current)
                {
                    foreach (string mapped in Apply(item, name, rule)) if (!next.Contains(mapped)) next.Add(mapped);
                }
                current = next;
            }
            return current;
        }

        /// <summary>pySigma's LogsourceCondition and RuleTagCondition.</summary>
        public static bool RuleConditionHolds(PipelineCondition condition, SigmaRuleFacts rule) => condition switch
        {
            LogsourceCondition l => (l.Category is null || l.Category == rule.Category)
                && (l.Product is null || l.Product == rule.Product)
                && (l.Service is null || l.Service == rule.Service),
            TagCondition t => ContainsTag(rule.Tags, t.Tag),
            _ => false,
        };

        /// <summary>pySigma's IncludeFieldCondition / ExcludeFieldCondition; <c>re</c> patterns match at the start like Python's re.match.</summary>
        public static bool FieldConditionHolds(PipelineCondition condition, string field)
        {
            if (condition is not FieldListCondition list) return false;
            bool listed = false;
            foreach (string entry in list.Fields)
            {
                listed = list.Regex ? StartsWithMatch(entry, field) : string.Equals(entry, field, StringComparison.Ordinal);
                if (listed) break;
            }
            return listed != list.Exclude;
        }

        /// <summary>A pattern that runs past its time budget counts as not matching: the mapper must never throw.</summary>
        private static bool StartsWithMatch(string pattern, string field)
        {
            try
            {
                return Regex.IsMatch(field, @"\A(?:" + pattern + ")", RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        private static bool ContainsTag(IReadOnlyCollection<string> tags, string tag)
        {
            foreach (string t in tags) if (string.Equals(t, tag, StringComparison.Ordinal)) return true;
            return false;
        }
    }
}
