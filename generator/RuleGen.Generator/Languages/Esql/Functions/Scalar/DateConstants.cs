using System;
using System.Collections.Generic;

namespace RuleGen.Generator.Languages.Esql.Functions.Scalar
{
    /// <summary>
    /// Build-time checks of the constant arguments of the date and multivalue functions, for the binder to report
    /// at the argument instead of a NULL at run time (Elasticsearch rejects these constants when it plans the query).
    /// The lists are the runtime's (EsqlFunctions.DateDiffUnits / DateExtractParts; a test keeps them equal).
    /// Each method returns null when the constant is fine, else the problem in words.
    /// </summary>
    internal static class DateConstants
    {
        public static readonly HashSet<string> DateDiffUnits = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "year", "years", "yyyy", "yy", "quarter", "quarters", "qq", "q", "month", "months", "mm", "m",
            "dayofyear", "dy", "y", "day", "days", "dd", "d", "week", "weeks", "wk", "ww", "weekday", "weekdays", "dw",
            "hour", "hours", "hh", "minute", "minutes", "mi", "n", "second", "seconds", "ss", "s",
            "millisecond", "milliseconds", "ms", "microsecond", "microseconds", "mcs", "nanosecond", "nanoseconds", "ns",
        };

        public static readonly HashSet<string> DateExtractParts = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "NANO_OF_SECOND", "NANO_OF_DAY", "MICRO_OF_SECOND", "MICRO_OF_DAY", "MILLI_OF_SECOND", "MILLI_OF_DAY",
            "SECOND_OF_MINUTE", "SECOND_OF_DAY", "MINUTE_OF_HOUR", "MINUTE_OF_DAY", "HOUR_OF_AMPM", "CLOCK_HOUR_OF_AMPM",
            "HOUR_OF_DAY", "CLOCK_HOUR_OF_DAY", "AMPM_OF_DAY", "DAY_OF_WEEK", "ALIGNED_DAY_OF_WEEK_IN_MONTH",
            "ALIGNED_DAY_OF_WEEK_IN_YEAR", "DAY_OF_MONTH", "DAY_OF_YEAR", "EPOCH_DAY", "ALIGNED_WEEK_OF_MONTH",
            "ALIGNED_WEEK_OF_YEAR", "MONTH_OF_YEAR", "PROLEPTIC_MONTH", "YEAR_OF_ERA", "YEAR", "ERA", "INSTANT_SECONDS",
            "OFFSET_SECONDS",
        };

        // The Java DateTimeFormatter letters the runtime's JavaDatePattern writes and reads.
        private const string PatternLetters = "GuyDMLdQqEahKkHmsSAnNVzOXxZ";

        public static string? DateDiffUnit(string unit) => DateDiffUnits.Contains(unit) ? null
            : $"[{unit}] is not a DATE_DIFF unit (year, quarter, month, dayofyear, day, week, weekday, hour, minute, second, millisecond, microsecond, nanosecond or their abbreviations)";

        public static string? DateExtractPart(string part) => DateExtractParts.Contains(part) ? null
            : $"[{part}] is not a DATE_EXTRACT part (a java.time ChronoField name such as YEAR, MONTH_OF_YEAR, DAY_OF_MONTH, HOUR_OF_DAY)";

        public static string? SortOrder(string order) =>
            string.Equals(order, "ASC", StringComparison.OrdinalIgnoreCase) || string.Equals(order, "DESC", StringComparison.OrdinalIgnoreCase)
                ? null : $"[{order}] is not a sort order: ASC or DESC";

        /// <summary>DATE_TRUNC's interval: positive, and one unit only (Elasticsearch's DateTrunc.createRounding).</summary>
        public static string? TruncInterval(long durationMs) => durationMs > 0 ? null : "a zero or negative interval is not supported";

        public static string? TruncInterval(int months, int days) =>
            months < 0 || days < 0 || months == 0 && days == 0 ? "a zero or negative interval is not supported"
            : months != 0 && days != 0 ? "an interval with multiple periods is not supported" : null;

        /// <summary>A Java date pattern RuleGen can write and read, or the first letter it cannot (or an unclosed quote).</summary>
        public static string? DatePattern(string pattern)
        {
            bool quoted = false;
            foreach (char c in pattern)
            {
                if (c == '\'') quoted = !quoted;
                else if (!quoted && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') && PatternLetters.IndexOf(c) < 0)
                    return $"the date pattern letter [{c}] is not supported by RuleGen (supported: {PatternLetters}, quoted text and [optional] sections)";
            }
            return quoted ? "the date pattern has an unclosed quote (')" : null;
        }
    }
}
