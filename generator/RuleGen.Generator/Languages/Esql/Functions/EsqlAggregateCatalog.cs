using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Languages.Esql.Types;
using static RuleGen.Generator.Languages.Esql.Functions.Signatures;

namespace RuleGen.Generator.Languages.Esql.Functions
{
    /// <summary>
    /// The ES|QL aggregate functions RuleGen compiles, by name. Each line's types are the "Supported types" table of
    /// the function's page in the ES|QL aggregation reference (elastic.co/docs/reference/query-languages/esql/
    /// functions-operators/aggregation-functions/…), restricted to the types RuleGen has; the semantics of each class
    /// are in docs/esql-functions/aggregates.md. Arguments after the first are constants (the binder checks).
    /// </summary>
    internal static class EsqlAggregateCatalog
    {
        /// <summary>MIN, MAX, COUNT_DISTINCT: every type but the time spans.</summary>
        private static readonly EsqlDataType[] Ordered = Any;

        /// <summary>TOP's field: boolean, date, double, integer, ip, keyword, long (no version in its table).</summary>
        private static readonly EsqlDataType[] TopFields =
        {
            EsqlDataType.Boolean, EsqlDataType.Datetime, EsqlDataType.Double, EsqlDataType.Integer, EsqlDataType.Ip,
            EsqlDataType.Keyword, EsqlDataType.Long,
        };

        private static readonly AggregateFunction[] All =
        {
            // COUNT(*) is bound as CountRows by the binder; COUNT(x) counts the values of x.
            new("COUNT", 0, 1, Returns(EsqlDataType.Long, Any), "Count"),
            new("COUNT_DISTINCT", 1, 2, Returns(EsqlDataType.Long, Ordered, Integers), "CountDistinct"),
            new("VALUES", 1, 1, ReturnsFirst(Any), "Values"),
            new("MIN", 1, 1, ReturnsFirst(Ordered), "Min"),
            new("MAX", 1, 1, ReturnsFirst(Ordered), "Max"),
            // SUM of integer or long is long, of double double.
            new("SUM", 1, 1, SumType, "SumLong", types => types.Count > 0 && types[0] is EsqlDataType.Double or EsqlDataType.Unknown ? "SumDouble" : "SumLong"),
            new("AVG", 1, 1, Returns(EsqlDataType.Double, Numbers), "Avg"),
            new("MEDIAN", 1, 1, Returns(EsqlDataType.Double, Numbers), "Median"),
            new("MEDIAN_ABSOLUTE_DEVIATION", 1, 1, Returns(EsqlDataType.Double, Numbers), "MedianAbsoluteDeviation"),
            new("PERCENTILE", 2, 2, Returns(EsqlDataType.Double, Numbers, Numbers), "Percentile"),
            new("STD_DEV", 1, 1, Returns(EsqlDataType.Double, Numbers), "StdDev"),
            new("TOP", 2, 3, ReturnsFirst(TopFields, new[] { EsqlDataType.Integer }, Strings), "Top"),
        };

        private static readonly Dictionary<string, AggregateFunction> ByName = All.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

        public static IEnumerable<string> Names => All.Select(f => f.Name);

        public static IReadOnlyList<AggregateFunction> Functions => All;

        public static AggregateFunction? Find(string name) => ByName.TryGetValue(name, out AggregateFunction? f) ? f : null;

        // SUM(integer | long) → long, SUM(double) → double (a NULL argument sums to a NULL long).
        private static SignatureResult SumType(IReadOnlyList<EsqlDataType> types) =>
            CheckArguments(types, new[] { Numbers })
            ?? SignatureResult.Of(types.Count > 0 && types[0] == EsqlDataType.Double ? EsqlDataType.Double : EsqlDataType.Long);
    }
}
