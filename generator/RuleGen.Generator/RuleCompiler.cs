using System;
using System.IO;
using System.Threading;
using RuleGen.Generator.Binding;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Ir;
using RuleGen.Generator.Planning;
using RuleGen.Generator.Model;
using RuleGen.Generator.Parsing;

namespace RuleGen.Generator
{
    /// <summary>
    /// One rule file through the whole front end: parse the YAML, parse and lower the query, and name the class.
    /// Never throws: an unexpected exception becomes RG9999 at the top of the file, so the other rules still build.
    /// </summary>
    /// <summary>What binding needs beyond the rule file: the ATT&amp;CK catalogue and the project's own fields files.</summary>
    internal sealed record BindingContext(AttackCatalog Attack, EquatableArray<ProjectFieldsFile> ProjectFields, string DefaultSchema = "ecs");

    internal static class RuleCompiler
    {
        public static RuleModel Compile(RuleSourceFile file, CancellationToken cancellationToken) =>
            Compile(file, new BindingContext(AttackCatalog.Embedded, EquatableArray<ProjectFieldsFile>.Empty), cancellationToken);

        public static RuleModel Compile(RuleSourceFile file, BindingContext context, CancellationToken cancellationToken)
        {
            var diagnostics = new DiagnosticBag();
            var lines = new SourceLines(file.Path, file.Text);
            try
            {
                ParsedRule? parsed = RuleYamlParser.Parse(lines, file.Text, diagnostics);
                cancellationToken.ThrowIfCancellationRequested();
                if (parsed is not null) AttackBinder.Check(parsed.Metadata, parsed.ThreatLocations, context.Attack, diagnostics);
                string schemaName = parsed?.Metadata.Schema ?? context.DefaultSchema;
                FieldSchema? schema = null;
                QueryPlan? plan = null;
                if (parsed is not null)
                {
                    var source = new Languages.QuerySource(parsed.Query, parsed.QueryPositions, parsed.Index, schemaName, context.ProjectFields, parsed.Search.EventCategoryOverride);
                    plan = Languages.QueryBinding.Bind(parsed.Metadata.Language, source, diagnostics, parsed.QueryLocation, out schema);
                }
                if (parsed is not null) TestEventChecks.Check(parsed.TestEvents, lines, diagnostics, schema);
                string className = ClassName(parsed?.Metadata.Name, file.Path);
                return new RuleModel(file.Path, className, parsed?.Metadata, plan, diagnostics.ToEquatableArray(), parsed?.RuleIdLocation, parsed?.NameLocation, parsed?.QueryLocation);
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Limits.LimitExceededException e)
            {
                // Every front end catches its own limits where it knows the position; this is the last guard.
                diagnostics.Add(e, lines.FileStart);
                return new RuleModel(file.Path, ClassName(null, file.Path), null, null, diagnostics.ToEquatableArray());
            }
            catch (Exception e)
            {
                diagnostics.Add(DiagnosticCatalog.InternalError, lines.FileStart, e.GetType().Name, e.Message);
                return new RuleModel(file.Path, ClassName(null, file.Path), null, null, diagnostics.ToEquatableArray());
            }
        }

        /// <summary>
        /// A C# class name from the rule's name ("AWS IAM Login Profile Added for Root" → AwsIamLoginProfileAddedForRoot),
        /// the file's name when the rule has none. The rule set may still rename it (<see cref="Emitting.ClassNames"/>).
        /// </summary>
        public static string ClassName(string? ruleName, string path) => ClassName(ruleName, path, out _);

        public static string ClassName(string? ruleName, string path, out bool cut) =>
            Emitting.GeneratedNames.Identifier(string.IsNullOrWhiteSpace(ruleName) ? Path.GetFileNameWithoutExtension(path) : ruleName!, acronymsAsWords: true, "Rule", out cut);
    }
}
