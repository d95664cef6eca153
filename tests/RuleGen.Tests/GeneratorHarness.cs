using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using RuleGen.Generator;
using Xunit;

namespace RuleGen.Tests;

/// <summary>An in-memory rule file, as the generator sees one (an AdditionalFile marked RuleGenRule).</summary>
public sealed class InMemoryRuleFile : AdditionalText
{
    private readonly SourceText _text;

    public InMemoryRuleFile(string path, string text)
    {
        Path = path;
        _text = SourceText.From(text);
    }

    public override string Path { get; }

    public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
}

/// <summary>
/// Runs the generator in memory the way the compiler does: rule files as AdditionalFiles with RuleGenRule metadata,
/// the namespace as a build property, step tracking on. Compiles the result against the runtime when asked.
/// </summary>
public static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private sealed class Options : AnalyzerConfigOptions
    {
        private readonly Dictionary<string, string> _values;

        public Options(Dictionary<string, string> values) => _values = values;

        public override bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
    }

    private sealed class OptionsProvider : AnalyzerConfigOptionsProvider
    {
        private readonly Options _global;

        public OptionsProvider(string? @namespace, IReadOnlyDictionary<string, string>? properties = null)
        {
            var global = new Dictionary<string, string>();
            if (@namespace is not null) global["build_property.RuleGenNamespace"] = @namespace;
            foreach (var (name, value) in properties ?? new Dictionary<string, string>()) global["build_property." + name] = value;
            _global = new Options(global);
        }

        private static bool IsRule(string path) => path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".yaml", StringComparison.Ordinal);

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options(new());

        // Files in a fields/ folder are fields files, in a pipelines/ folder Sigma pipelines; other .yml files are rules.
        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new Options(textFile.Path.Contains("/fields/")
                ? new Dictionary<string, string> { ["build_metadata.AdditionalFiles.RuleGenFields"] = "true" }
                : textFile.Path.Contains("/pipelines/")
                    ? new Dictionary<string, string> { ["build_metadata.AdditionalFiles.RuleGenSigmaPipeline"] = "true" }
                : IsRule(textFile.Path)
                    ? new Dictionary<string, string> { ["build_metadata.AdditionalFiles.RuleGenRule"] = "true" }
                    : new Dictionary<string, string>());
    }

    public static CSharpCompilation EmptyCompilation(string name = "Rules") =>
        CSharpCompilation.Create(name,
            new[] { CSharpSyntaxTree.ParseText("namespace Placeholder { internal static class Empty { } }", ParseOptions, path: "Empty.cs") },
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>
    /// The compilation options a build with this <c>.globalconfig</c> gets: parsed by Roslyn's own AnalyzerConfig, its
    /// <c>dotnet_diagnostic.ID.severity</c> entries become the global diagnostic options, as csc passes them.
    /// </summary>
    public static CSharpCompilationOptions WithGlobalConfig(CSharpCompilationOptions options, string globalConfig)
    {
        AnalyzerConfig config = AnalyzerConfig.Parse(SourceText.From(globalConfig), "/repo/.globalconfig");
        AnalyzerConfigSet set = AnalyzerConfigSet.Create(ImmutableArray.Create(config), out ImmutableArray<Diagnostic> problems);
        Assert.Empty(problems);
        return options.WithSyntaxTreeOptionsProvider(new GlobalConfigTreeOptions(set.GlobalConfigOptions.TreeOptions));
    }

    /// <summary>What csc builds from a global config: severities by id, for every tree and for locations outside trees.</summary>
    private sealed class GlobalConfigTreeOptions : SyntaxTreeOptionsProvider
    {
        private readonly ImmutableDictionary<string, ReportDiagnostic> _severities;

        public GlobalConfigTreeOptions(ImmutableDictionary<string, ReportDiagnostic> severities) => _severities = severities;

        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => GeneratedKind.Unknown;

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            _severities.TryGetValue(diagnosticId, out severity);

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity) =>
            _severities.TryGetValue(diagnosticId, out severity);
    }

    /// <summary>The running framework's assemblies and the runtime: what a consumer compiles generated code against.</summary>
    public static readonly IReadOnlyList<MetadataReference> References = BuildReferences();

    private static List<MetadataReference> BuildReferences()
    {
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = Directory.GetFiles(frameworkDirectory, "*.dll")
            .Where(f => !Path.GetFileName(f).StartsWith("Microsoft.VisualBasic", StringComparison.Ordinal))
            .Where(IsManaged)
            .Select(f => (MetadataReference)MetadataReference.CreateFromFile(f))
            .ToList();
        references.Add(MetadataReference.CreateFromFile(typeof(Runtime.CompiledRule).Assembly.Location));
        return references;
    }

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    public static GeneratorDriver CreateDriver(IEnumerable<InMemoryRuleFile> files, string? @namespace = "Test.Rules", IReadOnlyDictionary<string, string>? properties = null) =>
        CSharpGeneratorDriver.Create(
            new[] { new RuleGenGenerator().AsSourceGenerator() },
            files,
            ParseOptions,
            AnalyzerOptions(@namespace, properties),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>
    /// The options MSBuild would pass: <c>RuleGenNamespace</c> and other build properties (without the build_property.
    /// prefix), .yml/.yaml files as rules, files under fields/ as fields files. For <c>WithUpdatedAnalyzerConfigOptions</c>.
    /// </summary>
    public static AnalyzerConfigOptionsProvider AnalyzerOptions(string? @namespace = "Test.Rules", IReadOnlyDictionary<string, string>? properties = null) =>
        new OptionsProvider(@namespace, properties);

    public sealed record Result(GeneratorDriverRunResult Run, Compilation Output, ImmutableArray<Diagnostic> CompileDiagnostics)
    {
        public IEnumerable<Diagnostic> GeneratorDiagnostics => Run.Diagnostics;

        public string Source(string hintNameStart) =>
            Run.Results.Single().GeneratedSources.Single(s => s.HintName.StartsWith(hintNameStart, StringComparison.Ordinal)).SourceText.ToString();
    }

    public static Result Run(params InMemoryRuleFile[] files) => Run(files, "Test.Rules");

    /// <summary>The repository's own fields files, as a project would have them.</summary>
    public static IEnumerable<InMemoryRuleFile> RepositoryFields() =>
        Directory.GetFiles(Repository.Path("fields"), "*.yml").OrderBy(f => f).Select(f => new InMemoryRuleFile("/repo/fields/" + Path.GetFileName(f), File.ReadAllText(f)));

    /// <summary>Runs the generator; <paramref name="options"/> changes the compilation's options (diagnostic severities, …).</summary>
    public static Result Run(IEnumerable<InMemoryRuleFile> files, string? @namespace, Func<CSharpCompilationOptions, CSharpCompilationOptions>? options = null)
    {
        var list = files.ToList();
        GeneratorDriver driver = CreateDriver(list, @namespace);
        CSharpCompilation compilation = EmptyCompilation();
        if (options is not null) compilation = compilation.WithOptions(options(compilation.Options));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        GeneratorDriverRunResult run = driver.GetRunResult();
        Assert.Empty(run.Results.Single().Exception is null ? Array.Empty<Exception>() : new[] { run.Results.Single().Exception! });
        return new Result(run, output, output.GetDiagnostics());
    }

    /// <summary>Compiles generated rules and loads them; returns the generated rule set.</summary>
    public static Runtime.RuleSet Load(Result result, string @namespace = "Test.Rules")
    {
        var errors = result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "generated code does not compile:\n" + string.Join("\n", errors));
        using var stream = new MemoryStream();
        var emit = result.Output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        Assembly assembly = Assembly.Load(stream.ToArray());
        Type type = assembly.GetType(@namespace + ".CompiledRules", throwOnError: true)!;
        return (Runtime.RuleSet)type.GetProperty("All")!.GetValue(null)!;
    }
}
