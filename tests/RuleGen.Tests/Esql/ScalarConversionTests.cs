using System;
using System.Globalization;
using CsCheck;
using RuleGen.Runtime.Pipeline;
using Xunit;

namespace RuleGen.Tests.Esql;

/// <summary>Properties of the conversions beyond the semantics table: Java's double text, strict_date_optional_time, Math.round.</summary>
public class ScalarConversionTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.000999, "9.99E-4")]
    [InlineData(9999999.0, "9999999.0")]
    [InlineData(12345678.9, "1.23456789E7")]
    [InlineData(1e21, "1.0E21")]
    [InlineData(-1.5e-10, "-1.5E-10")]
    [InlineData(100.0, "100.0")]
    [InlineData(0.1, "0.1")]
    public void Doubles_are_written_as_Java_writes_them(double value, string expected) =>
        Assert.Equal(expected, JavaDouble.ToString(value));

    [Fact]
    public void Java_double_text_reads_back_as_the_same_double() =>
        Gen.Double.Where(d => double.IsFinite(d)).Sample(d =>
        {
            string text = JavaDouble.ToString(d);
            return double.Parse(text, CultureInfo.InvariantCulture) == d && (text.Contains('.'));
        });

    [Fact]
    public void To_string_then_to_double_is_the_identity() =>
        Gen.Double.Where(d => double.IsFinite(d)).Sample(d =>
            EsqlFunctions.ToDouble(EsqlFunctions.ToString(EsqlValue.Double(d))).AsDouble == d);

    [Fact]
    public void A_datetime_written_by_to_string_reads_back_with_to_datetime() =>
        Gen.Long[-62_135_596_800_000L, 253_402_300_799_999L].Sample(ms =>
            EsqlFunctions.ToDatetime(EsqlFunctions.ToString(EsqlValue.Datetime(ms))).AsLong == ms);

    [Theory]
    [InlineData("2024", "2024-01-01T00:00:00.000Z")]
    [InlineData("2024-02", "2024-02-01T00:00:00.000Z")]
    [InlineData("2024-02-29T23", "2024-02-29T23:00:00.000Z")]
    [InlineData("2024-02-29T23:59", "2024-02-29T23:59:00.000Z")]
    [InlineData("2024-01-01T00:00:00.5-0130", "2024-01-01T01:30:00.500Z")]
    [InlineData("2024-01-01T00:00:00,25Z", "2024-01-01T00:00:00.250Z")]
    public void Strict_date_optional_time_forms_parse(string text, string iso) =>
        Assert.Equal(iso, EsqlFunctions.ToString(EsqlFunctions.ToDatetime(EsqlValue.Keyword(text))).AsString);

    [Theory]
    [InlineData("24-01-01")]
    [InlineData("2023-02-29")]
    [InlineData("2024-1-01")]
    [InlineData("2024-01-01T24:00")]
    [InlineData("2024-01-01T00:00:00.")]
    [InlineData("2024-01-01Z")]
    [InlineData("2024-01-01T00:00:00 ")]
    public void Strict_date_optional_time_rejects(string text) =>
        Assert.True(EsqlFunctions.ToDatetime(EsqlValue.Keyword(text)).IsNull);

    [Theory]
    [InlineData(0.49999999999999994, 0)]
    [InlineData(-0.5, 0)]
    [InlineData(-1.5, -1)]
    [InlineData(2.5, 3)]
    [InlineData(4503599627370497.0, 4503599627370497)]
    public void Rounding_is_Javas_Math_round(double x, long expected) =>
        Assert.Equal(expected, EsqlFunctions.JavaRound(x));

    [Fact]
    public void Long_range_edges()
    {
        Assert.Equal(long.MinValue, EsqlFunctions.ToLong(EsqlValue.Keyword("-9223372036854775808")).AsLong);
        Assert.True(EsqlFunctions.ToLong(EsqlValue.Keyword("9223372036854775808")).AsLong == long.MaxValue, "parsed as a double, 2^63 rounds to Long.MAX_VALUE");
        Assert.True(EsqlFunctions.ToInteger(EsqlValue.Keyword("2147483648")).IsNull);
        Assert.Equal(int.MinValue, EsqlFunctions.ToInteger(EsqlValue.Long(int.MinValue)).AsLong);
    }
}
