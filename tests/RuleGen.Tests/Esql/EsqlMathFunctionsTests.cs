using System;
using CsCheck;
using RuleGen.Runtime.Pipeline;
using Xunit;
using static RuleGen.Tests.Esql.EsqlValueNotation;

namespace RuleGen.Tests.Esql;

/// <summary>The arithmetic the operators call (reference: operators; integer overflow and division by zero are NULL) and math properties.</summary>
public class EsqlMathFunctionsTests
{
    [Theory]
    [InlineData("Add", "i:2", "i:3", "i:5")]
    [InlineData("Add", "i:2147483647", "i:1", "null")]                  // Math.addExact: overflow is a warning and NULL
    [InlineData("Add", "i:2147483647", "l:1", "l:2147483648")]          // integer + long widens to long
    [InlineData("Add", "l:9223372036854775807", "i:1", "null")]
    [InlineData("Add", "i:1", "d:0.5", "d:1.5")]
    [InlineData("Subtract", "i:-2147483648", "i:1", "null")]
    [InlineData("Multiply", "l:4611686018427387904", "i:2", "null")]
    [InlineData("Multiply", "i:-3", "i:4", "i:-12")]
    [InlineData("Divide", "i:5", "i:2", "i:2")]                          // integer division truncates
    [InlineData("Divide", "i:-5", "i:2", "i:-2")]
    [InlineData("Divide", "i:5", "i:0", "null")]                         // division by zero: a warning and NULL
    [InlineData("Divide", "d:5", "i:0", "null")]
    [InlineData("Divide", "i:1", "d:2", "d:0.5")]
    [InlineData("Divide", "i:-2147483648", "i:-1", "i:-2147483648")]     // Java's int division wraps there
    [InlineData("Modulo", "i:-5", "i:3", "i:-2")]                        // the dividend's sign
    [InlineData("Modulo", "i:5", "i:0", "null")]
    [InlineData("Modulo", "d:5.5", "i:2", "d:1.5")]
    [InlineData("Modulo", "l:-9223372036854775808", "i:-1", "l:0")]
    [InlineData("Add", "i:1|2", "i:1", "null")]                          // multivalued operand: NULL
    [InlineData("Add", "null", "i:1", "null")]
    [InlineData("Add", "k:1", "i:1", "null")]
    [InlineData("Add", "dt:2024-01-01T00:00:00Z", "ms:3600000", "dt:2024-01-01T01:00:00Z")]
    [InlineData("Add", "p:1/0", "dt:2024-01-31T00:00:00Z", "dt:2024-02-29T00:00:00Z")]
    [InlineData("Subtract", "dt:2024-01-01T00:00:00Z", "ms:1", "dt:2023-12-31T23:59:59.999Z")]
    [InlineData("Add", "ms:1000", "ms:1", "ms:1001")]
    [InlineData("Subtract", "p:1/2", "p:0/3", "p:1/-1")]
    public void Arithmetic(string op, string a, string b, string expected)
    {
        EsqlValue got = (EsqlValue)typeof(EsqlFunctions).GetMethod(op)!.Invoke(null, new object[] { Parse(a), Parse(b) })!;
        Assert.True(SameValue(Parse(expected), got), $"{a} {op} {b}: expected {expected}, got {Show(got)}");
    }

    [Theory]
    [InlineData("i:5", "i:-5")]
    [InlineData("i:-2147483648", "null")]                                 // Math.negateExact
    [InlineData("l:-9223372036854775808", "null")]
    [InlineData("d:1.5", "d:-1.5")]
    [InlineData("ms:5", "ms:-5")]
    [InlineData("i:1|2", "null")]
    public void Negate(string a, string expected) => Assert.True(SameValue(Parse(expected), EsqlFunctions.Negate(Parse(a))));

    [Fact]
    public void Integer_addition_is_exact_or_null() =>
        Gen.Select(Gen.Int, Gen.Int).Sample((a, b) =>
        {
            long exact = (long)a + b;
            EsqlValue sum = EsqlFunctions.Add(EsqlValue.Integer(a), EsqlValue.Integer(b));
            return exact is < int.MinValue or > int.MaxValue ? sum.IsNull : sum == EsqlValue.Integer((int)exact) && sum.Type == EsqlType.Integer;
        });

    [Fact]
    public void Integer_division_and_remainder_rebuild_the_dividend() =>
        Gen.Select(Gen.Long, Gen.Long.Where(d => d != 0 && d != -1)).Sample((a, b) =>
        {
            long q = EsqlFunctions.Divide(EsqlValue.Long(a), EsqlValue.Long(b)).AsLong;
            long r = EsqlFunctions.Modulo(EsqlValue.Long(a), EsqlValue.Long(b)).AsLong;
            return q * b + r == a && (r == 0 || Math.Sign(r) == Math.Sign(a));
        });

    [Fact]
    public void Round_is_half_away_from_zero_like_javas_math_round_of_the_absolute_value() =>
        Gen.Double[-1e12, 1e12].Sample(x =>
        {
            double expected = Math.Sign(x) * Math.Floor(Math.Abs(x) + 0.5);
            double got = EsqlFunctions.Round(EsqlValue.Double(x)).AsDouble;
            return got == expected || Math.Abs(Math.Abs(x) % 1 - 0.5) < 1e-9;
        });
}
