using System;
using System.Globalization;
using System.Text;
using CsCheck;
using RuleGen.Generator.Languages.Kql;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests.Kql;

/// <summary>
/// The value conversions KQL leaves rely on: dates as Elasticsearch reads range bounds (rounding included) and
/// documents, IPs as InetAddresses reads them, numbers, wildcard patterns, and the runtime's ignore_above.
/// </summary>
public class KqlValueTests
{
    private static long Millis(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUnixTimeMilliseconds();

    [Theory]
    // value, rounded down (gte, lt), rounded up (gt, lte): JavaDateFormatter.DEFAULT_ROUND_UP defaults month and
    // day to 1 and the time to 23:59:59.999999999.
    [InlineData("2024-12-02", "2024-12-02T00:00:00.000Z", "2024-12-02T23:59:59.999Z")]
    [InlineData("2024-12", "2024-12-01T00:00:00.000Z", "2024-12-01T23:59:59.999Z")]
    [InlineData("2024", "2024-01-01T00:00:00.000Z", "2024-01-01T23:59:59.999Z")]
    [InlineData("2024-12-02T10", "2024-12-02T10:00:00.000Z", "2024-12-02T10:59:59.999Z")]
    [InlineData("2024-12-02T10:05", "2024-12-02T10:05:00.000Z", "2024-12-02T10:05:59.999Z")]
    [InlineData("2024-12-02T10:05:07", "2024-12-02T10:05:07.000Z", "2024-12-02T10:05:07.999Z")]
    [InlineData("2024-12-02T10:05:07.5", "2024-12-02T10:05:07.500Z", "2024-12-02T10:05:07.500Z")]
    [InlineData("2024-12-02T10:05:07.123456789Z", "2024-12-02T10:05:07.123Z", "2024-12-02T10:05:07.123Z")]
    [InlineData("2024-12-02T10:05+02:00", "2024-12-02T08:05:00.000Z", "2024-12-02T08:05:59.999Z")]
    [InlineData("2024-12-02T10-0130", "2024-12-02T11:30:00.000Z", "2024-12-02T12:29:59.999Z")]
    [InlineData("1733097600000", "2024-12-02T00:00:00.000Z", "2024-12-02T00:00:00.000Z")]
    public void DateBoundsRoundAsElasticsearchRoundsThem(string value, string down, string up)
    {
        Assert.Equal(KqlDates.Outcome.Date, KqlDates.TryParse(value, roundUp: false, out long low));
        Assert.Equal(KqlDates.Outcome.Date, KqlDates.TryParse(value, roundUp: true, out long high));
        Assert.Equal((Millis(down), Millis(up)), (low, high));
    }

    [Theory]
    [InlineData("now", true)]
    [InlineData("now-1d/d", true)]
    [InlineData("2024-12-02||+1d", true)]
    [InlineData("24-12-02", false)]
    [InlineData("2024-13-01", false)]
    [InlineData("2024-12-02 10:00", false)]
    [InlineData("2024-12-02Z", false)]
    [InlineData("2024-12-02T25", false)]
    public void OtherDateValuesAreDateMathOrNoDate(string value, bool dateMath) =>
        Assert.Equal(dateMath ? KqlDates.Outcome.DateMath : KqlDates.Outcome.NotADate, KqlDates.TryParse(value, roundUp: false, out _));

    [Fact]
    public void TheRuntimeReadsDocumentDatesAsTheGeneratorReadsLowerBounds()
    {
        // One grammar on both sides: any ISO-8601 instant written at any precision and offset reads the same.
        Gen.Select(Gen.Long[-62135596800000L / 1000, 253402300799000L / 1000], Gen.Int[0, 999], Gen.Int[-14 * 60, 14 * 60], Gen.Int[0, 3])
            .Sample((seconds, ms, offset, precision) =>
            {
                var instant = DateTimeOffset.FromUnixTimeSeconds(seconds).AddMilliseconds(ms).ToOffset(TimeSpan.FromMinutes(offset / 15 * 15));
                if (instant.Year < 1 || instant.Year > 9999) return true;
                string format = precision switch { 0 => "yyyy-MM-dd'T'HH:mm:ss.fff", 1 => "yyyy-MM-dd'T'HH:mm:ss.fffffff", 2 => "yyyy-MM-dd'T'HH:mm:ss", _ => "yyyy-MM-dd'T'HH:mm" };
                string text = instant.ToString(format, CultureInfo.InvariantCulture) + (offset == 0 ? "Z" : instant.ToString("zzz", CultureInfo.InvariantCulture));
                bool generator = KqlDates.TryParse(text, roundUp: false, out long fromGenerator) == KqlDates.Outcome.Date;
                bool runtime = DateValues.TryParseMillis(Encoding.UTF8.GetBytes(text), out long fromRuntime);
                return generator && runtime && fromGenerator == fromRuntime;
            });
    }

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.1/32")]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("::1", "::1/128")]
    [InlineData("0:0:0:0:0:0:0:1", "::1/128")]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1/32")]
    [InlineData("::ffff:10.0.0.0/104", "10.0.0.0/8")]
    [InlineData("010.0.0.1", null)]
    [InlineData("10.0.0", null)]
    [InlineData("10.0.0.256", null)]
    [InlineData("10.0.0.0/33", null)]
    [InlineData("fe80::1%eth0", null)]
    [InlineData("host.example", null)]
    public void IpValuesAreBlocksOrInvalid(string value, string? block) => Assert.Equal(block, KqlIps.Block(value));

    [Theory]
    [InlineData("22", true)]
    [InlineData("-1.5e3", true)]
    [InlineData(".5", true)]
    [InlineData("0x10", false)]
    [InlineData("Infinity", false)]
    [InlineData("1f", false)]
    [InlineData(" 22", false)]
    public void NumbersAreThePlainDecimalForms(string value, bool number) => Assert.Equal(number, KqlNumbers.TryParse(value, out _));

    [Theory]
    [InlineData("a*b", new[] { 1 }, "a*b")]
    [InlineData("a*b", new int[0], "a\\*b")]
    [InlineData("a?b\\c*", new[] { 5 }, "a\\?b\\\\c*")]
    public void APatternEscapesEverythingButItsWildcards(string value, int[] stars, string pattern) =>
        Assert.Equal(pattern, KqlLeaves.Pattern(new KqlLiteral(value, value, quoted: false, stars, 0, value.Length)));

    [Fact]
    public void AnEscapedPatternMatchesOnlyItsOwnText()
    {
        // With no wildcard, the canonical pattern of any text matches that text and nothing else.
        Gen<string> text = Gen.String[Gen.Char["ab*?\\é"], 0, 8];
        Gen.Select(text, text)
            .Sample((text, other) =>
            {
                var pattern = new WildcardPattern(KqlLeaves.Pattern(new KqlLiteral(text, text, quoted: true, null, 0, text.Length)));
                return pattern.IsMatch(Encoding.UTF8.GetBytes(text)) && (other == text || !pattern.IsMatch(Encoding.UTF8.GetBytes(other)));
            });
    }

    [Theory]
    [InlineData("abc", 3)]
    [InlineData("é", 1)]
    [InlineData("日本", 2)]
    [InlineData("😀", 2)]
    public void IgnoreAboveCountsUtf16Units(string text, int length) => Assert.Equal(length, Functions.Utf16Length(Encoding.UTF8.GetBytes(text)));
}
