namespace RuleGen.Runtime;

/// <summary>
/// How a leaf compares text, chosen by the generator from the leaf's semantics (never per event by language):
/// byte for byte and typed by default, ignoring case, or every scalar as its JSON text.
/// </summary>
[System.Flags]
public enum MatchOptions
{
    /// <summary>Byte-for-byte; numbers compare as numbers when both sides are numbers.</summary>
    Exact = 0,

    /// <summary>Case-insensitive: both sides folded with .NET's ordinal ignore-case mapping (upper-case invariant).</summary>
    IgnoreCase = 1,

    /// <summary>Numbers and booleans compare as their JSON text: <c>false</c> equals "false", 1 equals "1" but not "1.0".</summary>
    AsString = 2,
}
