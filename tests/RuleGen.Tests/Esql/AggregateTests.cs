using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using CsCheck;
using RuleGen.Generator.Languages.Esql.Functions;
using RuleGen.Generator.Languages.Esql.Types;
using RuleGen.Runtime.Pipeline;
using RuleGen.Runtime.Pipeline.Aggregates;
using Xunit;

namespace RuleGen.Tests.Esql;

/// <summary>
/// The ES|QL aggregates: the generator catalogue against the runtime classes it names, each aggregate's edge cases,
/// and the semantics table docs/esql-functions/aggregates.tsv (docs/esql-functions/aggregates.md) row by row.
/// </summary>
public class AggregateTests
{
    private static readonly string TablePath = Repository.Path("docs", "esql-functions", "aggregates.tsv");

    // ----- catalogue ↔ runtime -----

    public static IEnumerable<object[]> CatalogueNames() => EsqlAggregateCatalog.Names.Select(n => new object[] { n });

    /// <summary>Every class the catalogue can name exists, is an EsqlAggregator, and takes the constants it will be given.</summary>
    [Theory]
    [MemberData(nameof(CatalogueNames))]
    public void EveryCatalogueEntryNamesARuntimeClassWithAConstructorPerArity(string name)
    {
        AggregateFunction f = EsqlAggregateCatalog.Find(name)!;
        var classes = new HashSet<string> { f.Class };
        foreach (EsqlDataType t in Signatures.Any) classes.Add(f.ClassOf(new[] { t }));
        foreach (string cls in classes)
        {
            Type? type = RuntimeClass(cls);
            Assert.True(type is not null, $"{name}: no class RuleGen.Runtime.Pipeline.Aggregates.{cls}");
            Assert.True(typeof(EsqlAggregator).IsAssignableFrom(type), $"{cls} is not an EsqlAggregator");
            for (int arity = Math.Max(1, f.Min); arity <= f.Max; arity++)
            {
                Type[] parameters = Enumerable.Repeat(typeof(EsqlValue), arity - 1).ToArray();
                Assert.True(type!.GetConstructor(parameters) is not null, $"{cls} has no constructor for {arity - 1} constant(s)");
            }
        }
    }

    [Fact]
    public void TheCatalogueHoldsTheAggregatesOfTheReference()
    {
        string[] expected =
        {
            "AVG", "COUNT", "COUNT_DISTINCT", "MAX", "MEDIAN", "MEDIAN_ABSOLUTE_DEVIATION", "MIN", "PERCENTILE", "STD_DEV",
            "SUM", "TOP", "VALUES",
        };
        Assert.Equal(expected, EsqlAggregateCatalog.Names.OrderBy(n => n, StringComparer.Ordinal));
        Assert.Same(EsqlAggregateCatalog.Find("SUM"), EsqlAggregateCatalog.Find("sum"));
    }

    [Fact]
    public void SumPicksItsClassAndTypeByArgumentType()
    {
        AggregateFunction sum = EsqlAggregateCatalog.Find("SUM")!;
        Assert.Equal("SumLong", sum.ClassOf(new[] { EsqlDataType.Integer }));
        Assert.Equal("SumLong", sum.ClassOf(new[] { EsqlDataType.Long }));
        Assert.Equal("SumDouble", sum.ClassOf(new[] { EsqlDataType.Double }));
        Assert.Equal(EsqlDataType.Long, sum.Check(new[] { EsqlDataType.Integer }).Type);
        Assert.Equal(EsqlDataType.Double, sum.Check(new[] { EsqlDataType.Double }).Type);
    }

    [Theory]
    [InlineData("SUM", "keyword")]
    [InlineData("AVG", "datetime")]
    [InlineData("MEDIAN", "boolean")]
    [InlineData("STD_DEV", "ip")]
    [InlineData("TOP", "version")]
    [InlineData("MIN", "time_duration")]
    public void WrongArgumentTypesAreRejected(string name, string type)
    {
        AggregateFunction f = EsqlAggregateCatalog.Find(name)!;
        var types = new List<EsqlDataType> { DataType(type) };
        if (name == "TOP") types.Add(EsqlDataType.Integer);
        SignatureResult result = f.Check(types);
        Assert.True(result.IsError);
        Assert.Equal(0, result.BadArgument);
    }

    [Fact]
    public void ConstantArgumentsAreTyped()
    {
        Assert.True(EsqlAggregateCatalog.Find("TOP")!.Check(new[] { EsqlDataType.Keyword, EsqlDataType.Keyword }).IsError);
        Assert.True(EsqlAggregateCatalog.Find("PERCENTILE")!.Check(new[] { EsqlDataType.Long, EsqlDataType.Keyword }).IsError);
        Assert.True(EsqlAggregateCatalog.Find("COUNT_DISTINCT")!.Check(new[] { EsqlDataType.Ip, EsqlDataType.Double }).IsError);
        Assert.Equal(EsqlDataType.Ip, EsqlAggregateCatalog.Find("TOP")!.Check(new[] { EsqlDataType.Ip, EsqlDataType.Integer, EsqlDataType.Keyword }).Type);
    }

    // ----- edge cases the table does not reach -----

    [Fact]
    public void SumLongOverflowIsNullWithOneWarning()
    {
        var sum = new SumLong();
        sum.Add(EsqlValue.Long(long.MaxValue));
        Assert.Equal(0, sum.Warnings);
        sum.Add(EsqlValue.Long(1));
        sum.Add(EsqlValue.Long(-5));
        Assert.True(sum.Result().IsNull);
        Assert.Equal(1, sum.Warnings);
    }

    [Fact]
    public void SumOfIntegersIsALongBeyondTheIntegerRange()
    {
        var sum = new SumLong();
        sum.Add(EsqlValue.Integer(int.MaxValue));
        sum.Add(EsqlValue.Integer(int.MaxValue));
        Assert.Equal(EsqlValue.Long(2L * int.MaxValue), sum.Result());
        Assert.Equal(EsqlType.Long, sum.Result().Type);
    }

    [Fact]
    public void TopKeepsOnlyAboutTwiceItsLimitWhileItsResultStaysRight()
    {
        var top = new Top(EsqlValue.Integer(3), EsqlValue.Keyword("desc"));
        var kept = (List<EsqlValue>)typeof(Top).GetField("_kept", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(top)!;
        for (int i = 0; i < 10_000; i++)
        {
            top.Add(EsqlValue.Long((i * 7919L) % 10_007));
            Assert.True(kept.Count <= 2 * 3 + 17);
        }
        var all = Enumerable.Range(0, 10_000).Select(i => (i * 7919L) % 10_007).OrderByDescending(x => x).Take(3);
        Assert.Equal(EsqlValue.Multi(EsqlType.Long, all.Select(EsqlValue.Long)), top.Result());
    }

    [Fact]
    public void TopWithANonPositiveLimitIsNull()
    {
        var top = new Top(EsqlValue.Integer(0));
        top.Add(EsqlValue.Integer(1));
        Assert.True(top.Result().IsNull);
    }

    /// <summary>Exact quantiles: against a straightforward sort-and-interpolate over random samples and percentiles.</summary>
    [Fact]
    public void PercentileIsTheInterpolatedOrderStatistic()
    {
        Gen.Select(Gen.Double[-1e6, 1e6].Array[1, 60], Gen.Int[0, 100]).Sample((values, p) =>
        {
            var percentile = new Percentile(EsqlValue.Integer(p));
            foreach (double v in values) percentile.Add(EsqlValue.Double(v));
            double[] sorted = values.OrderBy(v => v).ToArray();
            double index = p / 100.0 * (sorted.Length - 1);
            int low = (int)Math.Floor(index);
            double expected = low + 1 < sorted.Length ? sorted[low] + (index - low) * (sorted[low + 1] - sorted[low]) : sorted[low];
            Assert.Equal(expected, percentile.Result().AsDouble, 9);
        });
    }

    [Fact]
    public void StdDevAgreesWithTheTwoPassFormula()
    {
        Gen.Double[-1e3, 1e3].Array[1, 80].Sample(values =>
        {
            var std = new StdDev();
            foreach (double v in values) std.Add(EsqlValue.Double(v));
            double mean = values.Average();
            double expected = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
            Assert.Equal(expected, std.Result().AsDouble, 6);
        });
    }

    [Fact]
    public void CountDistinctTreatsEqualValuesOfOneTypeAsOne()
    {
        var count = new CountDistinct(EsqlValue.Integer(100));
        count.Add(EsqlValue.Multi(EsqlType.Ip, new[] { EsqlValue.Ip("::ffff:10.0.0.1"), EsqlValue.Ip("10.0.0.1") }));
        count.Add(EsqlValue.Ip("10.0.0.2"));
        Assert.Equal(EsqlValue.Long(2), count.Result());
        Assert.Equal(EsqlValue.Integer(100), count.Precision);
    }

    // ----- the semantics table -----

    public static IEnumerable<object[]> TableRows() =>
        ReadTable().Select(r => new object[] { r.Function, r.Constants, r.Type, r.Case, r.Rows, r.ResultType, r.Result });

    [Theory]
    [MemberData(nameof(TableRows))]
    public void AggregateSemanticsTable(string function, string constants, string type, string @case, string rows, string resultType, string result)
    {
        AggregateFunction f = EsqlAggregateCatalog.Find(function) ?? throw new InvalidOperationException($"{function} is not in the catalogue");
        EsqlValue[] constantValues = ParseArray(constants, null);
        var types = new List<EsqlDataType> { DataType(type) };
        types.AddRange(constantValues.Select(c => c.Type == EsqlType.Keyword ? EsqlDataType.Keyword : EsqlDataType.Integer));
        SignatureResult check = f.Check(types);
        Assert.False(check.IsError, $"{function}({string.Join(", ", types)}): {check.Problem}");
        Assert.Equal(resultType, check.Type.Name());

        var aggregator = (EsqlAggregator)Activator.CreateInstance(RuntimeClass(f.ClassOf(types))!, constantValues.Cast<object>().ToArray())!;
        foreach (EsqlValue row in ParseArray(rows, RuntimeType(type))) aggregator.Add(row);
        EsqlValue actual = aggregator.Result();

        Assert.True(result == actual.ToJson(), $"{function} {@case}: expected {result}, got {actual.ToJson()}");
        if (!actual.IsNull) Assert.Equal(RuntimeType(resultType), actual.Type);
    }

    /// <summary>The documented table (aggregates.md) is the TSV's rows, so neither drifts from the other.</summary>
    [Fact]
    public void TheDocumentedTableIsTheTsv()
    {
        string[] documented = File.ReadAllLines(Repository.Path("docs", "esql-functions", "aggregates.md"))
            .SkipWhile(l => !l.StartsWith("| function | constants |", StringComparison.Ordinal)).Skip(2)
            .TakeWhile(l => l.StartsWith("| ", StringComparison.Ordinal))
            .ToArray();
        string[] tsv = ReadTable().Select(r => "| " + string.Join(" | ", r.All.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))) + " |").ToArray();
        Assert.Equal(tsv, documented);
        Assert.True(tsv.Length >= 60);
    }

    /// <summary>Every aggregate of the catalogue has the five shapes the brief asks for: no rows, NULL rows, single, multi, mixed.</summary>
    [Fact]
    public void EveryAggregateHasEveryRowShapeInTheTable()
    {
        var rows = ReadTable().ToList();
        foreach (string name in EsqlAggregateCatalog.Names)
        {
            var cases = rows.Where(r => r.Function == name).Select(r => r.Case).ToHashSet();
            foreach (string shape in new[] { "no rows", "NULL rows only", "multivalues", "mixed" }) Assert.Contains(shape, cases);
            Assert.True(rows.Any(r => r.Function == name && r.Rows.StartsWith("[", StringComparison.Ordinal) && !r.Rows.Contains("null", StringComparison.Ordinal) && !r.Rows.Contains("[[", StringComparison.Ordinal) && r.Rows != "[]"), $"{name} has no single-values row");
        }
    }

    private sealed record TableRow(string Function, string Constants, string Type, string Case, string Rows, string ResultType, string Result, string Source)
    {
        public string[] All => new[] { Function, Constants, Type, Case, Rows, ResultType, Result, Source };
    }

    private static IEnumerable<TableRow> ReadTable()
    {
        foreach (string line in File.ReadAllLines(TablePath))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            string[] c = line.Split('\t');
            if (c.Length != 8) throw new InvalidDataException($"aggregates.tsv: 8 columns expected: {line}");
            yield return new TableRow(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]);
        }
    }

    private static Type? RuntimeClass(string name) => typeof(EsqlAggregator).Assembly.GetType("RuleGen.Runtime.Pipeline.Aggregates." + name);

    private static EsqlDataType DataType(string name) => Enum.GetValues<EsqlDataType>().Single(t => t.Name() == name);

    private static EsqlType RuntimeType(string name) => Enum.Parse<EsqlType>(DataType(name).ToString());

    // A JSON array of rows (or of constants, when type is null: numbers integer, strings keyword).
    private static EsqlValue[] ParseArray(string json, EsqlType? type)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray().Select(e => Value(e, type)).ToArray();
    }

    private static EsqlValue Value(JsonElement e, EsqlType? type)
    {
        if (e.ValueKind == JsonValueKind.Null) return EsqlValue.Null;
        if (e.ValueKind == JsonValueKind.Array)
        {
            EsqlValue[] items = e.EnumerateArray().Select(i => Value(i, type)).ToArray();
            return EsqlValue.Multi(items[0].Type, items);
        }
        return type switch
        {
            null => e.ValueKind == JsonValueKind.String ? EsqlValue.Keyword(e.GetString()) : EsqlValue.Integer(e.GetInt32()),
            EsqlType.Integer => EsqlValue.Integer(e.GetInt32()),
            EsqlType.Long => EsqlValue.Long(e.GetInt64()),
            EsqlType.Double => EsqlValue.Double(e.GetDouble()),
            EsqlType.Boolean => EsqlValue.Boolean(e.GetBoolean()),
            EsqlType.Keyword => EsqlValue.Keyword(e.GetString()),
            EsqlType.Ip => EsqlValue.Ip(e.GetString()),
            EsqlType.Version => EsqlValue.Version(e.GetString()),
            EsqlType.Datetime => EsqlValue.Datetime(DateTimeOffset.Parse(e.GetString()!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()),
            _ => throw new InvalidDataException($"no row values of type {type}"),
        };
    }
}
