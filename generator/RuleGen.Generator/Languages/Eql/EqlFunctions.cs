using System;
using System.Collections.Generic;
using System.Linq;

namespace RuleGen.Generator.Languages.Eql
{
    internal enum EqlFunctionKind
    {
        Between, CidrMatch, Concat, EndsWith, IndexOf, Length, StartsWith, String, StringContains, Substring, Wildcard,
        Add, Divide, Modulo, Multiply, Number, Subtract,
    }

    /// <summary>
    /// An EQL function: its name as the reference spells it, its arity (Max -1: any number), whether it takes the
    /// <c>~</c> (case-insensitive) form, and whether it is a condition (a leaf) rather than a value.
    /// </summary>
    internal sealed record EqlFunctionInfo(string Name, EqlFunctionKind Kind, int Min, int Max, bool CaseAware, bool IsPredicate)
    {
        public string ArityText => Max < 0 ? $"at least {Min}" : Min == Max ? Min.ToString() : $"{Min} to {Max}";
    }

    /// <summary>
    /// Elasticsearch's EQL function library (EqlFunctionRegistry; the EQL function reference), by name: names are
    /// case-insensitive there (FunctionRegistry.normalize lower-cases them). The case-aware ones are Elasticsearch's
    /// CaseInsensitiveScalarFunction subclasses; <c>wildcard</c> is the 7.x function (an OR of case-sensitive
    /// LIKEs, <c>wildcard~</c> ignoring case) that rules written before 7.12 still use. Endgame's array and
    /// <c>match</c> functions were never in Elasticsearch: they are unknown there, and here.
    /// </summary>
    internal static class EqlFunctions
    {
        private static readonly EqlFunctionInfo[] All =
        {
            new("between", EqlFunctionKind.Between, 3, 4, CaseAware: true, IsPredicate: false),
            new("cidrMatch", EqlFunctionKind.CidrMatch, 2, -1, CaseAware: false, IsPredicate: true),
            new("concat", EqlFunctionKind.Concat, 1, -1, CaseAware: false, IsPredicate: false),
            new("endsWith", EqlFunctionKind.EndsWith, 2, 2, CaseAware: true, IsPredicate: true),
            new("indexOf", EqlFunctionKind.IndexOf, 2, 3, CaseAware: true, IsPredicate: false),
            new("length", EqlFunctionKind.Length, 1, 1, CaseAware: false, IsPredicate: false),
            new("startsWith", EqlFunctionKind.StartsWith, 2, 2, CaseAware: true, IsPredicate: true),
            new("string", EqlFunctionKind.String, 1, 1, CaseAware: false, IsPredicate: false),
            new("stringContains", EqlFunctionKind.StringContains, 2, 2, CaseAware: true, IsPredicate: true),
            new("substring", EqlFunctionKind.Substring, 2, 3, CaseAware: false, IsPredicate: false),
            new("wildcard", EqlFunctionKind.Wildcard, 2, -1, CaseAware: true, IsPredicate: true),
            new("add", EqlFunctionKind.Add, 2, 2, CaseAware: false, IsPredicate: false),
            new("divide", EqlFunctionKind.Divide, 2, 2, CaseAware: false, IsPredicate: false),
            new("modulo", EqlFunctionKind.Modulo, 2, 2, CaseAware: false, IsPredicate: false),
            new("multiply", EqlFunctionKind.Multiply, 2, 2, CaseAware: false, IsPredicate: false),
            new("number", EqlFunctionKind.Number, 1, 2, CaseAware: false, IsPredicate: false),
            new("subtract", EqlFunctionKind.Subtract, 2, 2, CaseAware: false, IsPredicate: false),
        };

        private static readonly Dictionary<string, EqlFunctionInfo> ByName = All.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);

        public static IEnumerable<string> Names => All.Select(f => f.Name);

        public static EqlFunctionInfo? Find(string name) => ByName.TryGetValue(name, out EqlFunctionInfo? info) ? info : null;
    }
}
