namespace RuleGen.Generator
{
    /// <summary>Names of the pipeline steps, so tests can assert which steps ran and which were cached.</summary>
    public static class TrackingNames
    {
        public const string RuleFiles = nameof(RuleFiles);
        public const string RuleModels = nameof(RuleModels);
        public const string EmittableRules = nameof(EmittableRules);
        public const string RuleSet = nameof(RuleSet);
        public const string ClassNames = nameof(ClassNames);
        public const string NamedRules = nameof(NamedRules);
        public const string Namespace = nameof(Namespace);
        public const string RuleIdentities = nameof(RuleIdentities);
        public const string AttackCatalog = nameof(AttackCatalog);
        public const string ProjectFields = nameof(ProjectFields);
    }
}
