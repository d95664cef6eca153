using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using CsCheck;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// How a kept column's JSON reads as its field's type (docs/semantics.md, "Typed alerts"): as Elasticsearch indexes
/// it with the default mapping (coerce on), null for what it would refuse, and never an exception.
/// </summary>
public class AlertValuesTests
{
    private static JsonElement? Json(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + (t.Offset == TimeSpan.Zero ? "" : " (not UTC)"),
        IPAddress a => a.ToString(),
        IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(Show)) + "]",
        _ => value.ToString()!,
    };

    [Theory]
    [InlineData(null, "null")]                  // absent
    [InlineData("null", "null")]
    [InlineData("\"a\"", "a")]
    [InlineData("\"\"", "")]                    // the empty string is a value, not NULL
    [InlineData("5.0", "5.0")]                  // a number by its text as written
    [InlineData("1e3", "1e3")]
    [InlineData("true", "true")]
    [InlineData("[\"a\"]", "a")]                // a one-element array is that value
    [InlineData("[null,\"a\",null]", "a")]      // nulls dropped
    [InlineData("[]", "null")]
    [InlineData("[\"a\",\"b\"]", "null")]       // a multivalue is not one value
    [InlineData("{\"a\":1}", "null")]
    [InlineData("\"a\\ud800\"", "a\uFFFD")]     // a lone surrogate escape reads as U+FFFD, as the scanner reads it
    [InlineData("\"\\ud83d\\ude00\"", "\U0001F600")]  // a proper pair is the character
    public void Strings(string? json, string expected) => Assert.Equal(expected, Show(AlertValues.String(Json(json))));

    [Theory]
    [InlineData("42", "42")]
    [InlineData("-9223372036854775808", "-9223372036854775808")]
    [InlineData("9223372036854775808", "null")]  // out of range: refused
    [InlineData("12.9", "12")]                   // coerce truncates
    [InlineData("-12.9", "-12")]
    [InlineData("1e3", "1000")]
    [InlineData("\"29518\"", "29518")]           // coerce: a number in a string
    [InlineData("\"10.7\"", "10")]
    [InlineData("\" 10\"", "null")]
    [InlineData("\"abc\"", "null")]
    [InlineData("\"1e30\"", "null")]
    [InlineData("true", "null")]
    [InlineData("[\"7\"]", "7")]
    public void Longs(string json, string expected) => Assert.Equal(expected, Show(AlertValues.Long(Json(json))));

    [Theory]
    [InlineData("0.25", "0.25")]
    [InlineData("\"0.25\"", "0.25")]
    [InlineData("1e308", "1E+308")]
    [InlineData("\"NaN\"", "null")]              // Elasticsearch takes finite values only
    [InlineData("\"Infinity\"", "null")]
    [InlineData("\"1e400\"", "null")]
    [InlineData("false", "null")]
    public void Doubles(string json, string expected) => Assert.Equal(expected, Show(AlertValues.Double(Json(json))));

    [Theory]
    [InlineData("true", "true")]
    [InlineData("false", "false")]
    [InlineData("\"true\"", "true")]
    [InlineData("\"false\"", "false")]
    [InlineData("\"\"", "false")]                // Elasticsearch: the empty string is false
    [InlineData("\"yes\"", "null")]
    [InlineData("\"True\"", "null")]
    [InlineData("1", "null")]
    public void Booleans(string json, string expected) => Assert.Equal(expected, Show(AlertValues.Boolean(Json(json))));

    [Theory]
    [InlineData("\"203.0.113.7\"", "203.0.113.7")]
    [InlineData("\"2001:db8::1\"", "2001:db8::1")]
    [InlineData("\"::ffff:10.0.0.2\"", "10.0.0.2")]  // an IPv4-mapped address is stored as IPv4
    [InlineData("\"10.1\"", "null")]                 // inet_aton forms IPAddress would take
    [InlineData("\"1\"", "null")]
    [InlineData("\"999.1.1.1\"", "null")]
    [InlineData("\"not-an-ip\"", "null")]
    [InlineData("167772161", "null")]                // a number is not an ip
    public void Ips(string json, string expected) => Assert.Equal(expected, Show(AlertValues.Ip(Json(json))));

    [Theory]
    [InlineData("\"2024-12-02T10:05:00.000Z\"", "2024-12-02T10:05:00.0000000Z")]
    [InlineData("\"2024-12-02T10:05:00+02:00\"", "2024-12-02T08:05:00.0000000Z")]  // read as UTC
    [InlineData("\"2024-12-02T10:05:00\"", "2024-12-02T10:05:00.0000000Z")]        // no zone: UTC
    [InlineData("\"2024-12-02\"", "2024-12-02T00:00:00.0000000Z")]
    [InlineData("\"2021-11-11T01:02:03.123456789Z\"", "2021-11-11T01:02:03.1234567Z")]
    [InlineData("1733133900000", "2024-12-02T10:05:00.0000000Z")]                  // epoch_millis
    [InlineData("\"1733133900000\"", "2024-12-02T10:05:00.0000000Z")]
    [InlineData("1733133900000.5", "2024-12-02T10:05:00.0005000Z")]
    [InlineData("-1", "1969-12-31T23:59:59.9990000Z")]
    [InlineData("1e300", "null")]                                                  // past year 9999
    [InlineData("\"yesterday\"", "null")]
    [InlineData("\"12/02/2024\"", "null")]                                         // not ISO 8601
    [InlineData("\"2024-13-45\"", "null")]
    [InlineData("true", "null")]
    public void Dates(string json, string expected) => Assert.Equal(expected, Show(AlertValues.Date(Json(json))));

    [Theory]
    [InlineData("[\"iam\",\"authentication\"]", "[iam,authentication]")]
    [InlineData("\"iam\"", "[iam]")]                       // one value in an array field: a list of one
    [InlineData("[[\"a\"],[null,[\"b\"]]]", "[a,b]")]       // nested arrays flattened, nulls dropped
    [InlineData("[null]", "null")]
    [InlineData("[]", "null")]
    [InlineData("[\"a\",{\"b\":1}]", "null")]              // one value refused: no list
    public void StringLists(string json, string expected) => Assert.Equal(expected, Show(AlertValues.Strings(Json(json))));

    [Theory]
    [InlineData("[1,\"2\",3.9]", "[1,2,3]")]
    [InlineData("[1,\"x\"]", "null")]
    public void LongLists(string json, string expected) => Assert.Equal(expected, Show(AlertValues.Longs(Json(json))));

    [Fact]
    public void OtherListsReadLikeTheirSingleValues()
    {
        Assert.Equal("[0.5,2]", Show(AlertValues.Doubles(Json("[0.5,\"2\"]"))));
        Assert.Equal("[true,false]", Show(AlertValues.Booleans(Json("[\"true\",\"\"]"))));
        Assert.Equal("[10.0.0.1,2001:db8::1]", Show(AlertValues.Ips(Json("[\"10.0.0.1\",\"2001:db8::1\"]"))));
        Assert.Equal("[1970-01-01T00:00:00.0000000Z]", Show(AlertValues.Dates(Json("[0]"))));
        Assert.Null(AlertValues.Ips(Json("[\"10.0.0.1\",\"10.1\"]")));
    }

    /// <summary>Any JSON value, of any shape and nesting, read as every type: a value or null, never an exception.</summary>
    [Fact]
    public void NoJsonValueThrows()
    {
        Gen.Int.Sample(seed =>
        {
            string json = RandomJson(new Random(seed), 0);
            JsonElement? value = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 }).RootElement.Clone();
            _ = AlertValues.String(value); _ = AlertValues.Long(value); _ = AlertValues.Double(value);
            _ = AlertValues.Boolean(value); _ = AlertValues.Ip(value); _ = AlertValues.Date(value);
            _ = AlertValues.Strings(value); _ = AlertValues.Longs(value); _ = AlertValues.Doubles(value);
            _ = AlertValues.Booleans(value); _ = AlertValues.Ips(value); _ = AlertValues.Dates(value);
        }, iter: 3000, seed: Fuzzing.RuleFuzzTests.FixedSeed, print: seed => RandomJson(new Random(seed), 0));
    }

    private static readonly string[] Scalars =
    {
        "null", "true", "false", "0", "-0", "1e308", "-1e308", "1e-400", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "79228162514264337593543950336", "1.5", "253402300799999", "253402300800000", "-62135596800001", "\"\"", "\"NaN\"", "\"-Infinity\"",
        "\"::ffff:1.2.3.4\"", "\"fe80::1%eth0\"", "\"2024-02-30\"", "\"2024-12-02T25:00:00Z\"", "\"9999-12-31T23:59:59.9999999-01:00\"",
        "\"0001-01-01T00:00:00+01:00\"", "\"-\"", "\"-.\"", "\".\"", "\"1.2.3.4.5\"", "\"\\u0000\"", "\"\\ud800\"", "{}", "{\"a\":[1]}",
    };

    private const string Alphabet = "0123456789.-+eE:TZ tf \\u";

    private static string RandomJson(Random random, int depth)
    {
        int pick = random.Next(10);
        if (pick < 2 && depth < 70)
        {
            int count = random.Next(4);
            return "[" + string.Join(",", Enumerable.Range(0, count).Select(_ => RandomJson(random, depth + 1))) + "]";
        }
        if (pick < 6) return Scalars[random.Next(Scalars.Length)];
        var text = new StringBuilder();
        for (int i = random.Next(30); i > 0; i--) text.Append(Alphabet[random.Next(Alphabet.Length)]);
        string s = text.ToString().Replace("\\u", "u", StringComparison.Ordinal);
        return pick < 8 ? JsonSerializer.Serialize(s) : (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && IsJsonNumber(s) ? s : JsonSerializer.Serialize(s));
    }

    private static bool IsJsonNumber(string s)
    {
        try
        {
            using var document = JsonDocument.Parse(s);
            return document.RootElement.ValueKind == JsonValueKind.Number;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
