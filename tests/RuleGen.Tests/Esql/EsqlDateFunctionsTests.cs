using System;
using System.Linq;
using CsCheck;
using RuleGen.Generator.Languages.Esql.Functions.Scalar;
using RuleGen.Runtime.Pipeline;
using Xunit;
using static RuleGen.Tests.Esql.EsqlValueNotation;

namespace RuleGen.Tests.Esql;

/// <summary>The date/time family beyond the semantics table: date arithmetic, properties, and the constant checks.</summary>
public class EsqlDateFunctionsTests
{
    private static EsqlValue At(string iso) => Parse("dt:" + iso);

    // Dates from 0001 to 9999 in milliseconds: the range RuleGen computes on.
    private static readonly Gen<long> Dates = Gen.Long[-62_135_596_800_000L, 253_402_300_799_999L];

    [Theory]
    [InlineData("2024-01-31T10:00:00Z", "p:1/0", false, "2024-02-29T10:00:00Z")]   // month end clamps (java.time plusMonths)
    [InlineData("2024-03-31T00:00:00Z", "p:1/0", true, "2024-02-29T00:00:00Z")]
    [InlineData("2024-02-29T00:00:00Z", "p:12/0", false, "2025-02-28T00:00:00Z")]  // 1 year from a leap day
    [InlineData("2024-01-31T00:00:00Z", "p:1/1", false, "2024-03-01T00:00:00Z")]   // months first, then days (Period.addTo)
    [InlineData("2024-05-06T07:08:09.010Z", "ms:3600000", true, "2024-05-06T06:08:09.010Z")]
    [InlineData("2024-05-06T07:08:09.010Z", "p:0/7", false, "2024-05-13T07:08:09.010Z")]
    public void AddSpan_is_calendar_correct_in_utc(string date, string span, bool subtract, string expected) =>
        Assert.Equal(At(expected), EsqlFunctions.AddSpan(At(date), Parse(span), subtract));

    [Fact]
    public void AddSpan_overflow_and_out_of_range_are_null()
    {
        Assert.True(EsqlFunctions.AddSpan(EsqlValue.Datetime(long.MaxValue - 1), EsqlValue.TimeDuration(10), false).IsNull);
        Assert.True(EsqlFunctions.AddSpan(At("9999-06-01T00:00:00Z"), Parse("p:12/0"), false).IsNull);
        Assert.True(EsqlFunctions.AddSpan(At("2024-01-01T00:00:00Z"), EsqlValue.DatePeriod(int.MaxValue, 0), false).IsNull);
        Assert.True(EsqlFunctions.AddSpan(Parse("dt:2024-01-01T00:00:00Z|2024-01-02T00:00:00Z"), Parse("ms:1"), false).IsNull);
        Assert.True(EsqlFunctions.AddSpan(EsqlValue.Null, Parse("ms:1"), false).IsNull);
    }

    [Fact]
    public void Now_without_a_tick_is_null() => Assert.True(EsqlFunctions.Now(new EsqlContext()).IsNull);

    [Fact]
    public void Default_format_and_default_parse_round_trip() =>
        Dates.Sample(ms =>
        {
            EsqlValue text = EsqlFunctions.DateFormat(EsqlValue.Datetime(ms));
            return EsqlFunctions.DateParse(text) == EsqlValue.Datetime(ms);
        });

    [Fact]
    public void A_pattern_formats_and_parses_back() =>
        Dates.Sample(ms =>
        {
            EsqlValue pattern = EsqlValue.Keyword("dd MMMM yyyy, EEE HH:mm:ss.SSS");
            return EsqlFunctions.DateParse(pattern, EsqlFunctions.DateFormat(pattern, EsqlValue.Datetime(ms))) == EsqlValue.Datetime(ms);
        });

    [Fact]
    public void Trunc_by_a_duration_rounds_down_to_a_multiple_from_the_epoch() =>
        Gen.Select(Dates, Gen.Long[1, 400L * 86_400_000L]).Sample((ms, step) =>
        {
            long t = EsqlFunctions.DateTrunc(EsqlValue.TimeDuration(step), EsqlValue.Datetime(ms)).AsLong;
            return t <= ms && ms - t < step && t % step == 0;
        });

    [Fact]
    public void Trunc_to_a_month_is_the_first_of_that_month_and_idempotent() =>
        Dates.Sample(ms =>
        {
            EsqlValue month = EsqlValue.DatePeriod(1, 0);
            EsqlValue t = EsqlFunctions.DateTrunc(month, EsqlValue.Datetime(ms));
            DateTime d = DateTime.UnixEpoch.AddMilliseconds(ms), r = DateTime.UnixEpoch.AddMilliseconds(t.AsLong);
            return r == new DateTime(d.Year, d.Month, 1, 0, 0, 0, DateTimeKind.Utc) && EsqlFunctions.DateTrunc(month, t) == t;
        });

    [Fact]
    public void Diff_in_days_is_the_exact_difference_truncated_toward_zero() =>
        Gen.Select(Dates, Dates).Sample((a, b) =>
        {
            long days = (b - a) / 86_400_000L;
            return EsqlFunctions.DateDiff(EsqlValue.Keyword("days"), EsqlValue.Datetime(a), EsqlValue.Datetime(b)) == EsqlValue.Integer((int)days);
        });

    [Fact]
    public void Diff_in_months_is_antisymmetric_up_to_the_day_rule() =>
        Gen.Select(Dates, Dates).Sample((a, b) =>
        {
            EsqlValue forward = EsqlFunctions.DateDiff(EsqlValue.Keyword("month"), EsqlValue.Datetime(a), EsqlValue.Datetime(b));
            EsqlValue back = EsqlFunctions.DateDiff(EsqlValue.Keyword("month"), EsqlValue.Datetime(b), EsqlValue.Datetime(a));
            return Math.Abs(forward.AsLong + back.AsLong) <= 1 && Math.Sign(forward.AsLong) != Math.Sign(back.AsLong) | forward.AsLong == 0;
        });

    [Fact]
    public void The_generator_checks_constants_against_the_runtime_lists()
    {
        Assert.Equal(EsqlFunctions.DateDiffUnits.OrderBy(u => u), DateConstants.DateDiffUnits.OrderBy(u => u));
        Assert.Equal(EsqlFunctions.DateExtractParts.OrderBy(u => u), DateConstants.DateExtractParts.OrderBy(u => u));
        Assert.Null(DateConstants.DateDiffUnit("MCS"));
        Assert.Contains("fortnight", DateConstants.DateDiffUnit("fortnight"));
        Assert.Null(DateConstants.DateExtractPart("day_of_week"));
        Assert.NotNull(DateConstants.DateExtractPart("weekday"));
        Assert.Null(DateConstants.SortOrder("desc"));
        Assert.NotNull(DateConstants.SortOrder("up"));
        Assert.NotNull(DateConstants.TruncInterval(0));
        Assert.NotNull(DateConstants.TruncInterval(1, 1));
        Assert.Null(DateConstants.TruncInterval(0, 7));
    }

    [Theory]
    [InlineData("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", null)]
    [InlineData("yyyy年MM月dd日 '[quoted Y]'", null)]
    [InlineData("YYYY-ww", 'Y')]
    [InlineData("yyyy-MM-dd 'T", '\'')]
    public void Untranslatable_pattern_letters_are_reported(string pattern, char? letter)
    {
        string? problem = DateConstants.DatePattern(pattern);
        Assert.Equal(letter is null, problem is null);
        if (letter is char c) Assert.Contains(c == '\'' ? "quote" : $"[{c}]", problem);
        Assert.Equal(letter is null, EsqlFunctions.DateFormat(EsqlValue.Keyword(pattern), At("2024-01-01T00:00:00Z")).IsSingle);
    }
}
