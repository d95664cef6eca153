using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Languages.Sigma.Fields;
using RuleGen.Generator.Model;

namespace RuleGen.Generator.Languages.Sigma.Pipelines
{
    /// <summary>
    /// The <c>expand</c> modifier and pySigma's value_placeholders (ValueListPlaceholderTransformation): in a value
    /// of an <c>|expand</c> item, <c>%name%</c> is a placeholder, replaced by the values of the pipeline's
    /// <c>vars.name</c> (several values: several values of the item, OR-ed, or AND-ed under <c>all</c>, as pySigma
    /// extends the item's value list). Values without <c>expand</c> keep their % signs. A placeholder no pipeline
    /// resolves is a located error at the value (RuleGen has no query-time placeholders).
    /// </summary>
    internal static class SigmaPlaceholders
    {
        private static readonly Regex Placeholder = new(@"%(\w+)%", RegexOptions.CultureInvariant);

        public static SigmaRule Replace(SigmaRule rule, PipelineItem item, ValuePlaceholders transformation, EquatableArray<PipelineVariable> variables) =>
            SigmaRuleRewriter.MapItems(rule, detection =>
            {
                if (!IsExpand(detection) || (detection.Field.Length > 0 && !SigmaPipelineApplier.Selected(item, detection))) return new[] { detection };
                var values = new List<SigmaValue>();
                foreach (SigmaValue value in detection.Values) values.AddRange(Expand(value, transformation, variables));
                return new[] { detection with { Values = values, IsList = detection.IsList || values.Count > 1 } };
            });

        /// <summary>After every pipeline: a placeholder left is an error; <c>expand</c> has done its work and is removed.</summary>
        public static SigmaRule Finish(SigmaRule rule, DiagnosticBag diagnostics) =>
            SigmaRuleRewriter.MapItems(rule, detection =>
            {
                if (!IsExpand(detection)) return new[] { detection };
                foreach (SigmaValue value in detection.Values)
                {
                    foreach (Match m in Placeholder.Matches(value.IsNull ? string.Empty : value.Text))
                    {
                        diagnostics.Add(DiagnosticCatalog.InvalidArgument, value.Location, "expand",
                            $"placeholder %{m.Groups[1].Value}% has no value: give it in the vars of a pySigma pipeline with a value_placeholders transformation (RuleGenSigmaPipeline)");
                    }
                }
                return new[] { detection with { Modifiers = detection.Modifiers.Where(m => m.Modifier != SigmaModifier.Expand).ToList() } };
            });

        private static bool IsExpand(SigmaFieldItem item) => item.Modifiers.Any(m => m.Modifier == SigmaModifier.Expand);

        private static IEnumerable<SigmaValue> Expand(SigmaValue value, ValuePlaceholders transformation, EquatableArray<PipelineVariable> variables)
        {
            if (value.IsNull) return new[] { value };
            var texts = new List<string> { string.Empty };
            int at = 0;
            foreach (Match m in Placeholder.Matches(value.Text))
            {
                string literal = value.Text.Substring(at, m.Index - at);
                at = m.Index + m.Length;
                string name = m.Groups[1].Value;
                bool chosen = transformation.Include.IsEmpty ? !transformation.Exclude.Contains(name) : transformation.Include.Contains(name);
                PipelineVariable? variable = chosen ? variables.FirstOrDefault(v => v.Name == name) : null;
                if (chosen && variable is null)
                {
                    // pySigma: "Placeholder replacement variable … doesn't exists"; left in place, reported once by Finish.
                    chosen = false;
                }
                IReadOnlyList<string> parts = chosen ? variable!.Values.ToList() : new[] { m.Value };
                texts = texts.SelectMany(t => parts.Select(p => t + literal + p)).ToList();
                if (texts.Count > SigmaRuleRewriter.MaximumMaps)
                {
                    throw Limits.LimitExceededException.Size("A Sigma placeholder expansion", SigmaRuleRewriter.MaximumMaps, -1, 0);
                }
            }
            string tail = value.Text.Substring(at);
            return texts.Select(t => value with { Text = t + tail }).ToList();
        }
    }
}
