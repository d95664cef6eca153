using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RuleGen.Generator.Binding;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Emitting;
using RuleGen.Generator.Languages.Sigma.Pipelines;
using RuleGen.Generator.Model;

namespace RuleGen.Generator
{
    /// <summary>
    /// The pipeline: rule files (AdditionalFiles marked RuleGenRule) → one <see cref="CompiledRuleFile"/> per file (parse,
    /// bind, lower) → one class per rule, plus one rule set per compilation. As System.Text.Json's generator does
    /// (dotnet/runtime#124994), source and diagnostics are two outputs: the models the emit steps read hold no
    /// positions and no diagnostics, so moving a rule down its file re-runs only the diagnostics steps; each step's
    /// output compares by value, so editing one rule recompiles and re-emits only that rule.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class RuleGenGenerator : IIncrementalGenerator
    {
        public const string DefaultNamespace = "RuleGen.Rules";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValueProvider<string> @namespace = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) =>
                    options.GlobalOptions.TryGetValue("build_property.RuleGenNamespace", out string? value) && !string.IsNullOrWhiteSpace(value)
                        ? value.Trim()
                        : DefaultNamespace)
                .WithTrackingName(TrackingNames.Namespace);

            IncrementalValuesProvider<RuleSourceFile> files = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select(static (pair, cancellationToken) =>
                {
                    AnalyzerConfigOptions options = pair.Right.GetOptions(pair.Left);
                    bool isRule = options.TryGetValue("build_metadata.AdditionalFiles.RuleGenRule", out string? flag)
                        && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase);
                    if (!isRule) return null;
                    SourceText? text = pair.Left.GetText(cancellationToken);
                    return new RuleSourceFile(pair.Left.Path, text?.ToString() ?? string.Empty);
                })
                .Where(static file => file is not null)
                .Select(static (file, _) => file!)
                .WithTrackingName(TrackingNames.RuleFiles);

            // The ATT&CK catalogue: a project's own enterprise-attack.tsv, else the embedded 18.1.
            IncrementalValueProvider<AttackCatalog> attack = context.AdditionalTextsProvider
                .Where(static file => string.Equals(System.IO.Path.GetFileName(file.Path), "enterprise-attack.tsv", StringComparison.OrdinalIgnoreCase))
                .Select(static (file, cancellationToken) => AttackCatalog.FromFile(file.Path, file.GetText(cancellationToken)?.ToString() ?? string.Empty))
                .Collect()
                .Select(static (catalogs, _) => catalogs.IsEmpty ? AttackCatalog.Embedded : catalogs[0])
                .WithTrackingName(TrackingNames.AttackCatalog);

            // The project's own fields files (AdditionalFiles marked RuleGenFields), extending the schema.
            IncrementalValueProvider<EquatableArray<ProjectFieldsFile>> projectFields = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select(static (pair, cancellationToken) =>
                    pair.Right.GetOptions(pair.Left).TryGetValue("build_metadata.AdditionalFiles.RuleGenFields", out string? flag)
                    && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase)
                        ? new ProjectFieldsFile(pair.Left.Path, pair.Left.GetText(cancellationToken)?.ToString() ?? string.Empty)
                        : null)
                .Where(static file => file is not null)
                .Collect()
                .Select(static (all, _) => all.Select(f => f!).OrderBy(f => f.Path, StringComparer.Ordinal).ToEquatableArray())
                .WithTrackingName(TrackingNames.ProjectFields);

            // The project's default schema (MSBuild property RuleGenSchema): ecs, raw-cloudtrail or none.
            IncrementalValueProvider<string> defaultSchema = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) =>
                    options.GlobalOptions.TryGetValue("build_property.RuleGenSchema", out string? value) && Array.IndexOf(FieldSchema.Names, value?.Trim()) >= 0
                        ? value!.Trim()
                        : "ecs")
                .WithTrackingName(TrackingNames.DefaultSchema);

            IncrementalValueProvider<BindingContext> binding = attack.Combine(projectFields).Combine(defaultSchema)
                .Select(static (pair, _) => new BindingContext(pair.Left.Left, pair.Left.Right, pair.Right))
                .WithTrackingName(TrackingNames.BindingContext);

            // Tests files (X.tests.yml) are RuleGenRule files too, read on their own: a rule's compile step never sees them.
            IncrementalValuesProvider<RuleSourceFile> ruleFiles = files.Where(static file => !TestSidecars.IsSidecar(file.Path));
            IncrementalValuesProvider<SidecarFile> sidecars = files
                .Where(static file => TestSidecars.IsSidecar(file.Path))
                .Select(static (file, _) => TestSidecars.Read(file))
                .WithTrackingName(TrackingNames.SidecarFiles);
            context.RegisterSourceOutput(sidecars.Select(static (file, _) => file.Diagnostics), static (spc, diagnostics) => Report(spc, diagnostics));
            IncrementalValueProvider<EquatableArray<SidecarTests>> sidecarTable = sidecars
                .Select(static (file, _) => file.Tests)
                .Collect()
                .Select(static (all, _) => TestSidecars.Table(all))
                .WithTrackingName(TrackingNames.SidecarTable);

            // The project's pySigma processing pipelines (AdditionalFiles marked RuleGenSigmaPipeline), read once.
            IncrementalValueProvider<ProjectSigmaPipelines> sigmaPipelines = context.AdditionalTextsProvider
                .Combine(context.AnalyzerConfigOptionsProvider)
                .Select(static (pair, cancellationToken) =>
                    pair.Right.GetOptions(pair.Left).TryGetValue("build_metadata.AdditionalFiles.RuleGenSigmaPipeline", out string? flag)
                    && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase)
                        ? new SigmaPipelineFile(pair.Left.Path, pair.Left.GetText(cancellationToken)?.ToString() ?? string.Empty)
                        : null)
                .Where(static file => file is not null)
                .Collect()
                .Select(static (all, _) => all.IsEmpty ? ProjectSigmaPipelines.None : ProjectSigmaPipelines.Read(all.Select(f => f!)))
                .WithTrackingName(TrackingNames.SigmaPipelines);
            context.RegisterSourceOutput(sigmaPipelines.Select(static (p, _) => p.Diagnostics), static (spc, diagnostics) => Report(spc, diagnostics));

            // Each file with what it binds against; pipelines only for files that may be Sigma rules, so editing a
            // pipeline leaves the other rules' inputs equal and their compilation cached.
            IncrementalValuesProvider<(RuleSourceFile File, BindingContext Context)> inputs = ruleFiles
                .Combine(binding)
                .Combine(sigmaPipelines)
                .Select(static (pair, _) => (pair.Left.Left, BindingContext.MayBeSigma(pair.Left.Left.Text)
                    ? pair.Left.Right with { SigmaPipelines = pair.Right.Pipelines }
                    : pair.Left.Right))
                .WithTrackingName(TrackingNames.RuleInputs);

            IncrementalValuesProvider<CompiledRuleFile> compiled = inputs
                .SelectMany(static (pair, cancellationToken) => RuleCompiler.CompileAll(pair.File, pair.Context, cancellationToken).ToImmutableArray())
                .WithTrackingName(TrackingNames.CompiledRules);

            // A rule's diagnostics, on their own: their positions change whenever text above them moves.
            IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> ruleDiagnostics = compiled
                .Select(static (file, _) => file.Diagnostics)
                .WithTrackingName(TrackingNames.RuleDiagnostics);
            context.RegisterSourceOutput(ruleDiagnostics, static (spc, diagnostics) => Report(spc, diagnostics));

            // The emit models: no positions, no diagnostics. A rule with an error has none (it is not compiled).
            IncrementalValuesProvider<RuleModel> compiledRules = compiled
                .Where(static file => file.Rule is not null)
                .Select(static (file, _) => file.Rule!)
                .WithTrackingName(TrackingNames.RuleModels);

            // Sigma correlations refer to other rules by id or name: resolved over the whole set (no positions), then each
            // rule takes its own entry (a correlation its references, a referenced rule the columns the correlation reads).
            IncrementalValueProvider<Planning.CorrelationResolutionTable> correlationTable = compiled
                .Where(static file => file.Rule is not null && file.Identity is not null)
                .Select(static (file, _) => new Planning.RuleTarget(file.FilePath, file.Identity!.RuleId, file.Identity.SigmaName, file.Identity.IsCorrelation))
                .Collect()
                .Combine(compiledRules.Where(static rule => rule.Correlation is not null)
                    .Select(static (rule, _) => new Planning.CorrelationInput(rule.FilePath, rule.Correlation!)).Collect())
                .Select(static (pair, _) => pair.Right.IsEmpty ? Planning.CorrelationResolutionTable.Empty : Planning.CorrelationResolution.Resolve(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.CorrelationTable);
            IncrementalValuesProvider<RuleModel> rules = compiledRules
                .Combine(correlationTable)
                .Select(static (pair, _) => Planning.CorrelationResolution.Apply(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.CorrelatedRules);

            // Correlation checks across files (unknown references, cycles), located at the reference.
            IncrementalValueProvider<EquatableArray<DiagnosticInfo>> correlationDiagnostics = compiled
                .Where(static file => file.Correlation is not null)
                .Select(static (file, _) => file.Correlation!)
                .Collect()
                .Combine(compiled.Where(static file => file.Identity is not null).Select(static (file, _) => file.Identity!).Collect())
                .Select(static (pair, _) => pair.Left.IsEmpty ? EquatableArray<DiagnosticInfo>.Empty : Languages.Sigma.Correlations.SigmaCorrelationChecks.Diagnostics(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.CorrelationDiagnostics);
            context.RegisterSourceOutput(correlationDiagnostics, static (spc, diagnostics) => Report(spc, diagnostics));

            // Class names are settled across the rule set: two rules must never make two types of one name.
            IncrementalValueProvider<ClassNameTable> classNames = rules
                .Select(static (rule, _) =>
                {
                    string desired = RuleCompiler.ClassName(rule.Metadata.Name, rule.FilePath, out bool cut);
                    return new ClassNameRequest(rule.FilePath, rule.Metadata.Name, desired, cut);
                })
                .WithTrackingName(TrackingNames.ClassNameRequests)
                .Collect()
                .Select(static (requests, _) => ClassNames.Assign(requests))
                .WithTrackingName(TrackingNames.ClassNames);

            // Each rule with its final class name: a value, so adding or renaming one rule re-emits only the rules
            // whose names changed.
            IncrementalValuesProvider<RuleModel> named = rules
                .Combine(classNames)
                .Select(static (pair, _) => pair.Left with { ClassName = pair.Right.For(pair.Left.FilePath, pair.Left.ClassName) })
                .WithTrackingName(TrackingNames.NamedRules);

            // A tests file's examples join their rule here, after compiling: editing one re-emits only its rule.
            IncrementalValuesProvider<RuleModel> tested = named
                .Combine(sidecarTable)
                .Select(static (pair, _) => TestSidecars.Attach(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.AttachedTests);

            IncrementalValuesProvider<(RuleModel Rule, string Namespace)> emit = tested
                .Combine(@namespace)
                .WithTrackingName(TrackingNames.RuleEmit);

            context.RegisterSourceOutput(emit, static (spc, pair) =>
            {
                RuleModel rule = pair.Rule;
                try
                {
                    spc.AddSource(HintName(rule), SourceText.From(RuleEmitter.Emit(rule, pair.Namespace), Encoding.UTF8));
                }
                catch (Limits.LimitExceededException e)
                {
                    // The parser's limits are tighter, so this is a guard for front ends that build deeper trees. The
                    // model holds no positions: the top of the file it is.
                    var limit = new DiagnosticBag();
                    limit.Add(e, LocationInfo.FileStart(Parsing.DocumentKeys.FileOf(rule.FilePath)));
                    Report(spc, limit.ToEquatableArray());
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    spc.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticCatalog.InternalError, LocationInfo.FileStart(Parsing.DocumentKeys.FileOf(rule.FilePath)), e.GetType().Name, e.Message).ToDiagnostic());
                }
            });

            IncrementalValueProvider<RuleSetModel> ruleSet = rules
                .Select(static (rule, _) => new RuleFields(rule.FilePath, rule.Plan.Fields))
                .WithTrackingName(TrackingNames.RuleFields)
                .Collect()
                .Combine(@namespace)
                .Combine(classNames)
                .Select(static (pair, _) => new RuleSetModel(pair.Left.Right, pair.Left.Left
                    .Select(rule => new RuleSetEntry(pair.Right.For(rule.FilePath, RuleCompiler.ClassName(null, rule.FilePath)), rule.Fields))
                    .OrderBy(r => r.ClassName, StringComparer.Ordinal).ToEquatableArray()))
                .WithTrackingName(TrackingNames.RuleSet);

            context.RegisterSourceOutput(ruleSet, static (spc, model) =>
            {
                try
                {
                    spc.AddSource("CompiledRules.g.cs", SourceText.From(RuleSetEmitter.Emit(model), Encoding.UTF8));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    spc.ReportDiagnostic(DiagnosticInfo.Create(DiagnosticCatalog.InternalError, null, e.GetType().Name, e.Message).ToDiagnostic());
                }
            });

            // Rule-set diagnostics, located: a rule_id or name used by two files (an error on both), and renamed classes.
            IncrementalValueProvider<EquatableArray<DiagnosticInfo>> ruleSetDiagnostics = compiled
                .Where(static file => file.Identity is not null)
                .Select(static (file, _) => file.Identity!)
                .WithTrackingName(TrackingNames.RuleIdentities)
                .Collect()
                .Combine(classNames)
                .Select(static (pair, _) => RuleSetChecks.Diagnostics(pair.Left, pair.Right))
                .WithTrackingName(TrackingNames.RuleSetDiagnostics);
            context.RegisterSourceOutput(ruleSetDiagnostics, static (spc, diagnostics) => Report(spc, diagnostics));

            // Tests files without their rule, or beside a rule with its own tests: located at the tests file.
            IncrementalValueProvider<EquatableArray<DiagnosticInfo>> sidecarDiagnostics = sidecars
                .Select(static (file, _) => (file.Path, Tests: file.Tests with { Tests = EquatableArray<RuleTestModel>.Empty }, At: file.TestsAt))
                .Collect()
                .Combine(ruleFiles.Select(static (file, _) => file.Path).Collect())
                .Combine(rules.Where(static rule => !rule.Metadata.Tests.IsEmpty).Select(static (rule, _) => Parsing.DocumentKeys.FileOf(rule.FilePath)).Collect())
                // Only the rules a tests file names by 'rule' (id or title), without their plans: they compare cheaply.
                .Combine(rules.Select(static (rule, _) => (rule.FilePath, rule.Metadata.RuleId, rule.Metadata.Name)).Collect())
                .Select(static (pair, _) => TestSidecars.Check(pair.Left.Left.Left, pair.Left.Left.Right, pair.Left.Right,
                    pair.Right.Select(r => new SidecarRule(r.FilePath, r.RuleId, r.Name)).ToImmutableArray()))
                .WithTrackingName(TrackingNames.SidecarDiagnostics);
            context.RegisterSourceOutput(sidecarDiagnostics, static (spc, diagnostics) => Report(spc, diagnostics));
        }

        private static void Report(SourceProductionContext spc, EquatableArray<DiagnosticInfo> diagnostics)
        {
            foreach (DiagnosticInfo diagnostic in diagnostics) spc.ReportDiagnostic(diagnostic.ToDiagnostic());
        }

        /// <summary>A unique, stable file name: two rules with the same name in different folders must not collide.</summary>
        private static string HintName(RuleModel rule)
        {
            uint hash = 2166136261;
            foreach (char c in rule.FilePath.Replace('\\', '/'))
            {
                hash = (hash ^ c) * 16777619;
            }
            return $"{rule.ClassName}.{hash:x8}.g.cs";
        }
    }
}
