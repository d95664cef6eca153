using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using RuleGen.Generator.Languages.Esql.Functions;
using RuleGen.Generator.Languages.Esql.Types;
using RuleGen.Runtime.Pipeline;
using Xunit;

namespace RuleGen.Tests.Esql;

/// <summary>
/// The semantics table of ES|QL scalar functions part A (strings, conditional, conversion, ip, encoding; the TSV
/// beside this file, rendered in docs/esql-functions/*.md): every row runs the runtime method the catalogue names
/// and compares the result, value and type; an "error" row must be rejected by the catalogue's type check, every
/// other row accepted with the result type the runtime gives.
/// </summary>
public class ScalarFunctionsTableTests
{
    internal static readonly string TablePath = Repository.Path("tests", "RuleGen.Tests", "Esql", "scalar-functions-a.tsv");

    public static IEnumerable<object[]> Rows() => ReadRows().Select(row => new object[] { row.Function + "/" + row.Shape });

    internal static List<(string Function, string Shape, string Arguments, string Expected, string Source)> ReadRows() =>
        File.ReadAllLines(TablePath)
            .Where(line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("function\t", StringComparison.Ordinal))
            .Select(line => line.Split('\t'))
            .Select(cells => (cells[0], cells[1], cells[2], cells[3], cells[4]))
            .ToList();

    [Fact]
    public void The_table_covers_every_function_of_part_A_with_every_shape()
    {
        var rows = ReadRows();
        Assert.True(rows.Count > 250, $"only {rows.Count} rows");
        Assert.Equal(rows.Count, rows.Select(r => r.Function + "/" + r.Shape).Distinct().Count());
        foreach (var group in rows.GroupBy(r => r.Function))
        {
            var shapes = group.Select(r => r.Shape.Split('-')[0]).ToHashSet();
            Assert.True(shapes.Contains("null") && shapes.Contains("single") && shapes.Contains("multi"), $"{group.Key} lacks null, single or multi");
            // CASE is typed by the binder; TO_STRING takes every type a value can have.
            if (group.Key is not ("CASE" or "TO_STRING")) Assert.True(shapes.Contains("wrong"), $"{group.Key} lacks a wrong-typed row");
        }
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void Row(string id)
    {
        var row = ReadRows().Single(r => r.Function + "/" + r.Shape == id);
        EsqlValue[] args = ParseArguments(row.Arguments);
        ScalarFunction? function = EsqlScalarCatalog.Find(row.Function);
        var types = args.Select(a => Enum.Parse<EsqlDataType>(a.Type.ToString())).ToList();
        if (row.Expected == "error")
        {
            Assert.NotNull(function);
            Assert.True(function!.Check(types).IsError, $"{id}: the catalogue accepts {string.Join(", ", types)}");
            return;
        }
        EsqlValue actual = Invoke(row.Function == "CASE" ? "EsqlFunctions.Case" : function!.Method, row.Function == "CASE" || function!.Varargs, args);
        EsqlValue expected = ParseValue(JsonDocument.Parse(row.Expected).RootElement);
        Assert.True(expected.Equals(actual) && expected.Type == actual.Type,
            $"{id}: expected {expected.ToJson()} ({expected.Type}), got {actual.ToJson()} ({actual.Type}) — source: {row.Source}");
        if (function is not null)
        {
            SignatureResult signature = function.Check(types);
            Assert.False(signature.IsError, $"{id}: the catalogue rejects {string.Join(", ", types)}: {signature.Problem}");
            if (!actual.IsNull) Assert.Equal(actual.Type.ToString(), signature.Type.ToString());
        }
    }

    /// <summary>Every catalogue entry of part A names a public runtime method for each of its arities.</summary>
    [Fact]
    public void Every_catalogue_entry_has_its_runtime_method_for_each_arity()
    {
        foreach (string name in ReadRows().Select(r => r.Function).Distinct().Where(n => n != "CASE"))
        {
            ScalarFunction f = EsqlScalarCatalog.Find(name) ?? throw new Xunit.Sdk.XunitException($"{name} is not in the catalogue");
            string method = f.Method.Substring("EsqlFunctions.".Length);
            if (f.Varargs)
            {
                Assert.NotNull(typeof(EsqlFunctions).GetMethod(method, new[] { typeof(EsqlValue[]) }));
                continue;
            }
            for (int arity = f.Min; arity <= f.Max; arity++)
            {
                Type[] parameters = Enumerable.Repeat(typeof(EsqlValue), arity).ToArray();
                MethodInfo? m = typeof(EsqlFunctions).GetMethod(method, parameters);
                Assert.True(m is not null && m.ReturnType == typeof(EsqlValue), $"{name}: no EsqlFunctions.{method} with {arity} arguments");
            }
        }
    }

    internal static EsqlValue Invoke(string method, bool varargs, EsqlValue[] args)
    {
        string name = method.Substring("EsqlFunctions.".Length);
        if (varargs) return (EsqlValue)typeof(EsqlFunctions).GetMethod(name, new[] { typeof(EsqlValue[]) })!.Invoke(null, new object[] { args })!;
        MethodInfo m = typeof(EsqlFunctions).GetMethod(name, Enumerable.Repeat(typeof(EsqlValue), args.Length).ToArray())
            ?? throw new Xunit.Sdk.XunitException($"no EsqlFunctions.{name} with {args.Length} arguments");
        return (EsqlValue)m.Invoke(null, args.Cast<object>().ToArray())!;
    }

    internal static EsqlValue[] ParseArguments(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray().Select(ParseValue).ToArray();

    /// <summary>The table's value notation: JSON with {"long"|"dbl"|"dt"|"ip"|"ver": value or array} for types JSON cannot say.</summary>
    internal static EsqlValue ParseValue(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            JsonProperty typed = e.EnumerateObject().Single();
            Func<JsonElement, EsqlValue> single = typed.Name switch
            {
                "long" => v => EsqlValue.Long(v.GetInt64()),
                "dbl" => v => EsqlValue.Double(v.GetDouble()),
                "dt" => v => v.ValueKind == JsonValueKind.Number ? EsqlValue.Datetime(v.GetInt64()) : EsqlValue.Datetime(DateTimeOffset.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()),
                "ip" => v => EsqlValue.Ip(v.GetString()),
                "ver" => v => EsqlValue.Version(v.GetString()),
                _ => throw new InvalidDataException("unknown type " + typed.Name),
            };
            if (typed.Value.ValueKind != JsonValueKind.Array) return single(typed.Value);
            var values = typed.Value.EnumerateArray().Select(single).ToList();
            return EsqlValue.Multi(values[0].Type, values);
        }
        switch (e.ValueKind)
        {
            case JsonValueKind.Null:
                return EsqlValue.Null;
            case JsonValueKind.String:
                return EsqlValue.Keyword(e.GetString());
            case JsonValueKind.True:
                return EsqlValue.True;
            case JsonValueKind.False:
                return EsqlValue.False;
            case JsonValueKind.Number:
                return e.GetRawText().IndexOfAny(new[] { '.', 'e', 'E' }) >= 0 ? EsqlValue.Double(e.GetDouble()) : EsqlValue.Integer(e.GetInt32());
            case JsonValueKind.Array:
                var values = e.EnumerateArray().Select(ParseValue).ToList();
                return EsqlValue.Multi(values[0].Type, values);
            default:
                throw new InvalidDataException(e.GetRawText());
        }
    }
}
