using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;

namespace RuleGen.Runtime.Pipeline.Patterns;

/// <summary>
/// A GROK pattern the generator compiled (Languages/Esql/Patterns/GrokCompiler): a .NET regex whose named groups
/// <c>g0…gN</c> carry, in order, a column name and type each. Built once per rule. The regex runs
/// on the automaton engine (linear in the value) when the pattern allows it, otherwise with
/// <see cref="RegexLimits.MatchTimeout"/> (a value that times out does not match). Matching searches the value, as
/// Elasticsearch's grok does: the pattern need not cover the whole value.
/// </summary>
public sealed class GrokPattern : Steps.IEsqlPattern
{
    private const RegexOptions Options = RegexOptions.ExplicitCapture | RegexOptions.Multiline | RegexOptions.CultureInvariant;

    private readonly Regex _regex;
    private readonly int[] _groupNumbers;
    private readonly int[] _slots;
    private readonly EsqlType[] _types;

    public GrokPattern(string dotNetRegex, string[] names, EsqlType[] types)
    {
        if (names.Length != types.Length) throw new ArgumentException("one type per group", nameof(types));
        _regex = Build(dotNetRegex, out bool linear);
        IsLinear = linear;
        _types = types;
        var columns = new List<string>();
        foreach (string name in names) if (!columns.Contains(name)) columns.Add(name);
        // ES|QL sorts GROK's columns by name (Java String order: UTF-16 ordinal).
        columns.Sort(StringComparer.Ordinal);
        Columns = columns.ToArray();
        ColumnTypes = new EsqlType[Columns.Length];
        _slots = new int[names.Length];
        _groupNumbers = new int[names.Length];
        for (int i = names.Length - 1; i >= 0; i--)
        {
            _slots[i] = Array.IndexOf(Columns, names[i]);
            ColumnTypes[_slots[i]] = types[i];
            _groupNumbers[i] = _regex.GroupNumberFromName("g" + i.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The columns GROK adds, in ES|QL's order (by name); one per distinct name.</summary>
    public string[] Columns { get; }

    /// <summary>Each column's type (the type of the first group of that name).</summary>
    public EsqlType[] ColumnTypes { get; }

    /// <summary>Whether the regex runs on the linear-time automaton engine.</summary>
    public bool IsLinear { get; }

    /// <summary>
    /// Matches one value. True: <paramref name="captures"/> (one per column) holds each column's value: NULL for a group
    /// that did not take part, the converted text otherwise, a multivalue when a name is used more than once.
    /// False (no match, or the match timed out): every capture is NULL.
    /// </summary>
    public bool TryMatch(string input, EsqlValue[] captures)
    {
        Array.Clear(captures, 0, Columns.Length);
        Match match;
        try
        {
            match = _regex.Match(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
        if (!match.Success) return false;
        for (int i = 0; i < _groupNumbers.Length; i++)
        {
            Group group = match.Groups[_groupNumbers[i]];
            if (!group.Success) continue;
            EsqlValue value = Convert(group.Value, _types[i]);
            int slot = _slots[i];
            captures[slot] = captures[slot].IsNull ? value : EsqlValue.Multi(ColumnTypes[slot], new[] { captures[slot], value });
        }
        return true;
    }

    /// <summary>The type of a column this pattern adds.</summary>
    public EsqlType ColumnType(int column) => ColumnTypes[column];

    /// <summary>The row's input value into the columns (one rule for GROK and DISSECT: <see cref="Steps.PatternExtraction"/>).</summary>
    public void Extract(EsqlValue input, EsqlValue[] columns) => Steps.PatternExtraction.Extract(this, input, columns);

    /// <summary>
    /// The captured text as the column's type, with Java's parsers as ES's grok uses them: Integer.parseInt,
    /// Long.parseLong, Double.parseDouble (<c>:float</c> too: ES parses a float and widens it, so ES gives 1.100000023841858
    /// for "1.1" where this gives 1.1; docs/esql-grok-dissect.md),
    /// Boolean.parseBoolean ("true" in any case is true, anything else false). Text the parser refuses is NULL.
    /// </summary>
    internal static EsqlValue Convert(string text, EsqlType type)
    {
        switch (type)
        {
            case EsqlType.Integer:
                return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i) ? EsqlValue.Integer(i) : EsqlValue.Null;
            case EsqlType.Long:
                return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l) ? EsqlValue.Long(l) : EsqlValue.Null;
            case EsqlType.Double:
                return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? EsqlValue.Double(d) : EsqlValue.Null;
            case EsqlType.Boolean:
                return EsqlValue.Boolean(string.Equals(text, "true", StringComparison.OrdinalIgnoreCase));
            default:
                return EsqlValue.Keyword(text);
        }
    }

    private static Regex Build(string pattern, out bool linear)
    {
        try
        {
            linear = true;
            return new Regex(pattern, Options | RegexOptions.NonBacktracking);
        }
        catch (NotSupportedException)
        {
            // Lookaround, atomic groups, backreferences: the backtracking engine, bounded per value.
            linear = false;
            return new Regex(pattern, Options, RegexLimits.MatchTimeout);
        }
    }
}
