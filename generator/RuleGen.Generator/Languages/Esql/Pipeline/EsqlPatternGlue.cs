using System.Collections.Generic;
using RuleGen.Generator.Languages.Esql.Types;

namespace RuleGen.Generator.Languages.Esql.Pipeline
{
    /// <summary>A DISSECT or GROK pattern compiled at build time: its keys (new columns, in order, typed), which may hold several values, and the C# that builds the runtime pattern.</summary>
    internal sealed record EsqlPatternCompilation(IReadOnlyList<(string Name, EsqlDataType Type)> Keys, ISet<string> Multi, string Construct, string? Error, int ErrorOffset);

    /// <summary>Where the pipeline binder meets the DISSECT and GROK compilers (Languages/Esql/Patterns).</summary>
    internal static class EsqlPatterns
    {
        public static EsqlPatternCompilation Compile(PatternCommand command) =>
            new(new List<(string, EsqlDataType)>(), new HashSet<string>(), string.Empty, $"{command.Name} is not built yet", -1);
    }
}
