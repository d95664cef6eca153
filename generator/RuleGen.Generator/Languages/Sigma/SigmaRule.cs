using System.Collections.Generic;
using RuleGen.Generator.Diagnostics;

namespace RuleGen.Generator.Languages.Sigma
{
    // The syntax model of one Sigma rule (spec v2.1, sigma-rules-specification.md): what the file says, with
    // positions, before any meaning is given to it. Binding to RuleGen's IR is a later phase (issue 9).

    /// <summary>A YAML scalar as the rule wrote it: its text, whether it was quoted, whether it is YAML null.</summary>
    /// <remarks>
    /// Sigma treats values as strings (spec "General: all values are treated as case-insensitive strings"), so the
    /// text is kept verbatim: a plain <c>No</c> or <c>on</c> stays the string it reads as (YAML 1.1 booleans are not
    /// applied), and <c>0x17</c> stays "0x17". <see cref="IsNull"/> is YAML's plain null (<c>null</c>, <c>~</c>, empty).
    /// </remarks>
    internal sealed record SigmaValue(string Text, bool Quoted, bool IsNull, LocationInfo Location);

    /// <summary>A modifier as written after a <c>|</c>, with its position inside the key.</summary>
    internal sealed record SigmaModifierUse(SigmaModifier Modifier, string Name, LocationInfo Location);

    /// <summary>
    /// One <c>name|mod1|mod2: value or list</c> item of a map. <see cref="Field"/> is empty for a keyword item
    /// (<c>'|all': [...]</c>, spec "Keywords search"). A list keeps its values OR-ed unless <c>all</c> is a modifier.
    /// </summary>
    internal sealed record SigmaFieldItem(
        string Field,
        IReadOnlyList<SigmaModifierUse> Modifiers,
        IReadOnlyList<SigmaValue> Values,
        bool IsList,
        LocationInfo Location);

    internal enum SigmaSearchKind
    {
        /// <summary>A map: its field items AND-ed (spec "Maps").</summary>
        Map,

        /// <summary>A list of maps: the maps OR-ed (spec "Lists").</summary>
        ListOfMaps,

        /// <summary>A list of plain values searched in the whole event, OR-ed (spec "Keywords search").</summary>
        Keywords,
    }

    /// <summary>A named search identifier of <c>detection</c>.</summary>
    internal sealed record SigmaSearch(
        string Name,
        SigmaSearchKind Kind,
        IReadOnlyList<IReadOnlyList<SigmaFieldItem>> Maps,
        IReadOnlyList<SigmaValue> Keywords,
        LocationInfo Location);

    internal sealed record SigmaLogSource(string? Product, string? Service, string? Category);

    /// <summary>One entry of <c>condition</c> (a string or one item of a list of strings, OR-ed).</summary>
    internal sealed record SigmaConditionText(string Text, SigmaCondition? Parsed, SigmaValue Source);

    internal sealed record SigmaRule(
        string? Title,
        string? Id,
        string? Status,
        string? Level,
        string? Description,
        string? Author,
        IReadOnlyList<string> References,
        IReadOnlyList<string> FalsePositives,
        IReadOnlyList<string> Tags,
        SigmaLogSource LogSource,
        IReadOnlyList<string> Fields,
        IReadOnlyList<SigmaSearch> Searches,
        IReadOnlyList<SigmaConditionText> Conditions)
    {
        /// <summary>The <c>tags</c> with their positions, for the ATT&amp;CK mapping (Checks/SigmaAttackTags).</summary>
        public IReadOnlyList<SigmaValue> TagValues { get; init; } = System.Array.Empty<SigmaValue>();

        /// <summary>The <c>fields</c> with their positions, for the schema check of the alert's kept fields.</summary>
        public IReadOnlyList<SigmaValue> FieldValues { get; init; } = System.Array.Empty<SigmaValue>();
    }

    /// <summary>A located problem found while reading (an error, or valid Sigma that RuleGen does not support).</summary>
    internal sealed record SigmaProblem(string Message, LocationInfo Location, bool NotSupported);
}
