using RuleGen.Generator.Ir;

namespace RuleGen.Generator.Model
{
    /// <summary>A rule file as read from the compilation: path and text, nothing Roslyn.</summary>
    internal sealed record RuleSourceFile(string Path, string Text);

    /// <summary>
    /// What the emitter needs of one rule that compiled, as values, and nothing else: no positions and no
    /// diagnostics (they travel in <see cref="CompiledRuleFile"/> to their own output). So an edit that moves the rule
    /// in its file (a blank line or a comment above it) leaves this model equal and the rule's code is not re-emitted.
    /// </summary>
    internal sealed record RuleModel(
        string FilePath,
        string ClassName,
        RuleMetadataModel Metadata,
        QueryPlan Plan,
        EquatableArray<AlertColumn> AlertColumns)
    {
        /// <summary>A Sigma correlation rule's window (its plan never matches an event itself); null for every other rule.</summary>
        public SigmaCorrelationModel? Correlation { get; init; }
    }
}
