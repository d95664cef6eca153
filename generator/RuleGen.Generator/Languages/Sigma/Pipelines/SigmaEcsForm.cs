using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Languages.Sigma.Fields;

namespace RuleGen.Generator.Languages.Sigma.Pipelines
{
    /// <summary>
    /// RuleGen's built-in pipeline for Sigma CloudTrail rules: the rule rewritten onto the ECS names Elastic's AWS
    /// integration gives each raw field (<see cref="CloudTrailEcsFieldMap"/>; one-to-many is an OR, as pySigma).
    /// What the mapping loses is a located RG0080 warning at the field; a raw field with no ECS place makes its test
    /// FALSE on ECS documents (also RG0080). docs/sigma-fields.md.
    /// </summary>
    internal static class SigmaEcsForm
    {
        /// <summary>Whether a rule gets the ECS form: logsource aws/cloudtrail (after the project's pipelines).</summary>
        public static bool AppliesTo(SigmaRule rule) =>
            string.Equals(rule.LogSource.Product, "aws", StringComparison.OrdinalIgnoreCase)
            && string.Equals(rule.LogSource.Service, "cloudtrail", StringComparison.OrdinalIgnoreCase);

        public static SigmaRule Rewrite(SigmaRule rule, DiagnosticBag diagnostics)
        {
            CloudTrailEcsFieldMap map = CloudTrailEcsFieldMap.Embedded;
            return SigmaRuleRewriter.MapItems(rule, item =>
            {
                if (item.Field.Length == 0) return new[] { item };
                IReadOnlyList<EcsFieldTarget>? targets = Mapped(map, item.Field, item.Location, diagnostics);
                if (targets is null) return Array.Empty<SigmaFieldItem>();
                if (item.Values.Any(v => !v.IsNull && v.Text.Length == 0))
                {
                    diagnostics.Add(DiagnosticCatalog.SigmaEcsMappingLoss, item.Location,
                        $"'{item.Field}' is tested for '' (empties-dropped): Elastic's pipeline removes empty strings, so on ECS documents that value is never there");
                }
                else if (item.Values.Any(v => !v.IsNull && MatchesEmpty(v.Text, item.Modifiers)))
                {
                    // '*', contains '*', re '.*': a raw '' passes them, and on ECS that '' is gone (vm_export's errorCode|contains: '*').
                    diagnostics.Add(DiagnosticCatalog.SigmaEcsMappingLoss, item.Location,
                        $"'{item.Field}' is tested with a value that an empty string passes (empties-dropped): Elastic's pipeline removes empty values, so a raw '' passes it but is missing on ECS documents");
                }
                else if (item.Values.Any(v => v.IsNull) || item.Modifiers.Any(m => m.Modifier == SigmaModifier.Exists))
                {
                    // A raw '' is present (not null, exists) but the pipeline drops it, so on ECS the same event reads as
                    // missing: a null or exists test can flip (a real Panther DeleteBucket record has errorCode "").
                    diagnostics.Add(DiagnosticCatalog.SigmaEcsMappingLoss, item.Location,
                        $"'{item.Field}' is tested for null or exists (empties-dropped): Elastic's pipeline removes empty values, so a raw '' is missing on ECS documents");
                }
                if (!item.Modifiers.Any(m => m.Modifier == SigmaModifier.FieldRef)) return targets.Select(t => item with { Field = t.EcsField }).ToList();
                // fieldref: the referenced field's value is a field name, mapped (and warned about) as a field is; one
                // with no ECS place makes the item false on ECS, as a tested field with none does.
                var references = new List<SigmaValue>(item.Values.Count);
                foreach (SigmaValue value in item.Values)
                {
                    IReadOnlyList<EcsFieldTarget>? referenced = Mapped(map, value.Text.Trim(), value.Location, diagnostics);
                    if (referenced is not null) references.Add(value with { Text = referenced[0].EcsField });
                }
                // None left is FALSE; with 'all' one missing reference is (an AND with a FALSE operand).
                bool all = item.Modifiers.Any(m => m.Modifier == SigmaModifier.All);
                if (references.Count == 0 || all && references.Count < item.Values.Count) return Array.Empty<SigmaFieldItem>();
                return targets.Select(t => item with { Field = t.EcsField, Values = references }).ToList();
            });
        }

        /// <summary>
        /// Where <paramref name="field"/> is on ECS documents, with an RG0080 at <paramref name="at"/> for each loss
        /// that can change a verdict; null (and RG0080) when Elastic's integration keeps it nowhere.
        /// </summary>
        private static IReadOnlyList<EcsFieldTarget>? Mapped(CloudTrailEcsFieldMap map, string field, LocationInfo at, DiagnosticBag diagnostics)
        {
            IReadOnlyList<EcsFieldTarget> targets = Targets(map, field);
            if (targets.Count == 0)
            {
                diagnostics.Add(DiagnosticCatalog.SigmaEcsMappingLoss, at,
                    $"'{field}' has no field (Elastic's AWS integration does not keep it): on ECS documents this test is false");
                return null;
            }
            foreach (EcsFieldTarget target in targets)
            {
                EcsMappingLoss losses = LossesFor(field, target.Losses);
                if (losses == EcsMappingLoss.None) continue;
                diagnostics.Add(DiagnosticCatalog.SigmaEcsMappingLoss, at,
                    $"'{field}' is tested at '{target.EcsField}', which loses information ({LossNames(losses)}){(target.Note.Length > 0 ? ": " + target.Note : "")}");
            }
            return targets;
        }

        /// <summary>
        /// Where a raw field is matched on ECS: its primary targets; a whole object that also has a flattened copy
        /// (requestParameters) is the flattened object, not the Java map string, so whole-object tests see members.
        /// </summary>
        private static IReadOnlyList<EcsFieldTarget> Targets(CloudTrailEcsFieldMap map, string field)
        {
            CloudTrailEcsEntry? flattened = map.Entries.FirstOrDefault(e => e.IsPrefix && e.RawField == field);
            if (flattened is not null) return new[] { new EcsFieldTarget(flattened.EcsField, true, flattened.Losses, flattened.Note) };
            return map.Map(field);
        }

        /// <summary>
        /// The losses that can change this item's verdict. size-limit (no flattened copy of a request of 32766
        /// characters or more) is a property of rare huge events, not of the field: warning at every
        /// requestParameters.* test would teach users to silence RG0080, so docs/sigma-fields.md says it once.
        /// key-removed concerns one member (additionalEventData.UserName) and the whole object, not its other members.
        /// </summary>
        internal static EcsMappingLoss LossesFor(string rawField, EcsMappingLoss losses)
        {
            losses &= ~EcsMappingLoss.SizeLimit;
            bool removedKeyOrObject = string.Equals(rawField, "additionalEventData", StringComparison.Ordinal)
                || string.Equals(rawField, "additionalEventData.UserName", StringComparison.OrdinalIgnoreCase);
            if (!removedKeyOrObject) losses &= ~EcsMappingLoss.KeyRemoved;
            return losses;
        }

        /// <summary>
        /// Whether an empty string passes the value: a pattern of only '*' (any modifier of contains/startswith/endswith
        /// keeps it so), or a regex the empty string matches. Other modifiers (numbers, cidr, fieldref) never pass ''.
        /// </summary>
        private static bool MatchesEmpty(string value, IReadOnlyList<SigmaModifierUse> modifiers)
        {
            if (modifiers.Any(m => SigmaModifiers.IsCompare(m.Modifier) || SigmaModifiers.IsTime(m.Modifier) || SigmaModifiers.IsEncoding(m.Modifier)
                || m.Modifier is SigmaModifier.Cidr or SigmaModifier.FieldRef or SigmaModifier.Exists or SigmaModifier.Neq))
            {
                return false;
            }
            if (modifiers.Any(m => m.Modifier == SigmaModifier.Re))
            {
                try
                {
                    var translation = Values.SigmaRegex.Translate(value, modifiers.Any(m => m.Modifier == SigmaModifier.ReIgnoreCase),
                        modifiers.Any(m => m.Modifier == SigmaModifier.ReMultiLine), modifiers.Any(m => m.Modifier == SigmaModifier.ReDotAll));
                    return new System.Text.RegularExpressions.Regex(translation.Pattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant,
                        System.TimeSpan.FromMilliseconds(100)).IsMatch(string.Empty);
                }
                catch (System.Exception e) when (e is LuceneRegex.TranslationException or System.ArgumentException or System.Text.RegularExpressions.RegexMatchTimeoutException)
                {
                    return false; // the binder reports a bad regex
                }
            }
            return value.Length > 0 && value.All(c => c == '*');
        }

        /// <summary>Whether an ECS name is where the map puts a whole raw object (the flattened request_parameters, …).</summary>
        internal static bool IsMappedObject(string ecsField) =>
            CloudTrailEcsFieldMap.Embedded.Entries.Any(e => e.IsPrefix && e.EcsField == ecsField);

        /// <summary>The loss names of cloudtrail-ecs-map.tsv, in flag order.</summary>
        internal static string LossNames(EcsMappingLoss losses)
        {
            var names = new List<string>();
            void Add(EcsMappingLoss flag, string name)
            {
                if ((losses & flag) != 0) names.Add(name);
            }
            Add(EcsMappingLoss.JavaMapString, "java-map-string");
            Add(EcsMappingLoss.Merged, "merged");
            Add(EcsMappingLoss.Conditional, "conditional");
            Add(EcsMappingLoss.TypeChange, "type-change");
            Add(EcsMappingLoss.DateReformat, "date-reformat");
            Add(EcsMappingLoss.Split, "split");
            Add(EcsMappingLoss.Lowercased, "lowercased");
            Add(EcsMappingLoss.RenamedKeys, "renamed-keys");
            Add(EcsMappingLoss.SizeLimit, "size-limit");
            Add(EcsMappingLoss.KeyRemoved, "key-removed");
            return string.Join(", ", names);
        }
    }
}
