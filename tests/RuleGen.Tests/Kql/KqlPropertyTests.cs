using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using CsCheck;
using RuleGen.Generator.Languages.Kql;
using RuleGen.Generator.Limits;
using RuleGen.Tests.Fuzzing;
using Xunit;
using Xunit.Abstractions;

namespace RuleGen.Tests.Kql;

/// <summary>
/// Properties of the KQL parser, with CsCheck: a random tree printed as KQL parses back to the same tree; random text
/// either parses (and then its spans nest inside the query, its literals' raw text is the query's, and it prints back to
/// the same tree) or is a <see cref="KqlSyntaxException"/> or <see cref="LimitExceededException"/> inside the query, never
/// anything else. The short run in dotnet test draws the same cases every time (the fuzz tests' fixed seed);
/// RULEGEN_FUZZ_ITERATIONS=1000000 makes a long run of new cases, RULEGEN_FUZZ_SEED replays a seed CsCheck printed.
/// </summary>
public class KqlPropertyTests
{
    private readonly ITestOutputHelper _output;

    public KqlPropertyTests(ITestOutputHelper output) => _output = output;

    private static readonly long LongRun = long.TryParse(Environment.GetEnvironmentVariable("RULEGEN_FUZZ_ITERATIONS"), out long n) ? n : 0;

    private static string? Seed => Environment.GetEnvironmentVariable("RULEGEN_FUZZ_SEED") ?? (LongRun > 0 ? null : RuleFuzzTests.FixedSeed);

    private static long Iterations(long shortRun) => LongRun > 0 ? LongRun : shortRun;

    // ---- Random trees ----

    /// <summary>Pieces of literal text: KQL's special characters, whitespace, keywords in any case, words that are values.</summary>
    private static readonly string[] TextPieces =
    {
        "a", "b", "xyz", "1", "-", ".", "?", "é", "@", " ", "  ", "\t", "\n", "\r", "\u00A0", "\u2003", "\\", "\"", "(", ")", ":",
        "<", ">", "=", "{", "}", "*", "or", "OR", "and", "And", "not", "NOT", "nOt", "null", "true", "false", "\\n", "u0041",
    };

    /// <summary>A quoted literal: any text.</summary>
    private static readonly Gen<KqlLiteral> Quoted =
        Gen.OneOf(TextPieces).Array[0, 5].Select(p => new KqlLiteral("", string.Concat(p), quoted: true, null, 0, 0));

    /// <summary>An unquoted literal: any text with stars that are wildcards or not, never starting or ending in
    /// whitespace (Kibana trims it away).</summary>
    private static readonly Gen<KqlLiteral> Unquoted =
        Gen.Select(Gen.OneOf(TextPieces), Gen.Bool).Array[1, 5].Select(pieces =>
        {
            var value = new StringBuilder();
            var wildcards = new List<int>();
            foreach ((string text, bool wild) in pieces)
            {
                if (text == "*" && wild) wildcards.Add(value.Length);
                value.Append(text);
            }
            if (KqlLexer.IsJavaScriptWhitespace(value[0]))
            {
                value.Insert(0, 'x');
                for (int i = 0; i < wildcards.Count; i++) wildcards[i]++;
            }
            if (KqlLexer.IsJavaScriptWhitespace(value[value.Length - 1])) value.Append('x');
            return new KqlLiteral("", value.ToString(), quoted: false, wildcards, 0, 0);
        });

    private static readonly Gen<KqlLiteral> Literal = Gen.Frequency((2, Unquoted), (1, Quoted));

    private static readonly Gen<KqlLogicalOperator> Operator = Gen.OneOf(KqlLogicalOperator.And, KqlLogicalOperator.Or);

    private static Gen<KqlValueExpression> Values(int depth)
    {
        Gen<KqlValueExpression> leaf = Literal.Select(l => (KqlValueExpression)l);
        if (depth == 0) return leaf;
        Gen<KqlValueExpression> inner = Values(depth - 1);
        return Gen.Frequency(
            (3, leaf),
            (1, Gen.Select(Operator, inner.Array[2, 3]).Select((op, operands) => (KqlValueExpression)new KqlValueLogical(op, operands, 0, 0))),
            (1, inner.Select(v => (KqlValueExpression)new KqlValueNot(v, 0, 0))));
    }

    private static Gen<KqlExpression> Queries(int depth)
    {
        Gen<KqlExpression> leaf = Gen.Frequency(
            (4, Gen.Select(Literal, Values(2)).Select((f, v) => (KqlExpression)new KqlMatchExpression(f, v, 0, 0, 0))),
            (1, Literal.Select(v => (KqlExpression)new KqlMatchExpression(null, v, -1, 0, 0))),
            (1, Gen.Select(Literal, Gen.Int[0, 3], Literal).Select((f, op, v) => (KqlExpression)new KqlRangeExpression(f, (KqlRangeOperator)op, 0, v))));
        if (depth == 0) return leaf;
        Gen<KqlExpression> inner = Queries(depth - 1);
        return Gen.Frequency(
            (3, leaf),
            (2, Gen.Select(Operator, inner.Array[2, 3]).Select((op, operands) => (KqlExpression)new KqlLogicalExpression(op, operands, 0, 0))),
            (1, inner.Select(q => (KqlExpression)new KqlNotExpression(q, 0, 0))),
            (1, Gen.Select(Literal, inner).Select((path, q) => (KqlExpression)new KqlNestedExpression(path, q, 0))));
    }

    [Fact]
    public void ARandomTreePrintedAsKqlParsesBackToTheSameTree()
    {
        Queries(4).Sample(tree =>
        {
            string text = KqlSyntaxPrinter.ToKql(tree);
            KqlQuery parsed = KqlParser.Parse(text);
            Assert.Equal(KqlSyntaxPrinter.Syntax(tree), KqlSyntaxPrinter.Syntax(parsed));
            // And once more from the text of the parsed tree: printing is stable.
            Assert.Equal(text, KqlSyntaxPrinter.ToKql(parsed));
        }, iter: Iterations(20_000), seed: Seed, writeLine: _output.WriteLine, print: t => KqlSyntaxPrinter.ToKql(t));
    }

    // ---- Random text ----

    /// <summary>Pieces of random queries: every piece of KQL's grammar, escapes valid and not, and any character.</summary>
    private static readonly string[] QueryPieces =
    {
        "a", "b", "foo", "x.y", "f*", "*", " ", "  ", "\t", "\n", "\u00A0", "\u2003", ":", ": ", "(", ")", "{", "}", "<", "<=", ">",
        ">=", "\"", "\"x\"", "\"a b\"", "\"\\\"", "\\", "\\\\", "\\\"", "\\*", "\\:", "\\t", "\\u0041", "\\u00a", "\\U0041", "\\ ",
        " and ", " or ", "not ", " AND ", "NOT ", "and", "or", "not", " and", " or ", "\\and", "\\or", "\\not", "null", "true", "?",
        "cannot ", "1", "é", "\u0000", "\uD83D\uDE00", "\uD83D",
    };

    private static readonly Gen<string> RandomText = Gen.Frequency(
        (4, Gen.OneOf(QueryPieces).Array[0, 16].Select(string.Concat)),
        (1, Gen.Char.Array[0, 24].Select(c => new string(c))),
        (1, Gen.Select(Gen.OneOf("(", "not (", "a:(", "a:{", "not ", "a:(not "), Gen.Int[90, 130], Gen.OneOf(QueryPieces))
            .Select((open, n, inner) => string.Concat(Enumerable.Repeat(open, n)) + "b" + inner)));

    [Fact]
    public void RandomTextParsesOrIsALocatedSyntaxOrLimitError()
    {
        RandomText.Sample(text =>
        {
            KqlQuery query;
            try
            {
                query = KqlParser.Parse(text);
            }
            catch (KqlSyntaxException e)
            {
                Assert.InRange(e.Start, 0, text.Length);
                Assert.InRange(e.Start + e.Length, e.Start, text.Length);
                return;
            }
            catch (LimitExceededException e)
            {
                Assert.InRange(e.Start, 0, text.Length - 1);
                return;
            }
            AssertSpansNest(query);
            foreach (KqlLiteral literal in KqlWalk.Literals(query)) Assert.Equal(literal.Raw, text.Substring(literal.Start, literal.Length));
            Assert.Equal(KqlSyntaxPrinter.Syntax(query), KqlSyntaxPrinter.Syntax(KqlParser.Parse(KqlSyntaxPrinter.ToKql(query))));
        }, iter: Iterations(50_000), seed: Seed, writeLine: _output.WriteLine, print: t => System.Text.Json.JsonSerializer.Serialize(t));
    }

    /// <summary>Every node lies inside the query, and inside its parent.</summary>
    private static void AssertSpansNest(KqlQuery query)
    {
        if (query.Expression is null)
        {
            Assert.True(string.IsNullOrEmpty(query.Text.Trim(' ', '\t', '\r', '\n', '\u00A0')));
            return;
        }
        Within(query.Expression, 0, query.Text.Length);
    }

    private static void Within(KqlNode node, int start, int end)
    {
        Assert.True(node.Start >= start && node.End <= end && node.Length >= 0, $"{node.GetType().Name} {node.Start}..{node.End} outside {start}..{end}");
        IEnumerable<KqlNode> children = node switch
        {
            KqlLogicalExpression l => l.Operands,
            KqlNotExpression n => new[] { n.Operand },
            KqlMatchExpression m => m.Field is null ? new KqlNode[] { m.Value } : new KqlNode[] { m.Field, m.Value },
            KqlRangeExpression r => new KqlNode[] { r.Field, r.Value },
            KqlNestedExpression n => new KqlNode[] { n.Path, n.Query },
            KqlValueLogical l => l.Operands,
            KqlValueNot n => new[] { n.Operand },
            _ => Array.Empty<KqlNode>(),
        };
        foreach (KqlNode child in children) Within(child, node.Start, node.End);
    }
}
