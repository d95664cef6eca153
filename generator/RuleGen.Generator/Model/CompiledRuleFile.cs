using RuleGen.Generator.Binding;
using RuleGen.Generator.Diagnostics;

namespace RuleGen.Generator.Model
{
    /// <summary>
    /// One rule file after the front end, split the way the pipeline consumes it: the emit model (null when an error
    /// stops the rule, or the file got no further than its YAML), what the file claims to be for the rule-set checks
    /// (null when it has no metadata), and its diagnostics. Only <see cref="Rule"/> reaches the emitter; identities and
    /// diagnostics hold positions and go to the diagnostics outputs.
    /// </summary>
    internal sealed record CompiledRuleFile(
        string FilePath,
        RuleModel? Rule,
        RuleIdentity? Identity,
        EquatableArray<DiagnosticInfo> Diagnostics)
    {
        public bool CanEmit => Rule is not null;

        /// <summary>A Sigma correlation rule's references with their positions, for the rule-set checks; null otherwise.</summary>
        public CorrelationSite? Correlation { get; init; }
    }
}
