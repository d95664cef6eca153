namespace RuleGen.Runtime;

/// <summary>How a file's events are laid out; detected from its first bytes.</summary>
public enum InputFormat
{
    /// <summary>One JSON object per line (blank lines skipped).</summary>
    NdJson,
    /// <summary>A JSON array of objects.</summary>
    JsonArray,
    /// <summary>A CloudTrail delivery file: <c>{"Records":[…]}</c>; every record is raw CloudTrail.</summary>
    CloudTrailRecords,
    /// <summary>Objects one after another, spread over several lines (pretty-printed).</summary>
    JsonStream,
}

/// <summary>
/// Where a document came from, for error messages and alerts: the file, the line the document starts on, and its
/// ordinal in the file (1-based; a minified CloudTrail file holds thousands of records on line 1).
/// </summary>
public readonly record struct DocumentPosition(string File, long Line, long Record = 0);
