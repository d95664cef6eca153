using System;
using System.IO;
using System.Linq;
using System.Threading;
using RuleGen.Generator.Binding;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Ir;
using RuleGen.Generator.Planning;
using RuleGen.Generator.Model;
using RuleGen.Generator.Parsing;

namespace RuleGen.Generator
{
    /// <summary>What binding needs beyond the rule file: the ATT&amp;CK catalogue, the project's fields files, its default schema.</summary>
    internal sealed record BindingContext(AttackCatalog Attack, EquatableArray<ProjectFieldsFile> ProjectFields, string DefaultSchema = "ecs")
    {
        /// <summary>The project's pySigma pipelines; given only to files that may be Sigma rules (<see cref="MayBeSigma"/>).</summary>
        public EquatableArray<Languages.Sigma.Fields.SigmaPipeline> SigmaPipelines { get; init; } = EquatableArray<Languages.Sigma.Fields.SigmaPipeline>.Empty;

        /// <summary>
        /// Whether a rule file may be a Sigma rule, so a pipeline edit recompiles Sigma rules only: a Sigma rule has a
        /// <c>detection</c> key, so a file without the word is not one (a superset test; binding decides).
        /// </summary>
        public static bool MayBeSigma(string text) => text.IndexOf("detection", StringComparison.Ordinal) >= 0;
    }

    /// <summary>
    /// One rule file through the whole front end: parse the YAML, parse and lower the query, and name the class.
    /// Never throws: an unexpected exception becomes RG9999 at the top of the file, so the other rules still build.
    /// </summary>
    internal static class RuleCompiler
    {
        public static CompiledRuleFile Compile(RuleSourceFile file, CancellationToken cancellationToken) =>
            Compile(file, new BindingContext(AttackCatalog.Embedded, EquatableArray<ProjectFieldsFile>.Empty), cancellationToken);

        /// <summary>
        /// Every rule of one file: one, or one per rule document of a Sigma collection (<see cref="SigmaCollection"/>),
        /// each keyed by <see cref="DocumentKeys"/> so class names, references and tests stay per rule.
        /// </summary>
        public static EquatableArray<CompiledRuleFile> CompileAll(RuleSourceFile file, BindingContext context, CancellationToken cancellationToken)
        {
            if (!SigmaCollection.MayHoldSeveral(file.Text)) return new[] { Compile(file, context, cancellationToken) }.ToEquatableArray();
            var diagnostics = new DiagnosticBag();
            var lines = new SourceLines(file.Path, file.Text);
            var results = new System.Collections.Generic.List<CompiledRuleFile>();
            try
            {
                System.Collections.Generic.List<YamlDotNet.RepresentationModel.YamlMappingNode>? documents = SigmaCollection.Read(lines, file.Text, diagnostics);
                if (documents is null) return new[] { Compile(file, context, cancellationToken) }.ToEquatableArray();
                for (int i = 0; i < documents.Count; i++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var bag = new DiagnosticBag();
                    string key = DocumentKeys.Of(file.Path, i);
                    try
                    {
                        ParsedRule? parsed = RuleYamlParser.ParseRoot(lines, documents[i], bag, out Languages.Sigma.Correlations.SigmaCorrelationFile? correlation);
                        results.Add(CompileParsed(key, lines, parsed, correlation, bag, context));
                    }
                    catch (Limits.LimitExceededException e)
                    {
                        bag.Add(e, lines.Of(documents[i], 1));
                        results.Add(new CompiledRuleFile(key, null, null, bag.ToEquatableArray()));
                    }
                }
                // The collection's own mistakes (actions, documents that are no rule) are an entry of their own, with no
                // rule: they must not stop the good documents from compiling.
                if (diagnostics.ToEquatableArray().Count > 0 || results.Count == 0) results.Add(new CompiledRuleFile(file.Path, null, null, diagnostics.ToEquatableArray()));
                return results.ToEquatableArray();
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception e)
            {
                diagnostics.Add(DiagnosticCatalog.InternalError, lines.FileStart, e.GetType().Name, e.Message);
                return new[] { new CompiledRuleFile(file.Path, null, null, diagnostics.ToEquatableArray()) }.ToEquatableArray();
            }
        }

        public static CompiledRuleFile Compile(RuleSourceFile file, BindingContext context, CancellationToken cancellationToken)
        {
            var diagnostics = new DiagnosticBag();
            var lines = new SourceLines(file.Path, file.Text);
            try
            {
                ParsedRule? parsed = RuleYamlParser.Parse(lines, file.Text, diagnostics, out Languages.Sigma.Correlations.SigmaCorrelationFile? correlation);
                cancellationToken.ThrowIfCancellationRequested();
                return CompileParsed(file.Path, lines, parsed, correlation, diagnostics, context);
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Limits.LimitExceededException e)
            {
                // Every front end catches its own limits where it knows the position; this is the last guard.
                diagnostics.Add(e, lines.FileStart);
                return new CompiledRuleFile(file.Path, null, null, diagnostics.ToEquatableArray());
            }
            catch (Exception e)
            {
                diagnostics.Add(DiagnosticCatalog.InternalError, lines.FileStart, e.GetType().Name, e.Message);
                return new CompiledRuleFile(file.Path, null, null, diagnostics.ToEquatableArray());
            }
        }

        /// <summary>One parsed rule (or correlation) through binding and lowering; <paramref name="key"/> names it in the rule set.</summary>
        private static CompiledRuleFile CompileParsed(string key, SourceLines lines, ParsedRule? parsed, Languages.Sigma.Correlations.SigmaCorrelationFile? correlation,
            DiagnosticBag diagnostics, BindingContext context)
        {
            if (correlation is not null) return Languages.Sigma.Correlations.SigmaCorrelationCompiler.Compile(key, correlation, diagnostics);
            if (parsed is null) return new CompiledRuleFile(key, null, null, diagnostics.ToEquatableArray());
            AttackBinder.Check(parsed.Metadata, parsed.ThreatLocations, context.Attack, diagnostics);
            // A Sigma rule's threat comes from its attack.* tags, mapped with the project's catalogue.
            RuleMetadataModel metadata = parsed.Sigma is null
                ? parsed.Metadata
                : parsed.Metadata with { Threat = Languages.Sigma.Checks.SigmaAttackTags.Map(parsed.Sigma.TagValues, context.Attack, diagnostics) };
            string schemaName = parsed.Metadata.Schema ?? context.DefaultSchema;
            var source = new Languages.QuerySource(parsed.Query, parsed.QueryPositions, parsed.Index, schemaName, context.ProjectFields, parsed.Search.EventCategoryOverride,
                parsed.Search.Filters.Where(f => !f.Disabled).Select(f => (f, FilterLocation(parsed, f))).ToList())
            {
                Sigma = parsed.Sigma,
                From = metadata.From,
                SigmaPipelines = context.SigmaPipelines,
            };
            QueryPlan? plan = Languages.QueryBinding.Bind(parsed.Metadata.Language, source, diagnostics, parsed.LanguageLocation ?? parsed.QueryLocation, out FieldSchema? schema);
            // A threshold rule's filter is its query; the window stage after it reads the group, cardinality and time fields.
            if (plan is not null && parsed.Search.Threshold is ThresholdModel threshold) plan = plan with { Keep = Planning.StatefulKeep.Of(threshold, metadata.TimestampOverride) };
            // A new_terms alert copies its first document, so it keeps the rule's own columns plus the new-terms fields.
            // With alert_suppression the stage also reads the group_by fields (the suppression terms of the copied document).
            else if (plan is not null && parsed.Search.NewTerms is NewTermsModel newTerms)
                plan = plan with { Keep = Planning.StatefulKeep.Of(plan.Keep, newTerms.Fields.Concat(parsed.Search.AlertSuppression?.GroupBy ?? EquatableArray<string>.Empty), metadata.TimestampOverride) };
            // A sequence's filter is the OR of its stages; the window stage after it reads keys and times from the copies.
            else if (plan?.Sequence is SequenceModel sequence)
            {
                // The shell alert's suppression terms are the group_by values its events share: StatefulKeep keeps them.
                plan = plan with { Keep = Planning.StatefulKeep.Of(sequence, plan.Keep, parsed.Search, metadata.TimestampOverride) };
            }
            // An ES|QL pipeline that runs per tick: the stage reads only the time and identity columns beside the row it carries.
            else if (plan?.Pipeline is { PerTick: true })
                plan = plan with { Keep = Planning.StatefulKeep.Of(plan.Keep, System.Array.Empty<string>(), metadata.TimestampOverride) };
            // A query, EQL or ES|QL rule with alert_suppression: its alerts copy the event, and the stage groups by group_by.
            else if (plan is not null && parsed.Search.AlertSuppression is AlertSuppressionModel suppression && suppression.GroupBy.Count > 0)
                plan = plan with { Keep = Planning.StatefulKeep.Of(plan.Keep, suppression.GroupBy, metadata.TimestampOverride) };
            TestEventChecks.Check(parsed.TestEvents, lines, diagnostics, schema);
            if (parsed.Sigma is not null && plan is not null) Languages.Sigma.Checks.SigmaFieldValueChecks.Check(parsed.Sigma, schema, diagnostics);
            CheckKeyFields(parsed, schema, diagnostics);
            var identity = new RuleIdentity(key, parsed.Metadata.RuleId, parsed.Metadata.Name, parsed.RuleIdLocation, parsed.NameLocation) { SigmaName = parsed.SigmaName };
            RuleModel? rule = plan is null || diagnostics.HasErrors
                ? null
                : new RuleModel(key, ClassName(metadata.Name, key), metadata, plan, Emitting.AlertColumns.Of(plan, schema));
            return new CompiledRuleFile(key, rule, identity, diagnostics.ToEquatableArray());
        }

        /// <summary>
        /// The fields the rule's keys name (new_terms and threshold fields, alert_suppression's group_by,
        /// timestamp_override, tiebreaker_field) exist in the schema, checked as the query's fields are. Filters and
        /// event_category_override are read by the front end itself, which reports them.
        /// </summary>
        private static void CheckKeyFields(ParsedRule parsed, FieldSchema? schema, DiagnosticBag diagnostics)
        {
            if (schema is null) return;
            var checks = new PlanBuilder(diagnostics, schema, "this rule's index");
            foreach (KeyFieldReference reference in parsed.FieldReferences)
            {
                if (reference.Key.StartsWith("filters", StringComparison.Ordinal) || reference.Key == "event_category_override") continue;
                checks.CheckNamedField(reference.Field, reference.Location);
            }
        }

        /// <summary>Where a filter is written: at its field name (the first filter on that field), else at the query.</summary>
        private static LocationInfo FilterLocation(ParsedRule parsed, KibanaFilterModel filter) =>
            parsed.FieldReferences.FirstOrDefault(r => r.Field == filter.Field && r.Key.StartsWith("filters", StringComparison.Ordinal))?.Location ?? parsed.QueryLocation;

        /// <summary>
        /// A C# class name from the rule's name ("AWS IAM Login Profile Added for Root" → AwsIamLoginProfileAddedForRoot),
        /// the file's name when the rule has none. The rule set may still rename it (<see cref="Emitting.ClassNames"/>).
        /// </summary>
        public static string ClassName(string? ruleName, string path) => ClassName(ruleName, path, out _);

        public static string ClassName(string? ruleName, string path, out bool cut) =>
            Emitting.GeneratedNames.Identifier(string.IsNullOrWhiteSpace(ruleName) ? Path.GetFileNameWithoutExtension(path) : ruleName!, acronymsAsWords: true, "Rule", out cut);
    }
}
