using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Languages.Eql;
using RuleGen.Generator.Limits;
using Xunit;

namespace RuleGen.Tests.Eql;

/// <summary>
/// The EQL parser against real queries (Elasticsearch's spec suite, Elastic's AWS pack), golden trees, the grammar's
/// precedence, and located errors.
/// </summary>
public class EqlParserTests
{
    public static IEnumerable<object[]> CurrentSpecQueries() => EqlCorpus.CurrentSpec.Select(q => new object[] { q });

    public static IEnumerable<object[]> AwsPackQueries() => EqlCorpus.AwsPack.Select(q => new object[] { q });

    [Theory]
    [MemberData(nameof(CurrentSpecQueries))]
    public void EveryQueryOfTheSpecSuiteParses(EqlCorpus.Query query)
    {
        EqlQuery tree = EqlParser.Parse(query.Text);
        AssertSpansNest(tree, query.Text);
    }

    [Theory]
    [MemberData(nameof(AwsPackQueries))]
    public void EveryEqlQueryOfTheAwsPackParses(EqlCorpus.Query query)
    {
        EqlQuery tree = EqlParser.Parse(query.Text);
        AssertSpansNest(tree, query.Text);
    }

    [Fact]
    public void TheCorporaAreWhatTheManifestsSay()
    {
        Assert.Equal(133, EqlCorpus.Spec("test_queries.toml").Count);
        Assert.Equal(61, EqlCorpus.Spec("additional_test_queries.toml").Count);
        Assert.Equal(37, EqlCorpus.Spec("test_queries_supported.toml").Count);
        Assert.Equal(28, EqlCorpus.AwsPack.Count);
        // The AWS pack has one sequence; the spec suite has many, with until, maxspan and by.
        Assert.Single(EqlCorpus.AwsPack, q => EqlParser.Parse(q.Text).Body is EqlSequence);
        Assert.Contains(EqlCorpus.CurrentSpec, q => EqlParser.Parse(q.Text).Body is EqlSequence { Until: not null, MaxSpan: null });
    }

    [Fact]
    public void TheObsoleteSpecFileFailsOnlyAtItsObsoleteForms()
    {
        // test_queries_supported.toml predates 7.12: '=' for '==', single-quoted and ?'…' strings. Those fail, at
        // that token; everything else in it (arithmetic, functions, sequences with ==) is today's EQL and parses.
        var failures = new List<(int Index, string At, string Message)>();
        IReadOnlyList<EqlCorpus.Query> queries = EqlCorpus.Spec("test_queries_supported.toml");
        for (int i = 0; i < queries.Count; i++)
        {
            string text = queries[i].Text;
            try
            {
                AssertSpansNest(EqlParser.Parse(text), text);
            }
            catch (EqlSyntaxException e)
            {
                Assert.False(e.NotSupported);
                failures.Add((i + 1, text.Substring(e.Start, e.Length), e.Message));
            }
        }
        Assert.Equal(new[] { 9, 10, 15, 21, 22, 23, 24, 25, 34, 35 }, failures.Select(f => f.Index));
        Assert.All(failures, f => Assert.True(f.At[0] is '\'' or '?' or '=', f.At));
        Assert.Equal(("'::'", "Use double quotes [\"] to define string literals, not single quotes [']"), (failures[0].At, failures[0].Message));
        Assert.Equal(("=", "'=' is not an EQL operator: compare with '==' (or ':' ignoring case)"), (failures[1].At, failures[1].Message));
        Assert.Equal(("?'.*?net1.*?'", "Use triple double quotes [\"\"\"] to define unescaped string literals, not [?']"), (failures[4].At, failures[4].Message));
    }

    public static IEnumerable<object[]> GoldenQueries()
    {
        // Real queries: the AWS pack's sequence and one of its single-event rules, spec queries with until and runs of keys.
        yield return Golden("aws-bedrock-recon-sequence", AwsQuery("discovery_bedrock_model_recon_and_invocation_via_long_term_key.toml"));
        yield return Golden("aws-virtual-mfa-device", AwsQuery("persistence_aws_attempt_to_register_virtual_mfa_device.toml"));
        yield return Golden("spec-sequence-until", SpecQuery("fourSequencesByPidWithUntil2"));
        yield return Golden("spec-functions", SpecQuery("betweenAdditional1"));
        yield return Golden("spec-case-insensitive-function", SpecQuery("indexOfCaseInsensitive"));
        // Made queries for what the corpora lack: missing events, runs, samples, joins, pipes, optional and quoted
        // fields, case-insensitive functions and operators, escapes and raw strings, arithmetic.
        yield return Golden("missing-events-and-runs", "sequence by host.name, ?user.name with maxspan=5s\n  [authentication where event.code : \"4624\"] by `source-ip` with runs=2\n  ![authentication where event.code : \"4647\"]\nuntil [process where event.type == \"stop\"]\n| tail 3");
        yield return Golden("sample-and-pipes", "sample by host\n  [file where file.extension == \"exe\"]\n  [process where true]\n| head 5 | unique host, `my``field`.x | count");
        yield return Golden("join", "join by source_ip\n  [network where true] by destination_ip\n  [dns where true]\nuntil [process where false]");
        yield return Golden("operators", "\"my-category\" where not startsWith~(process.name, \"cmd\") and file.path like~ (\"C:\\\\*.exe\", \"*.dll\")\n  or a regex \"\"\"[a-z]+\\d\"\"\" or b not in~ (\"x\\ty\", \"\\u{1F4A9}\") or -x * (y + 2) % 3 >= 1.5e3");
    }

    private static object[] Golden(string name, string text) => new object[] { name, text };

    private static string AwsQuery(string file) => EqlCorpus.AwsPack.Single(q => q.Name == file).Text;

    private static string SpecQuery(string name) => EqlCorpus.CurrentSpec.Single(q => q.Name == name).Text;

    [Theory]
    [MemberData(nameof(GoldenQueries))]
    public void TreesMatchTheirGoldenFiles(string name, string text)
    {
        EqlQuery tree = EqlParser.Parse(text);
        AssertSpansNest(tree, text);
        Snapshot.Match("Eql." + name, "# " + text.TrimEnd().Replace("\n", "\n# ") + "\n" + EqlTreePrinter.Print(tree, text));
    }

    [Theory]
    // Logic: or below and below not; not over a whole comparison.
    [InlineData("a or b and c", "(a or (b and c))")]
    [InlineData("a and b or c and d", "((a and b) or (c and d))")]
    [InlineData("a or b or c", "(a or b or c)")]
    [InlineData("not a and b", "((not a) and b)")]
    [InlineData("not a == b", "(not (a == b))")]
    [InlineData("not not a or b", "((not (not a)) or b)")]
    [InlineData("(a or b) and c", "((a or b) and c)")]
    // Comparisons: over arithmetic, under logic, one per operand pair.
    [InlineData("a == b and c != d", "((a == b) and (c != d))")]
    [InlineData("a + b == c * d", "((a + b) == (c * d))")]
    [InlineData("a <= -3", "(a <= (-3))")]
    // Arithmetic: * / % over + -, left to right within a level (flat chains).
    [InlineData("a + b * c", "(a + (b * c))")]
    [InlineData("a * b + c * d", "((a * b) + (c * d))")]
    [InlineData("a - b - c", "(a - b - c)")]
    [InlineData("a / b * c % d", "(a / b * c % d)")]
    [InlineData("(a - b) - c", "((a - b) - c)")]
    [InlineData("a - (b - c)", "(a - (b - c))")]
    // Unary minus binds tightest, over a primary and its predicate.
    [InlineData("-a * b", "((-a) * b)")]
    [InlineData("5 - -3", "(5 - (-3))")]
    [InlineData("- - a", "(-(-a))")]
    [InlineData("-a in (1, 2)", "(-(a in (1, 2)))")]
    // Predicates attach to the primary before them (EqlBase.g4: primaryExpression predicate?).
    [InlineData("a + b in (1, 2)", "(a + (b in (1, 2)))")]
    [InlineData("a in (1, 2) == true", "((a in (1, 2)) == true)")]
    [InlineData("a == b in (1, 2)", "(a == (b in (1, 2)))")]
    [InlineData("a not in (1, b + 1)", "(a not in (1, (b + 1)))")]
    [InlineData("a not in~ (\"x\")", "(a not in~ (\"x\"))")]
    [InlineData("a : \"x*\" and b : (\"y\", \"z\")", "((a : \"x*\") and (b : (\"y\", \"z\")))")]
    [InlineData("a like \"x\" or a like~ (\"y\")", "((a like \"x\") or (a like~ (\"y\")))")]
    [InlineData("a regex \"x\" == false", "((a regex \"x\") == false)")]
    [InlineData("f(a) : \"x\"", "(f(a) : \"x\")")]
    // Calls and fields.
    [InlineData("f(a, b or c, g~())", "f(a, (b or c), g~())")]
    [InlineData("startsWith~ (a, \"b\")", "startsWith~(a, \"b\")")]
    [InlineData("?a.b != null", "(?a.b != null)")]
    [InlineData("? `a b`.c == 1", "(?a b.c == 1)")]
    public void PrecedenceFollowsTheGrammar(string condition, string expected)
    {
        var query = EqlParser.Parse("any where " + condition);
        Assert.Equal(expected, EqlTreePrinter.Show(((EqlEventQuery)query.Body).Filter.Condition));
    }

    [Theory]
    [InlineData("process where a = 1", "'=' is not an EQL operator", 16, 1)]
    [InlineData("process where a == b == c", "comparisons do not chain", 21, 2)]
    [InlineData("process where (a < b <= c)", "comparisons do not chain", 21, 2)]
    [InlineData("process where name == 'x'", "Use double quotes [\"] to define string literals, not single quotes [']", 22, 3)]
    [InlineData("process where name == 'it\\'s", "Use double quotes", 22, 6)]
    [InlineData("process where name == ?\"x\"", "Use triple double quotes [\"\"\"] to define unescaped string literals, not [?\"]", 22, 4)]
    [InlineData("process where a not like \"x\"", "EQL has no 'not like': write 'not field like pattern'", 16, 3)]
    [InlineData("process where a not : \"x\"", "EQL has no 'not :'", 16, 3)]
    [InlineData("process where a in ()", "expected a value in the list of 'in', found ')'", 20, 1)]
    [InlineData("process where a : b", "expected a constant (a string, a number, true, false or null) after ':', found 'b'", 18, 1)]
    [InlineData("process where a like -1", "expected a constant", 21, 1)]
    [InlineData("process where a == 1 and", "expected a value (a field, a literal or a function call), found the end of the query", 24, 1)]
    [InlineData("process where (a == 1", "expected ')', 'and' or 'or', found the end of the query", 21, 1)]
    [InlineData("process where event.sequence == 1", "expected a field name after '.', found 'sequence'; 'sequence' is a keyword: write `sequence` for a field of that name", 20, 8)]
    [InlineData("process where ?", "expected a field name after '?', found the end of the query", 15, 1)]
    [InlineData("process where a == not b", "expected a value (a field, a literal or a function call), found 'not'", 19, 3)]
    [InlineData("process where a == any", "found 'any'; 'any' is a keyword: write `any` for a field of that name", 19, 3)]
    [InlineData("process where f(a,)", "expected a value (a field, a literal or a function call), found ')'", 18, 1)]
    [InlineData("process where startsWith ~(a, \"b\")", "unexpected character '~' ('~' follows a function name", 25, 1)]
    [InlineData("process where startsWith~", "expected '(' after the function name 'startsWith~', found the end of the query", 25, 1)]
    [InlineData("process where a & b", "unexpected character '&' (EQL writes 'and')", 16, 1)]
    [InlineData("process where a ! b", "unexpected character '!' ('!' only starts '!=' or '![', a missing event)", 16, 1)]
    [InlineData("process where a\u00a0== 1", "unexpected character U+00A0", 15, 1)]
    [InlineData("process where /* never closed", "unterminated /* comment", 14, 2)]
    [InlineData("process where /* a /* b */ c", "unterminated /* comment", 14, 2)]
    [InlineData("PROCESS WHERE true", "expected 'where' after the event category 'PROCESS', found 'WHERE'", 8, 5)]
    [InlineData("`process` where true", "back-quotes name fields; quote a category as \"…\"", 0, 9)]
    [InlineData("where true", "expected an event category", 0, 5)]
    [InlineData("", "expected an event category", 0, 1)]
    [InlineData("process where true | hed 5", "Unrecognized pipe [hed], did you mean [head]? (EQL pipes: count, filter, head, sort, tail, unique, unique_count)", 21, 3)]
    [InlineData("process where true | 5", "expected a pipe name", 21, 1)]
    [InlineData("process where true | head 5 |", "expected a pipe name", 29, 1)]
    [InlineData("process where true where", "expected 'and', 'or', '|' or the end of the query, found 'where'", 19, 5)]
    [InlineData("sequence", "expected a sequence stage '[category where condition]', 'by' or 'with maxspan=…', found the end of the query", 8, 1)]
    [InlineData("sequence [x where true", "expected ']' closing the stage, 'and' or 'or', found the end of the query", 22, 1)]
    [InlineData("sequence [x where true] until", "expected a stage '[category where condition]' after 'until'", 29, 1)]
    [InlineData("sequence [x where true] foo", "expected a stage, 'until', '|' or the end of the query, found 'foo'", 24, 3)]
    [InlineData("sequence [123 where true]", "expected an event category (a name such as process, a \"quoted\" name or any), found '123'", 10, 3)]
    [InlineData("123 where true", "expected an event category (a name such as process, a \"quoted\" name or any), 'sequence' or 'sample', found '123'", 0, 3)]
    [InlineData("sequence with maxspan=5m by a [x where true]", "Please specify sequence [by] before [with] not after", 25, 4)]
    [InlineData("sequence with maxspan=5 [x where true]", "No time unit specified, did you mean [s] as in [5s]?", 22, 1)]
    [InlineData("sequence with maxspan=5y [x where true]", "Unrecognized time unit [y] in [5y], please specify one of [ms, s, m, h, d]", 23, 1)]
    [InlineData("sequence with maxspan=1.5h [x where true]", "Decimal time interval [1.5] not supported; please use a positive integer", 22, 3)]
    [InlineData("sequence with maxspan=0s [x where true]", "A positive maxspan value is required; found [0]", 22, 1)]
    [InlineData("sequence with maxspan=99999999999999999999d [x where true]", "maxspan [99999999999999999999d] is too long", 22, 20)]
    [InlineData("sequence with maxspan==5m [x where true]", "expected '=' after 'maxspan', found '=='", 21, 2)]
    [InlineData("sequence with span=5m [x where true]", "expected 'maxspan' after 'with', found 'span'", 14, 4)]
    [InlineData("sequence [x where true] with runs=101", "runs must be a whole number from 1 to 100, found '101'", 34, 3)]
    [InlineData("sequence [x where true] with runs=0", "runs must be a whole number from 1 to 100", 34, 1)]
    [InlineData("sequence [x where true] with runs=2.5", "runs must be a whole number from 1 to 100", 34, 3)]
    [InlineData("sequence [x where true] with repeat=2", "unknown stage option 'repeat': a sequence stage takes 'with runs=n'", 29, 6)]
    [InlineData("sequence [x where true] with maxspan=2s", "maxspan belongs to the sequence (sequence with maxspan=…), not to a stage", 29, 7)]
    [InlineData("sample [x where true] with runs=2", "expected a stage, '|' or the end of the query, found 'with'", 22, 4)]
    [InlineData("join [x where true]", "expected a second join stage '[category where condition]', found the end of the query", 19, 1)]
    public void ErrorsAreLocatedAtTheOffendingToken(string text, string message, int start, int length)
    {
        var e = Assert.Throws<EqlSyntaxException>(() => EqlParser.Parse(text));
        Assert.Contains(message, e.Message);
        Assert.Equal((start, length), (e.Start, e.Length));
        Assert.False(e.NotSupported);
    }

    [Theory]
    // Elasticsearch's own parser refuses these (EqlParser.PostProcessor): reported as not supported, not as typos.
    [InlineData("process where descendant of [process where true]", "Process relationships are not supported", 14, 10)]
    [InlineData("process where a and not child of [process where true]", "Process relationships are not supported", 24, 5)]
    [InlineData("process where a[0] == 1", "Array indexes are not supported", 15, 2)]
    [InlineData("process where a.b[12 3] == 1", "Array indexes are not supported", 17, 3)]
    public void WhatElasticsearchRefusesIsNotSupported(string text, string message, int start, int length)
    {
        var e = Assert.Throws<EqlSyntaxException>(() => EqlParser.Parse(text));
        Assert.Equal(message, e.Message);
        Assert.Equal((start, length), (e.Start, e.Length));
        Assert.True(e.NotSupported);
    }

    [Fact]
    public void KeywordsAreLowercaseAndBackQuotesMakeThemNames()
    {
        var field = Condition<EqlComparisonExpression>("event.`sequence` == 1").Left;
        Assert.Equal("event.sequence", Assert.IsType<EqlFieldReference>(field).Name);
        Assert.Equal("AND", Assert.IsType<EqlFieldReference>(Condition<EqlComparisonExpression>("AND == 1").Left).Name);
        var query = EqlParser.Parse("\"sequence\" where true");
        Assert.Equal((EqlCategoryForm.String, "sequence", "\"sequence\""), (query.Body is EqlEventQuery e ? (e.Filter.Category.Form, e.Filter.Category.Name, e.Filter.Category.Raw) : default));
        Assert.True(((EqlEventQuery)EqlParser.Parse("any where true").Body).Filter.Category.IsAny);
        // Operator keywords are never meant as names: no back-quote hint for them.
        Assert.DoesNotContain("keyword", Assert.Throws<EqlSyntaxException>(() => EqlParser.Parse("any where a == not b")).Message);
        Assert.Contains("keyword", Assert.Throws<EqlSyntaxException>(() => EqlParser.Parse("any where a == where")).Message);
    }

    [Fact]
    public void CommentsAndWhiteSpaceAreSkipped()
    {
        string text = "process /* a /* nested */ comment */ where // to the end of the line\r\n\ttrue // last";
        var filter = ((EqlEventQuery)EqlParser.Parse(text).Body).Filter;
        Assert.Equal((EqlLiteralKind.Boolean, "true", 71), (((EqlLiteral)filter.Condition).Kind, ((EqlLiteral)filter.Condition).Value, filter.Condition.Start));
    }

    [Fact]
    public void NumbersKeepTheirKindAndText()
    {
        var values = Condition<EqlInExpression>("a in (1, 8589934592, 1.5, 1., .5, 5e14, 1.5E-3, 2e+1)").List.Cast<EqlLiteral>();
        Assert.Equal(new[] { "Integer 1", "Integer 8589934592", "Decimal 1.5", "Decimal 1.", "Decimal .5", "Decimal 5e14", "Decimal 1.5E-3", "Decimal 2e+1" },
            values.Select(v => $"{v.Kind} {v.Value}"));
        // A letter after digits is its own token: the time unit of maxspan=15m, or here a syntax error.
        var e = Assert.Throws<EqlSyntaxException>(() => EqlParser.Parse("any where a == 5e"));
        Assert.Equal((16, 1), (e.Start, e.Length));
    }

    [Fact]
    public void MaxspanAndRunsAreChecked()
    {
        var sequence = (EqlSequence)EqlParser.Parse("sequence with maxspan=500ms [a where true] [b where true] with runs=100").Body;
        Assert.Equal(("500", "ms", 500L), (sequence.MaxSpan!.Number, sequence.MaxSpan.Unit, sequence.MaxSpan.Milliseconds));
        Assert.Equal(100, sequence.Stages[1].Runs!.Count);
        Assert.Null(sequence.Stages[0].Runs);
        foreach (var (span, milliseconds) in new[] { ("1s", 1000L), ("2m", 120_000L), ("3h", 10_800_000L), ("1d", 86_400_000L) })
        {
            Assert.Equal(milliseconds, ((EqlSequence)EqlParser.Parse($"sequence with maxspan={span} [a where true]").Body).MaxSpan!.Milliseconds);
        }
    }

    private static T Condition<T>(string condition) where T : EqlExpression =>
        Assert.IsType<T>(((EqlEventQuery)EqlParser.Parse("any where " + condition).Body).Filter.Condition);

    /// <summary>Every node lies inside its parent and inside the text; literals' Raw is the text at their span.</summary>
    private static void AssertSpansNest(EqlQuery query, string text)
    {
        Assert.InRange(query.Start, 0, text.Length);
        Assert.InRange(query.End, query.Start, text.Length);
        Assert.Equal(text.Trim().Length > 0, query.Length > 0);
        foreach (var (parent, child) in Edges(query))
        {
            Assert.True(child.Start >= parent.Start && child.End <= parent.End,
                $"{child.GetType().Name} @{child.Start}+{child.Length} is outside {parent.GetType().Name} @{parent.Start}+{parent.Length}");
            if (child is EqlLiteral literal) Assert.Equal(literal.Raw, text.Substring(literal.Start, literal.Length));
            if (child is EqlNameSegment segment) Assert.Equal(segment.Raw, text.Substring(segment.Start, segment.Length));
        }
    }

    internal static IEnumerable<(EqlNode Parent, EqlNode Child)> Edges(EqlNode node)
    {
        foreach (EqlNode child in Children(node))
        {
            yield return (node, child);
            foreach (var edge in Edges(child)) yield return edge;
        }
    }

    private static IEnumerable<EqlNode> Children(EqlNode node) => node switch
    {
        EqlQuery q => new EqlNode[] { q.Body }.Concat(q.Pipes),
        EqlEventQuery e => new EqlNode[] { e.Filter },
        EqlEventFilter f => new EqlNode[] { f.Category, f.Condition },
        EqlSequence s => s.By.Cast<EqlNode>().Concat(Optional(s.MaxSpan)).Concat(s.Stages).Concat(Optional(s.Until)),
        EqlSample s => s.By.Cast<EqlNode>().Concat(s.Stages),
        EqlJoin j => j.By.Cast<EqlNode>().Concat(j.Stages).Concat(Optional(j.Until)),
        EqlStage s => new EqlNode[] { s.Filter }.Concat(s.By).Concat(Optional(s.Runs)),
        EqlPipe p => p.Arguments,
        EqlLogicalExpression l => l.Operands,
        EqlNotExpression n => new EqlNode[] { n.Operand },
        EqlComparisonExpression c => new EqlNode[] { c.Left, c.Right },
        EqlInExpression i => new EqlNode[] { i.Value }.Concat(i.List),
        EqlPatternExpression p => new EqlNode[] { p.Value }.Concat(p.Patterns),
        EqlArithmeticExpression a => a.Operands,
        EqlUnaryExpression u => new EqlNode[] { u.Operand },
        EqlFunctionCall f => f.Arguments,
        EqlFieldReference f => f.Segments,
        _ => Array.Empty<EqlNode>(),
    };

    private static IEnumerable<EqlNode> Optional(EqlNode? node) => node is null ? Array.Empty<EqlNode>() : new[] { node };
}
