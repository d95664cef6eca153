using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Parsing;

namespace RuleGen.Tests;

/// <summary>The rule YAML reader on its own (no query front end, no generator): the parsed rule and its diagnostics.</summary>
internal static class RuleReader
{
    public sealed record Read(ParsedRule? Rule, IReadOnlyList<DiagnosticInfo> Diagnostics, SourceLines Lines)
    {
        public IEnumerable<DiagnosticInfo> Errors => Diagnostics.Where(d => d.IsError);

        /// <summary>The 1-based (line, column) of a diagnostic.</summary>
        public static (int Line, int Column) At(DiagnosticInfo d) =>
            (d.Location!.LineSpan.Start.Line + 1, d.Location.LineSpan.Start.Character + 1);

        /// <summary>A diagnostic's message, as the compiler would print it.</summary>
        public static string Message(DiagnosticInfo d) => d.ToDiagnostic().GetMessage(System.Globalization.CultureInfo.InvariantCulture);

        public override string ToString() => string.Join("; ", Diagnostics.Select(d => $"{d.Id}{(d.Location is null ? "" : At(d).ToString())} {Message(d)}"));
    }

    public static Read Parse(string yaml, string path = "/repo/rules/rule.yml")
    {
        var lines = new SourceLines(path, yaml);
        var diagnostics = new DiagnosticBag();
        ParsedRule? rule = RuleYamlParser.Parse(lines, yaml, diagnostics);
        return new Read(rule, diagnostics.ToEquatableArray().ToList(), lines);
    }

    /// <summary>The text a location covers in the file.</summary>
    public static string TextAt(string yaml, LocationInfo location) => yaml.Substring(location.Span.Start, location.Span.Length);
}
