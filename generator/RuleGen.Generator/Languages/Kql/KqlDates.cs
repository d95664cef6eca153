using System;
using System.Globalization;

namespace RuleGen.Generator.Languages.Kql
{
    /// <summary>
    /// A KQL value compared with a date field, read as Elasticsearch reads a range bound: with the field's default
    /// format <c>strict_date_optional_time||epoch_millis</c> and the time zone Kibana's detection engine sends
    /// (<c>dateFormatTZ: 'Zulu'</c>, UTC, in security_solution's get_query_filter.ts). The grammar is the one the
    /// runtime reads documents with (RuleGen.Runtime.DateValues). When <c>roundUp</c> is set, fields the value leaves
    /// out take Elasticsearch's round-up defaults (JavaDateFormatter.DEFAULT_ROUND_UP: month and day 1, hour 23,
    /// minute 59, second 59, nanoseconds 999,999,999), else their least value. Date math (<c>now</c>, <c>||</c>) depends
    /// on when the rule runs and is not compiled.
    /// </summary>
    internal static class KqlDates
    {
        public enum Outcome { Date, NotADate, DateMath }

        /// <summary>Reads <paramref name="text"/> as milliseconds since the epoch (UTC).</summary>
        public static Outcome TryParse(string text, bool roundUp, out long millis)
        {
            millis = 0;
            if (text.StartsWith("now", StringComparison.Ordinal) || text.IndexOf("||", StringComparison.Ordinal) >= 0) return Outcome.DateMath;
            if (TryIso(text, roundUp, out millis)) return Outcome.Date;
            return TryEpochMillis(text, out millis) ? Outcome.Date : Outcome.NotADate;
        }

        private static bool TryIso(string text, bool roundUp, out long millis)
        {
            millis = 0;
            int i = 0;
            if (!Digits(text, ref i, 4, out int year)) return false;
            int? month = null, day = null, hour = null, minute = null, second = null;
            long? nanos = null;
            int offset = 0;
            if (Next(text, i, '-'))
            {
                i++;
                if (!Digits(text, ref i, 2, out int m)) return false;
                month = m;
                if (Next(text, i, '-'))
                {
                    i++;
                    if (!Digits(text, ref i, 2, out int d)) return false;
                    day = d;
                    if (Next(text, i, 'T'))
                    {
                        i++;
                        if (!Digits(text, ref i, 2, out int h)) return false;
                        hour = h;
                        if (Next(text, i, ':'))
                        {
                            i++;
                            if (!Digits(text, ref i, 2, out int mi)) return false;
                            minute = mi;
                            if (Next(text, i, ':'))
                            {
                                i++;
                                if (!Digits(text, ref i, 2, out int s)) return false;
                                second = s;
                                if (Next(text, i, '.') || Next(text, i, ','))
                                {
                                    i++;
                                    long n = 0;
                                    int digits = 0;
                                    while (i < text.Length && text[i] >= '0' && text[i] <= '9' && digits < 9)
                                    {
                                        n = n * 10 + (text[i++] - '0');
                                        digits++;
                                    }
                                    if (digits == 0) return false;
                                    for (; digits < 9; digits++) n *= 10;
                                    nanos = n;
                                }
                            }
                        }
                        if (!Zone(text, ref i, out offset)) return false;
                    }
                }
            }
            if (i != text.Length) return false;

            int mo = month ?? 1, da = day ?? 1;
            int ho = hour ?? (roundUp ? 23 : 0), mn = minute ?? (roundUp ? 59 : 0), se = second ?? (roundUp ? 59 : 0);
            long na = nanos ?? (roundUp ? 999_999_999L : 0);
            if (year < 1 || mo < 1 || mo > 12 || da < 1 || da > DateTime.DaysInMonth(year, mo) || ho > 23 || mn > 59 || se > 59) return false;
            var utc = new DateTimeOffset(year, mo, da, ho, mn, se, TimeSpan.Zero);
            millis = utc.ToUnixTimeMilliseconds() + na / 1_000_000 - offset * 60_000L;
            return true;
        }

        private static bool Next(string text, int i, char c) => i < text.Length && text[i] == c;

        private static bool Zone(string text, ref int i, out int offsetMinutes)
        {
            offsetMinutes = 0;
            if (i >= text.Length) return true;
            if (text[i] == 'Z')
            {
                i++;
                return true;
            }
            if (text[i] != '+' && text[i] != '-') return false;
            int sign = text[i] == '-' ? -1 : 1;
            i++;
            if (!Digits(text, ref i, 2, out int hours)) return false;
            int minutes = 0;
            bool colon = Next(text, i, ':');
            if (colon) i++;
            if ((colon || i < text.Length) && !Digits(text, ref i, 2, out minutes)) return false;
            if (hours > 18 || minutes > 59) return false;
            offsetMinutes = sign * (hours * 60 + minutes);
            return true;
        }

        private static bool Digits(string text, ref int i, int count, out int value)
        {
            value = 0;
            if (i + count > text.Length) return false;
            for (int k = 0; k < count; k++)
            {
                char c = text[i + k];
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
            }
            i += count;
            return true;
        }

        /// <summary>epoch_millis: <c>-?digits(.digits)?</c>, the fraction (below the millisecond) cut.</summary>
        private static bool TryEpochMillis(string text, out long millis)
        {
            millis = 0;
            int dot = text.IndexOf('.');
            string whole = dot < 0 ? text : text.Substring(0, dot);
            if (dot >= 0 && (dot == text.Length - 1 || !AllDigits(text.Substring(dot + 1)))) return false;
            string digits = whole.StartsWith("-", StringComparison.Ordinal) ? whole.Substring(1) : whole;
            return digits.Length > 0 && AllDigits(digits) && long.TryParse(whole, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out millis);
        }

        private static bool AllDigits(string text)
        {
            foreach (char c in text)
            {
                if (c < '0' || c > '9') return false;
            }
            return true;
        }
    }
}
