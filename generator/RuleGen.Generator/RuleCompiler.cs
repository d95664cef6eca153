using System;
using System.IO;
using System.Text;
using System.Threading;
using RuleGen.Generator.Binding;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Lowering;
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
                QueryPlan? plan = parsed is null ? null : EsqlLowerer.Lower(parsed.Query, parsed.QueryPositions, diagnostics, context.ProjectFields, parsed.Metadata.Schema ?? context.DefaultSchema);
                string className = ClassName(parsed?.Metadata.Name, file.Path);
                return new RuleModel(file.Path, className, parsed?.Metadata, plan, diagnostics.ToEquatableArray(), parsed?.RuleIdLocation, parsed?.NameLocation, parsed?.QueryLocation);
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception e)
            {
                diagnostics.Add(DiagnosticCatalog.InternalError, lines.FileStart, e.GetType().Name, e.Message);
                return new RuleModel(file.Path, ClassName(null, file.Path), null, null, diagnostics.ToEquatableArray());
            }
        }

        /// <summary>A C# class name from the rule's name ("AWS IAM Login Profile Added for Root" → AwsIamLoginProfileAddedForRoot).</summary>
        public static string ClassName(string? ruleName, string path)
        {
            string source = string.IsNullOrWhiteSpace(ruleName) ? Path.GetFileNameWithoutExtension(path) : ruleName!;
            var name = new StringBuilder();
            bool upperNext = true;
            char previous = ' ';
            foreach (char c in source)
            {
                if (c < 128 && char.IsLetterOrDigit(c))
                {
                    // Acronyms read as words: "AWS IAM" becomes AwsIam.
                    if (upperNext) name.Append(char.ToUpperInvariant(c));
                    else name.Append(char.IsUpper(c) && char.IsUpper(previous) ? char.ToLowerInvariant(c) : c);
                    upperNext = false;
                }
                else
                {
                    upperNext = true;
                }
                previous = c;
            }
            if (name.Length == 0 || char.IsDigit(name[0])) name.Insert(0, "Rule");
            return name.ToString();
        }
    }
}
