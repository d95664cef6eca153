using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace RuleGen.Tests.Sigma;

/// <summary>
/// One RG0080 warning of a Sigma rule's ECS form, read back from its message (SigmaEcsForm writes three kinds; empties-dropped in three wordings), and
/// whether its loss applies to one record: whether the field it warns about can read differently on the two forms.
/// </summary>
internal sealed record EcsLossWarning(string RuleFile, string Field, string? EcsField, string Cause)
{
    private static readonly Regex Lossy = new(@"'(?<field>[^']+)' is tested at '(?<ecs>[^']+)', which loses information \((?<losses>[^)]+)\)", RegexOptions.CultureInvariant);
    private static readonly Regex NoField = new(@"'(?<field>[^']+)' has no field", RegexOptions.CultureInvariant);
    private static readonly Regex Empty = new(@"'(?<field>[^']+)' is tested (for ''|for null or exists|with a value that an empty string passes) \(empties-dropped\)", RegexOptions.CultureInvariant);

    public const string NoFieldCause = "no-field (test false on ECS)";
    public const string EmptyCause = "empties-dropped";

    public static EcsLossWarning Parse(Diagnostic diagnostic)
    {
        string file = Path.GetFileName(diagnostic.Location.GetLineSpan().Path);
        string message = diagnostic.GetMessage();
        if (Lossy.Match(message) is { Success: true } lossy) return new(file, lossy.Groups["field"].Value, lossy.Groups["ecs"].Value, lossy.Groups["losses"].Value);
        if (NoField.Match(message) is { Success: true } none) return new(file, none.Groups["field"].Value, null, NoFieldCause);
        if (Empty.Match(message) is { Success: true } empty) return new(file, empty.Groups["field"].Value, null, EmptyCause);
        throw new InvalidOperationException("an RG0080 message of an unknown shape: " + message);
    }

    /// <summary>
    /// Whether the loss can have changed a verdict on this record: a field with no ECS place always can (the ECS test
    /// is false); an empty-string, null or exists test when the raw record has an empty value there; a lossy mapping when the values at the raw
    /// field and at its ECS field differ in this record (JSON type included: true is not "true"). The comparison is
    /// exact, stricter than Sigma's case-insensitive matching, so it never hides a difference.
    /// </summary>
    public bool AppliesTo(JsonElement raw, JsonElement ecs)
    {
        if (Cause == NoFieldCause) return true;
        List<JsonElement> rawValues = EcsOnlyDocument.At(raw, Field);
        if (Cause == EmptyCause) return rawValues.Any(Runtime.JavaMapText.IsEmpty);
        var before = rawValues.Where(v => !Runtime.JavaMapText.IsEmpty(v)).Select(Canonical).OrderBy(s => s, StringComparer.Ordinal);
        var after = EcsOnlyDocument.At(ecs, EcsField!).Select(Canonical).OrderBy(s => s, StringComparer.Ordinal);
        return !before.SequenceEqual(after);
    }

    /// <summary>A value as JSON text, objects without their empty members (the pipeline drops them everywhere).</summary>
    private static string Canonical(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Object)
        {
            return "{" + string.Join(",", value.EnumerateObject().Where(p => !Runtime.JavaMapText.IsEmpty(p.Value)).OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => JsonSerializer.Serialize(p.Name) + ":" + Canonical(p.Value))) + "}";
        }
        if (value.ValueKind == JsonValueKind.Array) return "[" + string.Join(",", value.EnumerateArray().Where(v => !Runtime.JavaMapText.IsEmpty(v)).Select(Canonical)) + "]";
        return value.GetRawText();
    }
}
