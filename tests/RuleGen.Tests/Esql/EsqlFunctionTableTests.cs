using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using RuleGen.Generator.Languages.Esql.Functions;
using RuleGen.Generator.Languages.Esql.Functions.Scalar;
using RuleGen.Generator.Languages.Esql.Types;
using RuleGen.Runtime.Pipeline;
using Xunit;

namespace RuleGen.Tests.Esql;

/// <summary>
/// The semantics tables of the date/time, math and multivalue functions (docs/esql-functions/*.tsv): every row is
/// one call, typed by the generator's catalogue (an <c>error</c> row must be refused there) and evaluated by the
/// runtime method the catalogue names, whose result must be the row's, type included.
/// </summary>
public class EsqlFunctionTableTests
{
    private static readonly string[] Tables = { "dates.tsv", "math.tsv", "multivalue.tsv" };

    // NOW() in the tables: 2024-05-06T07:08:09.010Z.
    internal const long TableNow = 1_714_979_289_010L;

    public static IEnumerable<object[]> Rows() =>
        from table in Tables
        from line in File.ReadAllLines(Repository.Path("docs", "esql-functions", table)).Skip(1)
        where line.Length > 0 && !line.StartsWith('#')
        select new object[] { table, line };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Row_matches_the_catalogue_and_the_runtime(string table, string line)
    {
        string[] cells = line.Split('\t');
        Assert.True(cells.Length == 5, $"{table}: 5 tab-separated cells expected in [{line}]");
        string name = cells[0], arguments = cells[2], expected = cells[3];
        ScalarFunction? function = EsqlScalarCatalog.Find(name);
        Assert.True(function is not null, $"{name} is not in the catalogue");
        EsqlValue[] args = arguments == "-" ? Array.Empty<EsqlValue>() : arguments.Split(" ; ").Select(EsqlValueNotation.Parse).ToArray();
        Assert.InRange(args.Length, function!.Min, function.Max < 0 ? int.MaxValue : function.Max);

        SignatureResult typed = function.Check(args.Select(TypeOf).ToList());
        if (expected == "error")
        {
            Assert.True(typed.IsError, $"{name}({arguments}) should not type, typed as {typed.Type}");
            return;
        }
        Assert.False(typed.IsError, $"{name}({arguments}): {typed.Problem}");

        EsqlValue want = EsqlValueNotation.Parse(expected);
        if (!want.IsNull) Assert.Equal(typed.Type, TypeOf(want));
        EsqlValue got = Invoke(function, args);
        Assert.True(EsqlValueNotation.SameValue(want, got), $"{name}({arguments}): expected {EsqlValueNotation.Show(want)}, got {EsqlValueNotation.Show(got)}");
    }

    [Fact]
    public void Every_function_of_the_three_families_has_rows_for_null_single_multivalued_and_wrong_types()
    {
        var cases = Rows().Select(r => ((string)r[1]).Split('\t')).GroupBy(c => c[0].ToUpperInvariant()).ToDictionary(g => g.Key, g => g.Select(c => c[1]).ToHashSet());
        var names = DateFunctions.All.Concat(MathFunctions.All).Concat(MultivalueFunctions.All);
        foreach (ScalarFunction f in names)
        {
            Assert.True(cases.ContainsKey(f.Name), $"{f.Name} has no row");
            var want = f.Min == 0 ? new[] { "single" } : new[] { "null", "single", "multivalued", "wrong-typed" };
            foreach (string c in want) Assert.True(cases[f.Name].Contains(c), $"{f.Name} has no [{c}] row");
        }
    }

    internal static EsqlDataType TypeOf(EsqlValue v) => v.IsNull ? EsqlDataType.Null : Enum.Parse<EsqlDataType>(v.Type.ToString());

    internal static EsqlValue Invoke(ScalarFunction function, EsqlValue[] args)
    {
        string method = function.Method.Substring("EsqlFunctions.".Length);
        object[] call = function.UsesNow ? new object[] { new EsqlContext(TableNow) }.Concat(args.Cast<object>()).ToArray() : args.Cast<object>().ToArray();
        MethodInfo? m = typeof(EsqlFunctions).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .SingleOrDefault(x => x.Name == method && x.GetParameters().Length == call.Length);
        Assert.True(m is not null, $"EsqlFunctions.{method} with {call.Length} parameters not found");
        return (EsqlValue)m!.Invoke(null, call)!;
    }
}
