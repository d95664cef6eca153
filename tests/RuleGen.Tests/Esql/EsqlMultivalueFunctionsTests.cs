using System;
using System.Linq;
using System.Reflection;
using CsCheck;
using RuleGen.Generator.Languages.Esql.Functions;
using RuleGen.Generator.Languages.Esql.Functions.Scalar;
using RuleGen.Generator.Languages.Esql.Types;
using RuleGen.Runtime.Pipeline;
using Xunit;

namespace RuleGen.Tests.Esql;

/// <summary>Properties of the multivalue family, and the catalogue entries of all three part-B families.</summary>
public class EsqlMultivalueFunctionsTests
{
    private static readonly Gen<EsqlValue> Ints = Gen.Int[-50, 50].Array[1, 12].Select(a => EsqlValue.Multi(EsqlType.Integer, a.Select(EsqlValue.Integer)));

    private static readonly Gen<EsqlValue> Words = Gen.Int[0, 5].Select(i => new[] { "a", "ab", "é", "😀", "Z", "" }[i]).Array[1, 8].Select(a => EsqlValue.Multi(EsqlType.Keyword, a.Select(EsqlValue.Keyword)));

    [Fact]
    public void Sort_orders_a_permutation_in_es_order() =>
        Gen.OneOf(Ints, Words).Sample(v =>
        {
            EsqlValue sorted = EsqlFunctions.MvSort(v);
            var values = sorted.Values.ToArray();
            bool ordered = values.Zip(values.Skip(1), (a, b) => EsqlValue.CompareSingles(a, b) <= 0).All(x => x);
            return ordered && sorted.Count == v.Count && values.OrderBy(x => x.ToString()).SequenceEqual(v.Values.ToArray().OrderBy(x => x.ToString()));
        });

    [Fact]
    public void Dedupe_keeps_each_value_once_in_first_order() =>
        Gen.OneOf(Ints, Words).Sample(v =>
        {
            var kept = EsqlFunctions.MvDedupe(v).Values.ToArray();
            return kept.SequenceEqual(v.Values.ToArray().Distinct());
        });

    [Fact]
    public void Slice_of_everything_is_the_whole_and_append_counts_add_up() =>
        Gen.Select(Ints, Ints).Sample((a, b) =>
            EsqlFunctions.MvSlice(a, EsqlValue.Integer(0), EsqlValue.Integer(-1)) == a
            && EsqlFunctions.MvCount(EsqlFunctions.MvAppend(a, b)).AsLong == a.Count + b.Count
            && EsqlFunctions.MvContains(EsqlFunctions.MvAppend(a, b), b).AsBoolean
            && EsqlFunctions.MvFirst(EsqlFunctions.MvSort(a)) == EsqlFunctions.MvMin(a));

    [Fact]
    public void Median_of_two_longs_near_the_limit_does_not_overflow()
    {
        EsqlValue v = EsqlValue.Multi(EsqlType.Long, new[] { EsqlValue.Long(long.MaxValue), EsqlValue.Long(long.MaxValue - 1) });
        Assert.Equal(EsqlValue.Long(long.MaxValue - 1), EsqlFunctions.MvMedian(v));
    }

    private static readonly ScalarFunction[] PartB = DateFunctions.All.Concat(MathFunctions.All).Concat(MultivalueFunctions.All).ToArray();

    [Fact]
    public void Every_entry_is_found_by_name_and_has_a_runtime_method_for_each_arity()
    {
        foreach (ScalarFunction f in PartB)
        {
            Assert.Same(f, EsqlScalarCatalog.Find(f.Name.ToLowerInvariant()));
            string name = f.Method.Substring("EsqlFunctions.".Length);
            for (int n = f.Min; n <= f.Max; n++)
            {
                int parameters = n + (f.UsesNow ? 1 : 0);
                MethodInfo? m = typeof(EsqlFunctions).GetMethods().SingleOrDefault(x => x.Name == name && x.GetParameters().Length == parameters);
                Assert.True(m is not null && m.ReturnType == typeof(EsqlValue), $"{f.Name}: EsqlFunctions.{name} with {parameters} parameters");
                if (f.UsesNow) Assert.Equal(typeof(EsqlContext), m!.GetParameters()[0].ParameterType);
            }
        }
    }

    [Fact]
    public void Constant_positions_and_now()
    {
        Assert.Equal(new[] { 0 }, EsqlScalarCatalog.Find("DATE_TRUNC")!.Constants);
        Assert.Equal(new[] { 1 }, EsqlScalarCatalog.Find("MV_SORT")!.Constants);
        Assert.True(EsqlScalarCatalog.Find("NOW")!.UsesNow);
        Assert.Null(EsqlScalarCatalog.Find("MV_JOIN")); // ES has no MV_JOIN: MV_CONCAT joins
    }

    [Fact]
    public void Result_types_follow_the_reference()
    {
        EsqlDataType Type(string f, params EsqlDataType[] args) => EsqlScalarCatalog.Find(f)!.Check(args).Type;
        Assert.Equal(EsqlDataType.Integer, Type("ROUND", EsqlDataType.Integer, EsqlDataType.Integer));
        Assert.Equal(EsqlDataType.Long, Type("ROUND", EsqlDataType.Long));
        Assert.Equal(EsqlDataType.Double, Type("SIGNUM", EsqlDataType.Integer));
        Assert.Equal(EsqlDataType.Double, Type("POW", EsqlDataType.Integer, EsqlDataType.Integer));
        Assert.Equal(EsqlDataType.Long, Type("MV_SUM", EsqlDataType.Long));
        Assert.Equal(EsqlDataType.Double, Type("MV_AVG", EsqlDataType.Integer));
        Assert.Equal(EsqlDataType.Long, Type("DATE_EXTRACT", EsqlDataType.Keyword, EsqlDataType.Datetime));
        Assert.Equal(EsqlDataType.Integer, Type("DATE_DIFF", EsqlDataType.Keyword, EsqlDataType.Datetime, EsqlDataType.Datetime));
        Assert.Equal(EsqlDataType.Datetime, Type("DATE_TRUNC", EsqlDataType.DatePeriod, EsqlDataType.Datetime));
        Assert.Equal(EsqlDataType.Ip, Type("MV_APPEND", EsqlDataType.Ip, EsqlDataType.Null));
        Assert.True(EsqlScalarCatalog.Find("MV_APPEND")!.Check(new[] { EsqlDataType.Integer, EsqlDataType.Long }).IsError);
    }
}
