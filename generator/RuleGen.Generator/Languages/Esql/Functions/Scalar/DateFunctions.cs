using System.Collections.Generic;
using RuleGen.Generator.Languages.Esql.Types;
using static RuleGen.Generator.Languages.Esql.Functions.Signatures;

namespace RuleGen.Generator.Languages.Esql.Functions.Scalar
{
    /// <summary>
    /// ES|QL's date and time functions (reference: functions-operators/date-time-functions; the signatures are
    /// Elasticsearch's kibana/definition/functions/*.json without date_nanos, which RuleGen reads as datetime).
    /// DATE_TRUNC's interval must be a constant (Elasticsearch's DateTrunc.toEvaluator refuses another). Constant
    /// units, parts, orders and patterns are checked by <see cref="DateConstants"/>.
    /// </summary>
    internal static class DateFunctions
    {
        private static readonly EsqlDataType[] Spans = { EsqlDataType.TimeDuration, EsqlDataType.DatePeriod };

        public static readonly ScalarFunction[] All =
        {
            new("NOW", 0, 0, Returns(EsqlDataType.Datetime), "EsqlFunctions.Now", UsesNow: true),
            new("DATE_TRUNC", 2, 2, Returns(EsqlDataType.Datetime, Spans, Dates), "EsqlFunctions.DateTrunc", Constants: new[] { 0 }),
            new("DATE_EXTRACT", 2, 2, Returns(EsqlDataType.Long, Strings, Dates), "EsqlFunctions.DateExtract"),
            new("DATE_DIFF", 3, 3, Returns(EsqlDataType.Integer, Strings, Dates, Dates), "EsqlFunctions.DateDiff"),
            // DATE_FORMAT([format,] date) and DATE_PARSE([format,] text): the optional argument comes first, so the
            // types are checked by count. Elasticsearch accepts a computed format too, so no position is forced constant.
            new("DATE_FORMAT", 1, 2, OptionalFirst(EsqlDataType.Keyword, Strings, Dates), "EsqlFunctions.DateFormat"),
            new("DATE_PARSE", 1, 2, OptionalFirst(EsqlDataType.Datetime, Strings, Strings), "EsqlFunctions.DateParse"),
            new("DAY_NAME", 1, 1, Returns(EsqlDataType.Keyword, Dates), "EsqlFunctions.DayName"),
            new("MONTH_NAME", 1, 1, Returns(EsqlDataType.Keyword, Dates), "EsqlFunctions.MonthName"),
        };

        /// <summary>A function whose first of two arguments may be left out: one argument is checked against the last type.</summary>
        private static System.Func<IReadOnlyList<EsqlDataType>, SignatureResult> OptionalFirst(EsqlDataType result, EsqlDataType[] first, EsqlDataType[] second) =>
            types => (types.Count == 1 ? CheckArguments(types, new[] { second }) : CheckArguments(types, new[] { first, second })) ?? SignatureResult.Of(result);
    }
}
