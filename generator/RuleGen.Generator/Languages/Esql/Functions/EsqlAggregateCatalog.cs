using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Languages.Esql.Types;
using static RuleGen.Generator.Languages.Esql.Functions.Signatures;

namespace RuleGen.Generator.Languages.Esql.Functions
{
    /// <summary>The ES|QL aggregate functions RuleGen compiles, by name (the ES|QL aggregation reference decides each).</summary>
    internal static class EsqlAggregateCatalog
    {
        private static readonly AggregateFunction[] All =
        {
            // COUNT(*) is bound as CountRows by the binder; COUNT(x) counts the values of x.
            new("COUNT", 0, 1, Returns(EsqlDataType.Long, Any), "Count"),
        };

        private static readonly Dictionary<string, AggregateFunction> ByName = All.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

        public static IEnumerable<string> Names => All.Select(f => f.Name);

        public static AggregateFunction? Find(string name) => ByName.TryGetValue(name, out AggregateFunction? f) ? f : null;
    }
}
