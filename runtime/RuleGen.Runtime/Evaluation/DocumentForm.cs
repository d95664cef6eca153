namespace RuleGen.Runtime;

/// <summary>
/// Which field names an event carries, as the scanner recognised it: what a Sigma CloudTrail rule (written on raw
/// CloudTrail names) tests its own names or the ECS names Elastic's AWS integration gives them on.
/// </summary>
public enum DocumentForm : byte
{
    /// <summary>
    /// A raw CloudTrail record (normalised: it carries its raw names and RuleGen's ECS names), or a document of no
    /// known form, which a rule can only read by the names it writes.
    /// </summary>
    Raw,

    /// <summary>An ECS document of Elastic's AWS integration (recognised by its aws.cloudtrail.* fields): no raw names.</summary>
    Ecs,
}
