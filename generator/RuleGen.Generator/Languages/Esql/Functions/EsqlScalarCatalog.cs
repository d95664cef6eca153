using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Languages.Esql.Types;
using static RuleGen.Generator.Languages.Esql.Functions.Signatures;

namespace RuleGen.Generator.Languages.Esql.Functions
{
    /// <summary>
    /// The ES|QL scalar functions RuleGen compiles, by name (case-insensitive, as ES|QL's are), each with its types and
    /// its runtime method. The ES|QL function reference decides each signature (docs/esql-functions.md lists them).
    /// </summary>
    internal static class EsqlScalarCatalog
    {
        // One list per family, each in its own file (Scalar/StringFunctions.cs, …), so the families grow apart.
        private static readonly ScalarFunction[] All = Scalar.StringFunctions.All
            .Concat(Scalar.ConditionalFunctions.All)
            .Concat(Scalar.DateFunctions.All)
            .Concat(Scalar.MathFunctions.All)
            .Concat(Scalar.MultivalueFunctions.All)
            .Concat(Scalar.ConversionFunctions.All)
            .Concat(Scalar.IpFunctions.All)
            .Concat(Scalar.EncodingFunctions.All)
            .ToArray();

        private static readonly Dictionary<string, ScalarFunction> ByName = All.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

        public static IEnumerable<string> Names => All.Select(f => f.Name);

        public static ScalarFunction? Find(string name) => ByName.TryGetValue(name, out ScalarFunction? f) ? f : null;
    }
}
