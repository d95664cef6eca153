using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RuleGen.Runtime.Windows;

/// <summary>One term of a new_terms rule: the values in field order and a key that names them unambiguously.</summary>
internal readonly record struct NewTerm(string Key, string[] Values)
{
    /// <summary>Each value prefixed by its length, so no value can run into the next.</summary>
    public static string KeyOf(string[] values)
    {
        var key = new StringBuilder();
        foreach (string value in values) key.Append(value.Length).Append(':').Append(value);
        return key.ToString();
    }

    /// <summary>Composite aggregation order: ascending by the first field's value, then the next (ordinal, as keyword bytes).</summary>
    public static int CompareValues(NewTerm a, NewTerm b)
    {
        for (int i = 0; i < a.Values.Length; i++)
        {
            int c = string.CompareOrdinal(a.Values[i], b.Values[i]);
            if (c != 0) return c;
        }
        return 0;
    }
}

/// <summary>
/// The terms one document carries, as Elasticsearch's aggregations bucket it: a terms aggregation buckets each value
/// of an array; a composite aggregation with several sources makes one bucket per combination (the cartesian product
/// of the fields' distinct values). A document missing any field carries no term (composite without missing_bucket).
/// </summary>
internal static class NewTermsCombinations
{
    /// <summary>Elastic's documented limit: at most 100 combinations of one document are evaluated (new-terms docs).</summary>
    public const int ElasticLimit = 100;

    /// <summary>RuleGen's guard: a document's combinations past this many are not evaluated (counted as a cap hit).</summary>
    public const int MaxPerDocument = 10_000;

    public static NewTerm[] Of(IReadOnlyList<IReadOnlyList<string>> groups, out long total)
    {
        var distinct = new string[groups.Count][];
        total = 1;
        for (int i = 0; i < distinct.Length; i++)
        {
            distinct[i] = groups[i].Distinct(StringComparer.Ordinal).ToArray();
            total = (long)Math.Min((double)total * distinct[i].Length, 1e15);
        }
        if (total == 0) return Array.Empty<NewTerm>();
        var terms = new List<NewTerm>((int)Math.Min(total, MaxPerDocument));
        var chosen = new int[distinct.Length];
        while (terms.Count < MaxPerDocument)
        {
            var values = new string[distinct.Length];
            for (int i = 0; i < distinct.Length; i++) values[i] = distinct[i][chosen[i]];
            terms.Add(new NewTerm(NewTerm.KeyOf(values), values));
            int f = distinct.Length - 1;
            while (f >= 0 && ++chosen[f] == distinct[f].Length) chosen[f--] = 0;
            if (f < 0) break;
        }
        return terms.ToArray();
    }
}
