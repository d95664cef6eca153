using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Languages.Esql.Patterns;
using RuleGen.Generator.Languages.Esql.Types;

namespace RuleGen.Generator.Languages.Esql.Pipeline
{
    /// <summary>A DISSECT or GROK pattern compiled at build time: its keys (new columns, in order, typed), which may hold several values, and the C# that builds the runtime pattern.</summary>
    internal sealed record EsqlPatternCompilation(IReadOnlyList<(string Name, EsqlDataType Type)> Keys, ISet<string> Multi, string Construct, string? Error, int ErrorOffset);

    /// <summary>Where the pipeline binder meets the DISSECT and GROK compilers (Languages/Esql/Patterns).</summary>
    internal static class EsqlPatterns
    {
        // The filter's pushdown check and the pipeline binder both ask for a command's keys: compiled once per command
        // (the syntax node lives for one rule's compile; the table holds it weakly, and no Roslyn object).
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<PatternCommand, EsqlPatternCompilation> Compiled = new();

        public static EsqlPatternCompilation Compile(PatternCommand command) => Compiled.GetValue(command, CompileOnce);

        private static EsqlPatternCompilation CompileOnce(PatternCommand command)
        {
            string pattern = command.Pattern.Value;
            if (command.IsGrok)
            {
                GrokCompileResult grok = GrokCompiler.Compile(pattern);
                if (!grok.Succeeded) return Failed(grok.Error!, grok.ErrorOffset);
                // A name used by two groups is one multivalued column (the GROK reference).
                var multi = new HashSet<string>(grok.GroupNames.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key));
                return new EsqlPatternCompilation(grok.Captures.Select(c => (c.Name, c.Type)).ToList(), multi, GrokCompiler.ConstructExpression(grok), null, -1);
            }
            DissectParseResult dissect = DissectParser.Parse(pattern, command.AppendSeparator?.Value);
            if (!dissect.Succeeded) return Failed(dissect.Error!, dissect.ErrorOffset);
            return new EsqlPatternCompilation(dissect.Keys.Select(k => (k, EsqlDataType.Keyword)).ToList(), new HashSet<string>(), dissect.ConstructExpression!, null, -1);
        }

        private static EsqlPatternCompilation Failed(string error, int offset) =>
            new(new List<(string, EsqlDataType)>(), new HashSet<string>(), string.Empty, error, offset);
    }
}
