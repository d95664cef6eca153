using System;

namespace RuleGen.Generator.Languages.Sigma.Fields
{
    /// <summary>
    /// One ECS field a raw CloudTrail field maps to: its name, whether a rule matches there (primary) or it is a copy
    /// derived from the raw value, what the mapping loses, and the note the binder's warning quotes.
    /// </summary>
    internal sealed record EcsFieldTarget(string EcsField, bool IsPrimary, EcsMappingLoss Losses, string Note)
    {
        /// <summary>True when the mapping can change a verdict (anything but the universal empty-drop).</summary>
        public bool IsLossy => Losses != EcsMappingLoss.None;
    }

    /// <summary>One row of cloudtrail-ecs-map.tsv: a raw path (or prefix, ending ".*") and its target, with its line.</summary>
    internal sealed record CloudTrailEcsEntry(string RawField, bool IsPrefix, string EcsField, bool IsPrimary, EcsMappingLoss Losses, string Note, int Line)
    {
        /// <summary>The target for <paramref name="rawField"/> (this entry's field, or a path under its prefix).</summary>
        public EcsFieldTarget TargetFor(string rawField) =>
            new(IsPrefix ? EcsField + rawField.Substring(RawField.Length) : EcsField, IsPrimary, Losses, Note);

        /// <summary>Whether this entry covers <paramref name="rawField"/>: the same path, or a path under the prefix.</summary>
        public bool Covers(string rawField) => IsPrefix
            ? rawField.Length > RawField.Length + 1 && rawField.StartsWith(RawField + ".", StringComparison.Ordinal)
            : string.Equals(rawField, RawField, StringComparison.Ordinal);
    }
}
