using System;
using System.Globalization;
using System.Linq;
using RuleGen.Runtime.Pipeline;

namespace RuleGen.Tests.Esql;

/// <summary>
/// A short text form of ES|QL values for test tables: <c>null</c>; a type prefix and the value, several values
/// separated by <c>|</c> for a multivalue: <c>i:</c> integer, <c>l:</c> long, <c>d:</c> double, <c>b:</c> boolean,
/// <c>k:</c> keyword (<c>k:</c> alone is the empty string), <c>dt:</c> date (ISO-8601, UTC), <c>ip:</c>, <c>v:</c>
/// version, <c>ms:</c> time duration in milliseconds, <c>p:</c> date period as months/days (<c>p:1/0</c>).
/// </summary>
public static class EsqlValueNotation
{
    public static EsqlValue Parse(string text)
    {
        text = text.Trim();
        if (text == "null") return EsqlValue.Null;
        int colon = text.IndexOf(':');
        if (colon < 0) throw new FormatException($"No type prefix in [{text}]");
        string prefix = text.Substring(0, colon), body = text.Substring(colon + 1);
        if (prefix == "k" && body.Length == 0) return EsqlValue.Keyword("");
        string[] parts = body.Split('|');
        EsqlValue[] values = parts.Select(p => One(prefix, p)).ToArray();
        return values.Length == 1 ? values[0] : EsqlValue.Multi(values[0].Type, values);
    }

    private static EsqlValue One(string prefix, string s) => prefix switch
    {
        "i" => EsqlValue.Integer(int.Parse(s, CultureInfo.InvariantCulture)),
        "l" => EsqlValue.Long(long.Parse(s, CultureInfo.InvariantCulture)),
        "d" => EsqlValue.Double(double.Parse(s, CultureInfo.InvariantCulture)),
        "b" => EsqlValue.Boolean(bool.Parse(s)),
        "k" => EsqlValue.Keyword(s),
        "dt" => EsqlValue.Datetime(DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds()),
        "ip" => EsqlValue.Ip(s),
        "v" => EsqlValue.Version(s),
        "ms" => EsqlValue.TimeDuration(long.Parse(s, CultureInfo.InvariantCulture)),
        "p" => EsqlValue.DatePeriod(int.Parse(s.Split('/')[0], CultureInfo.InvariantCulture), int.Parse(s.Split('/')[1], CultureInfo.InvariantCulture)),
        _ => throw new FormatException($"Unknown type prefix [{prefix}]"),
    };

    /// <summary>Same type and same values (doubles exactly: the tables write doubles that are exact).</summary>
    public static bool SameValue(EsqlValue expected, EsqlValue actual) =>
        expected.Type == actual.Type && expected.Count == actual.Count && expected.Equals(actual)
        && Enumerable.Range(0, expected.Count).All(i => expected[i].Type == actual[i].Type);

    /// <summary>The value written back in this notation (for failure messages).</summary>
    public static string Show(EsqlValue v) => v.IsNull ? "null" : $"{v.Type}:{v}";
}
