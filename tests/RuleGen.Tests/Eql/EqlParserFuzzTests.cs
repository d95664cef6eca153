using System;
using System.Collections.Generic;
using System.Linq;
using CsCheck;
using RuleGen.Generator.Languages.Eql;
using RuleGen.Generator.Limits;
using RuleGen.Tests.Fuzzing;
using Xunit;
using Xunit.Abstractions;

namespace RuleGen.Tests.Eql;

/// <summary>
/// Property: whatever the text, the EQL parser returns a tree whose spans nest inside the text, or throws an
/// <see cref="EqlSyntaxException"/> or <see cref="LimitExceededException"/> located inside the text, on a 1 MB stack as
/// Roslyn gives generators. Inputs are real queries (the spec suite, the AWS pack, the obsolete spec file) damaged by
/// the rule fuzzer's mutators with EQL's tokens, and token soup from nothing.
/// </summary>
public class EqlParserFuzzTests
{
    /// <summary>Every token kind, the string and escape forms, and fragments that sit at the edges of the lexer.</summary>
    private static readonly string[] Tokens =
    {
        "process", "any", "where", "sequence", "sample", "join", "by", "with", "maxspan", "=", "5m", "500ms", "1.5h", "runs", "until",
        "of", "descendant", "[", "]", "![", "!", "(", ")", ",", "|", "head", "tail", "count", "unique", "filter", "hed",
        "and", "or", "not", "in", "in~", "like", "like~", "regex", "regex~", ":", "==", "!=", "<", "<=", ">", ">=",
        "+", "-", "*", "/", "%", ".", "?", "~", "startsWith~", "concat", "true", "false", "null", "1", "0", "1.", ".5", "1e9", "1e",
        "\"", "\"x\"", "\"\"\"", "\"\"\"raw\"\"\"", "'", "'x'", "?\"x\"", "`", "`a``b`", "\\", "\\u{", "\\u{41}", "\\u{d800}", "}",
        "/*", "*/", "//", "\n", "\r\n", "\t", " ", "@timestamp", "process.name", "?user.id", "a[0]", "\u00e9", "\U0001F4A9", "\0",
    };

    private static readonly IReadOnlyList<string> Seeds = EqlCorpus.CurrentSpec.Concat(EqlCorpus.AwsPack)
        .Concat(EqlCorpus.Spec("test_queries_supported.toml")).Select(q => q.Text).Append(string.Empty).ToList();

    private readonly ITestOutputHelper _output;

    public EqlParserFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void RandomInputOnlyEverThrowsLocatedSyntaxOrLimitErrors()
    {
        // 10,000 inputs in about 5 s; the fixed seed keeps dotnet test's verdict independent of luck, and
        // RULEGEN_FUZZ_SEED replays a seed CsCheck printed.
        string seed = Environment.GetEnvironmentVariable("RULEGEN_FUZZ_SEED") ?? RuleFuzzTests.FixedSeed;
        var outcomes = new int[3];
        Gen<(int Seed, int Mutations, int Random)> inputs = Gen.Select(Gen.Int[0, Seeds.Count - 1], Gen.Int[1, 6], Gen.Int);
        SmallStack.Run(() =>
        {
            inputs.Sample(input => outcomes[Check(Build(input))]++, seed: seed, iter: 10_000, threads: 1,
                print: input => Build(input).Replace("\n", "\\n"), writeLine: _output.WriteLine);
            return 0;
        }, timeoutSeconds: 300);
        _output.WriteLine($"parsed {outcomes[0]}, syntax errors {outcomes[1]}, limit errors {outcomes[2]}");
        // The property is only worth something if the inputs reach all three outcomes.
        Assert.All(outcomes, count => Assert.True(count > 0, string.Join(", ", outcomes)));
    }

    private static string Build((int Seed, int Mutations, int Random) input) =>
        Mutators.Mutate(Seeds[input.Seed], input.Mutations, new Random(input.Random), Tokens).Text;

    /// <summary>0: parsed, 1: syntax error, 2: limit; anything else escapes and fails the property.</summary>
    private static int Check(string text)
    {
        try
        {
            EqlQuery query = EqlParser.Parse(text);
            foreach (var (parent, child) in EqlParserTests.Edges(query))
            {
                if (child.Start < parent.Start || child.End > parent.End || child.Length < 0)
                {
                    throw new InvalidOperationException($"{child.GetType().Name} @{child.Start}+{child.Length} outside {parent.GetType().Name} @{parent.Start}+{parent.Length}");
                }
            }
            if (query.Start < 0 || query.End > text.Length) throw new InvalidOperationException($"query @{query.Start}+{query.Length} outside the text");
            return 0;
        }
        catch (EqlSyntaxException e)
        {
            AssertInside(text, e.Start, e.Length, e.Message);
            return 1;
        }
        catch (LimitExceededException e)
        {
            AssertInside(text, e.Start, e.Length, e.Message);
            return 2;
        }
    }

    /// <summary>An error covers at least one character, inside the text or the one place just past its end.</summary>
    private static void AssertInside(string text, int start, int length, string message)
    {
        if (start < 0 || length < 1 || start + length > Math.Max(text.Length, start + 1) || start > text.Length)
        {
            throw new InvalidOperationException($"error @{start}+{length} outside a text of {text.Length}: {message}");
        }
    }
}
