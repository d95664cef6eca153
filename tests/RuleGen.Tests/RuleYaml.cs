using System;
using System.Linq;

namespace RuleGen.Tests;

/// <summary>Small valid rule files for tests, with a way to find the 1-based line and column of a piece of text.</summary>
public static class RuleYaml
{
    public static string With(string query, string? replace = null, string? by = null, string name = "Test rule", string id = "11111111-2222-3333-4444-555555555555")
    {
        string indented = string.Join("\n", query.Trim('\n').Split('\n').Select(l => "  " + l));
        string yaml = $"""
            rule_id: {id}
            name: {name}
            description: A rule for tests.
            severity: high
            risk_score: 73
            query: |
            {indented}

            """;
        return replace is null ? yaml : yaml.Replace(replace, by, StringComparison.Ordinal);
    }

    /// <summary>The 1-based (line, column) of the first occurrence of <paramref name="text"/> (of its n-th when given).</summary>
    public static (int Line, int Column) PositionOf(string yaml, string text, int occurrence = 1)
    {
        string[] lines = yaml.Replace("\r\n", "\n").Split('\n');
        int seen = 0;
        for (int i = 0; i < lines.Length; i++)
        {
            int at = -1;
            while ((at = lines[i].IndexOf(text, at + 1, StringComparison.Ordinal)) >= 0)
            {
                if (++seen == occurrence) return (i + 1, at + 1);
            }
        }
        throw new ArgumentException($"'{text}' is not in the rule");
    }
}
