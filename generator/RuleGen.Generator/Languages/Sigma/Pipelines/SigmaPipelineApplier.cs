using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Languages.Sigma.Fields;
using RuleGen.Generator.Model;

namespace RuleGen.Generator.Languages.Sigma.Pipelines
{
    /// <summary>
    /// The project's pySigma processing pipelines (AdditionalFiles marked RuleGenSigmaPipeline) applied to one rule,
    /// as pySigma's rule pre-processing does (sigma/processing/pipeline.py): every pipeline in priority order (lower
    /// first; equal priorities by file path), every item in file order, an item applying when its rule_conditions
    /// hold for the rule as the earlier items left it. The result is the rule the binder sees.
    /// </summary>
    internal static class SigmaPipelineApplier
    {
        public static SigmaRule Apply(SigmaRule rule, EquatableArray<SigmaPipeline> pipelines, DiagnosticBag diagnostics, out bool fieldsMapped)
        {
            fieldsMapped = false;
            int added = 0;
            foreach (SigmaPipeline pipeline in pipelines.OrderBy(p => p.Priority))
            {
                foreach (PipelineItem item in pipeline.Items)
                {
                    SigmaRuleFacts facts = Facts(rule);
                    if (!item.RuleConditions.Matches(c => FieldNameMapper.RuleConditionHolds(c, facts))) continue;
                    switch (item.Transformation)
                    {
                        case FieldNameMapping or FieldNamePrefixMapping:
                            // A user mapping replaces RuleGen's built-in ECS form for this rule (docs/sigma-fields.md).
                            fieldsMapped = true;
                            rule = MapFields(rule, item, facts);
                            break;
                        case AddCondition condition:
                            rule = SigmaRuleRewriter.AndSearch(rule, AddedSearch(condition, rule, ++added), condition.Negated);
                            break;
                        case ChangeLogsource change:
                            rule = rule with { LogSource = new SigmaLogSource(change.Product ?? rule.LogSource.Product, change.Service ?? rule.LogSource.Service, change.Category ?? rule.LogSource.Category) };
                            break;
                        case ValuePlaceholders placeholders:
                            rule = SigmaPlaceholders.Replace(rule, item, placeholders, pipeline.Variables);
                            break;
                        case DropDetectionItem:
                            rule = SigmaRuleRewriter.MapItems(rule, i => Selected(item, i) ? null : new[] { i });
                            break;
                    }
                }
            }
            return SigmaPlaceholders.Finish(rule, diagnostics);
        }

        public static SigmaRuleFacts Facts(SigmaRule rule) => new(rule.LogSource.Category, rule.LogSource.Product, rule.LogSource.Service, rule.Tags.ToList());

        /// <summary>Whether an item's field_name_conditions select a detection item (keyword items have no field: never).</summary>
        public static bool Selected(PipelineItem item, SigmaFieldItem detection) =>
            detection.Field.Length > 0 && item.FieldNameConditions.Matches(c => FieldNameMapper.FieldConditionHolds(c, detection.Field));

        private static SigmaRule MapFields(SigmaRule rule, PipelineItem item, SigmaRuleFacts facts) =>
            SigmaRuleRewriter.MapItems(rule, detection =>
            {
                if (detection.Field.Length == 0) return new[] { detection };
                IReadOnlyList<string> fields = FieldNameMapper.Apply(item, detection.Field, facts);
                bool fieldRef = detection.Modifiers.Any(m => m.Modifier == SigmaModifier.FieldRef);
                return fields.Select(f => detection with
                {
                    Field = f,
                    // fieldref's values are field names too (pySigma maps them with the same item).
                    Values = fieldRef ? detection.Values.Select(v => v with { Text = FieldNameMapper.Apply(item, v.Text, facts)[0] }).ToList() : detection.Values,
                }).ToList();
            });

        /// <summary>add_condition's field: value pairs as one map (AND; a value list OR), at the pipeline's place.</summary>
        private static SigmaSearch AddedSearch(AddCondition condition, SigmaRule rule, int number)
        {
            var items = condition.Conditions.Select(c => new SigmaFieldItem(
                c.Field,
                new List<SigmaModifierUse>(),
                c.Values.Select(v => new SigmaValue(v.Text is null ? string.Empty : condition.Template ? Template(v.Text, rule.LogSource) : v.Text, false, v.Text is null, c.Location)).ToList(),
                c.Values.Count > 1,
                c.Location)).ToList();
            return new SigmaSearch("_rulegen_pipeline_condition_" + number, SigmaSearchKind.Map, new[] { (IReadOnlyList<SigmaFieldItem>)items }, new List<SigmaValue>(), condition.Location);
        }

        /// <summary>
        /// pySigma's template values: Python's <c>string.Template(value).safe_substitute(category=…, product=…,
        /// service=…)</c> — <c>$name</c> or <c>${name}</c> of the rule's logsource, <c>$$</c> a dollar, anything
        /// else (an unknown name, a logsource attribute the rule lacks) left as written.
        /// </summary>
        internal static string Template(string text, SigmaLogSource source)
        {
            var result = new System.Text.StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] != '$' || i + 1 >= text.Length)
                {
                    result.Append(text[i]);
                    continue;
                }
                if (text[i + 1] == '$')
                {
                    result.Append('$');
                    i++;
                    continue;
                }
                bool braced = text[i + 1] == '{';
                int start = braced ? i + 2 : i + 1, end = start;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_')) end++;
                string name = text.Substring(start, end - start);
                bool closed = !braced || (end < text.Length && text[end] == '}');
                string? value = name switch { "category" => source.Category, "product" => source.Product, "service" => source.Service, _ => null };
                if (name.Length == 0 || !closed || value is null)
                {
                    result.Append(text[i]);
                    continue;
                }
                result.Append(value);
                i = braced ? end : end - 1;
            }
            return result.ToString();
        }
    }
}
