using System;
using System.Collections.Generic;
using System.Text;

namespace RuleGen.Runtime.Pipeline.Patterns;

/// <summary>How a dissect key uses its value (the generator's DissectKeyKind, same names).</summary>
public enum DissectKeyKind : byte
{
    Simple,
    Skip,
    Append,
}

/// <summary>One key of a parsed dissect pattern and the delimiter after it ("" for a last key with none).</summary>
public readonly record struct DissectKey(string Name, DissectKeyKind Kind, int AppendOrder, bool SkipRightPadding, string Delimiter);

/// <summary>
/// A DISSECT pattern the generator parsed (Languages/Esql/Patterns/DissectParser): the leading delimiter, the keys with
/// their delimiters, the append separator and the output columns. Matching is Elasticsearch's DissectParser.parse:
/// the value must start with the leading delimiter and be longer than it; each key's value runs to the first
/// occurrence of its delimiter; a key followed by its delimiter repeated takes empty values for the keys after it
/// (or, with <c>-&gt;</c>, skips the repeats); the last key without a delimiter takes the rest; every key must be
/// matched, or nothing is.
/// </summary>
public sealed class DissectPattern : Steps.IEsqlPattern
{
    private readonly string _leading;
    private readonly DissectKey[] _keys;
    private readonly string _separator;
    private readonly int[] _slots;

    public DissectPattern(string leadingDelimiter, DissectKey[] keys, string appendSeparator, string[] columns)
    {
        if (keys.Length == 0 || columns.Length == 0) throw new ArgumentException("a dissect pattern has keys");
        _leading = leadingDelimiter;
        _keys = keys;
        _separator = appendSeparator;
        Columns = columns;
        _slots = new int[keys.Length];
        for (int i = 0; i < keys.Length; i++) _slots[i] = keys[i].Kind == DissectKeyKind.Skip ? -1 : Array.IndexOf(columns, keys[i].Name);
    }

    /// <summary>The columns DISSECT adds, in pattern order (every keyword).</summary>
    public string[] Columns { get; }

    /// <summary>Matches one value; true fills <paramref name="keys"/> (one per column) with keywords, false leaves them NULL.</summary>
    public bool TryMatch(string input, EsqlValue[] keys)
    {
        Array.Clear(keys, 0, Columns.Length);
        if (input.Length <= _leading.Length || !input.StartsWith(_leading, StringComparison.Ordinal)) return false;
        var values = new string?[_keys.Length];
        int matched = 0;
        int k = 0;
        string delimiter = _keys[0].Delimiter;
        int i = _leading.Length, valueStart = i;
        while (i < input.Length)
        {
            if (delimiter.Length == 0 || input[i] != delimiter[0] || string.CompareOrdinal(input, i, delimiter, 0, delimiter.Length) != 0 || i + delimiter.Length > input.Length)
            {
                i++;
                continue;
            }
            values[k] = input.Substring(valueStart, i - valueStart);
            matched++;
            i += delimiter.Length;
            // Consecutive delimiters (a,,,d): empty values for the next keys, unless this key skips right padding.
            bool last = false;
            while (i + delimiter.Length <= input.Length && string.CompareOrdinal(input, i, delimiter, 0, delimiter.Length) == 0)
            {
                i += delimiter.Length;
                if (_keys[k].SkipRightPadding) continue;
                if (k + 1 == _keys.Length) { last = true; break; }
                k++;
                values[k] = "";
                matched++;
            }
            if (last || k + 1 == _keys.Length) break;
            k++;
            delimiter = _keys[k].Delimiter;
            valueStart = i;
        }
        if (matched != _keys.Length && delimiter.Length == 0)
        {
            values[k] = input.Substring(valueStart);
            matched++;
        }
        if (matched != _keys.Length) return false;
        Collect(values, keys);
        return true;
    }

    /// <summary>The type of a column this pattern adds.</summary>
    public EsqlType ColumnType(int column) => EsqlType.Keyword;

    /// <summary>The row's input value into the columns (one rule for GROK and DISSECT: <see cref="Steps.PatternExtraction"/>).</summary>
    public void Extract(EsqlValue input, EsqlValue[] columns) => Steps.PatternExtraction.Extract(this, input, columns);

    private void Collect(string?[] values, EsqlValue[] keys)
    {
        List<(int Order, int Index, string Value)>?[]? appends = null;
        for (int i = 0; i < _keys.Length; i++)
        {
            int slot = _slots[i];
            if (slot < 0) continue;
            string value = values[i] ?? "";
            if (_keys[i].Kind == DissectKeyKind.Simple)
            {
                keys[slot] = EsqlValue.Keyword(value);
                continue;
            }
            appends ??= new List<(int, int, string)>?[Columns.Length];
            (appends[slot] ??= new()).Add((_keys[i].AppendOrder, i, value));
        }
        if (appends is null) return;
        for (int slot = 0; slot < appends.Length; slot++)
        {
            var parts = appends[slot];
            if (parts is null) continue;
            // Stable by order (Java's Collections.sort is stable): ties keep pattern order.
            parts.Sort((a, b) => a.Order != b.Order ? a.Order.CompareTo(b.Order) : a.Index.CompareTo(b.Index));
            var text = new StringBuilder();
            for (int p = 0; p < parts.Count; p++)
            {
                if (p > 0) text.Append(_separator);
                text.Append(parts[p].Value);
            }
            keys[slot] = EsqlValue.Keyword(text.ToString());
        }
    }
}
