using System;

namespace RuleGen.Generator.Languages.Sigma.Fields
{
    /// <summary>
    /// What a raw CloudTrail field loses on its way to its ECS field (column <c>losses</c> of cloudtrail-ecs-map.tsv).
    /// The Sigma binder warns at a rule's field for each loss that can change a verdict. Dropping null and empty
    /// values is not listed: the pipeline does it to every field (<see cref="CloudTrailEcsFieldMap.EveryFieldDropsEmpties"/>).
    /// </summary>
    [Flags]
    internal enum EcsMappingLoss
    {
        None = 0,

        /// <summary>A whole object becomes one Java map string ({key=value, ...}, HashMap key order, no quotes).</summary>
        JavaMapString = 1 << 0,

        /// <summary>The ECS field also receives other raw fields (user.name: userIdentity.userName or the session issuer's).</summary>
        Merged = 1 << 1,

        /// <summary>Written only in some records (source.ip only for a bare IP, ConsoleLogin-only fields, …).</summary>
        Conditional = 1 << 2,

        /// <summary>The JSON type changes (booleans become the strings "true"/"false", "No" becomes false).</summary>
        TypeChange = 1 << 3,

        /// <summary>A date is parsed and rewritten as UTC with milliseconds; unparseable ones are dropped.</summary>
        DateReformat = 1 << 4,

        /// <summary>The ECS field holds a part of the raw value (TLSv1.3: tls.version 1.3; iam.amazonaws.com: cloud.service.name iam).</summary>
        Split = 1 << 5,

        /// <summary>The value is lower-cased.</summary>
        Lowercased = 1 << 6,

        /// <summary>Keys inside the value are renamed or dropped (resources[].ARN becomes arn).</summary>
        RenamedKeys = 1 << 7,

        /// <summary>Absent when the object's Java map string reaches Lucene's term limit (32766 characters).</summary>
        SizeLimit = 1 << 8,

        /// <summary>A key the pipeline moves elsewhere is missing (UserAuthentication's additionalEventData.UserName).</summary>
        KeyRemoved = 1 << 9,
    }
}
