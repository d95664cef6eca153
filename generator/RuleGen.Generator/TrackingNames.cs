namespace RuleGen.Generator
{
    /// <summary>
    /// Names of the pipeline steps, so tests can assert which steps ran and which were cached. In pipeline order:
    /// inputs, then the per-rule steps, then the rule-set steps. Steps whose model holds positions (the compiled file,
    /// identities, the two diagnostics steps) run again when text moves; every other step must not.
    /// </summary>
    public static class TrackingNames
    {
        // Inputs: build properties and additional files.
        public const string Namespace = nameof(Namespace);
        public const string DefaultSchema = nameof(DefaultSchema);
        public const string RuleFiles = nameof(RuleFiles);
        public const string AttackCatalog = nameof(AttackCatalog);
        public const string ProjectFields = nameof(ProjectFields);
        public const string BindingContext = nameof(BindingContext);
        public const string SidecarFiles = nameof(SidecarFiles);
        public const string SidecarTable = nameof(SidecarTable);
        public const string SigmaPipelines = nameof(SigmaPipelines);

        // Per rule file: the file with what it binds against (pipelines only for files that may be Sigma rules).
        public const string RuleInputs = nameof(RuleInputs);

        // Per rule file: the front end's result (model, identity, diagnostics), then its parts.
        public const string CompiledRules = nameof(CompiledRules);
        public const string RuleDiagnostics = nameof(RuleDiagnostics);
        public const string RuleModels = nameof(RuleModels);
        public const string CorrelationTable = nameof(CorrelationTable);
        public const string CorrelatedRules = nameof(CorrelatedRules);
        public const string CorrelationDiagnostics = nameof(CorrelationDiagnostics);
        public const string ClassNameRequests = nameof(ClassNameRequests);
        public const string NamedRules = nameof(NamedRules);
        public const string AttachedTests = nameof(AttachedTests);
        public const string RuleEmit = nameof(RuleEmit);
        public const string RuleFields = nameof(RuleFields);
        public const string RuleIdentities = nameof(RuleIdentities);

        // Across the rule set.
        public const string ClassNames = nameof(ClassNames);
        public const string RuleSet = nameof(RuleSet);
        public const string RuleSetDiagnostics = nameof(RuleSetDiagnostics);
        public const string SidecarDiagnostics = nameof(SidecarDiagnostics);
    }
}
