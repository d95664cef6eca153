using System;
using System.Linq;
using RuleGen.Generator.Languages.Kql;
using RuleGen.Generator.Limits;
using Xunit;

namespace RuleGen.Tests.Kql;

/// <summary>
/// Syntax errors are a <see cref="KqlSyntaxException"/> at the offending token (length 0 at the end of the query),
/// with a message that says what was expected; too deep or too long queries a located <see cref="LimitExceededException"/>.
/// </summary>
public class KqlErrorTests
{
    private static KqlSyntaxException Error(string query) => Assert.Throws<KqlSyntaxException>(() => KqlParser.Parse(query));

    [Theory]
    // kuery_syntax_error.test.ts: the same offsets as Kibana's caret.
    [InlineData("response:", 9, 0, "expected a value after ':', found the end of the query")]                    // a field query missing a value
    [InlineData("response:200 or ", 16, 0, "expected a query after OR, found the end of the query")]             // an OR query missing a right side sub-query
    [InlineData("response:(200 or )", 17, 1, "expected a value after OR, found ')'")]                            // an OR list of values missing a right side sub-query
    [InlineData("response:200 and not ", 21, 0, "expected a query after NOT, found the end of the query")]       // a NOT query missing a sub-query
    [InlineData("response:(200 and not )", 22, 1, "expected a value after NOT, found ')'")]                      // a "missing a sub-query
    [InlineData("foo:\"ba ", 4, 1, "unterminated quoted string: the closing '\"' is missing")]                   // unbalanced quotes
    [InlineData("foo:\"ba \"r\"", 9, 1, "expected AND, OR or the end of the query, found 'r'")]                  // unescaped quotes in a quoted string
    [InlineData("foo:ba:r", 6, 1, "expected AND, OR or the end of the query, found ':' (escape a ':' inside a value as '\\:', or quote the value)")] // unescaped special characters in literals
    [InlineData("foo > ", 6, 0, "expected a value after '>', found the end of the query")] // range queries missing a value
    [InlineData("< 1000", 0, 1, "expected a query, found '<' (escape a '<' inside a value as '\\<', or quote the value)")] // range queries missing a field
    // Unbalanced parentheses and braces: at the opener never closed, or at the closer with no opener.
    [InlineData("(a:b", 0, 1, "'(' is never closed: expected ')'")]
    [InlineData("x and (a:b or (c:d)", 6, 1, "'(' is never closed: expected ')'")]
    [InlineData("a:(b or c", 2, 1, "'(' is never closed: expected ')'")]
    [InlineData("a:{ b:c ", 2, 1, "'{' is never closed: expected '}'")]
    [InlineData("a:b)", 3, 1, "')' has no matching '('")]
    [InlineData("(a:b))", 5, 1, "')' has no matching '('")]
    [InlineData("a:b }", 4, 1, "'}' has no matching '{'")]
    [InlineData("a:(b}", 4, 1, "expected AND, OR or ')', found '}'")]
    [InlineData("a:{ b:c )", 8, 1, "expected AND, OR or '}', found ')'")]
    [InlineData("()", 1, 1, "expected a query after '(', found ')'")]
    [InlineData("a:()", 3, 1, "expected a value after '(', found ')'")]
    [InlineData("a:{}", 3, 1, "expected a query after '{', found '}'")]
    // Dangling operators: "and" needs a query after it (at the end, the error is where it was expected).
    [InlineData("a:b and ", 8, 0, "expected a query after AND, found the end of the query")]
    [InlineData("a:\"b\" and", 6, 3, "AND ends the query: expected a query after it")]
    [InlineData("a:\"b\"and", 5, 3, "AND needs whitespace before it")]
    [InlineData("a:b and )", 8, 1, "expected a query after AND, found ')'")]
    [InlineData("(a:b)and c", 5, 3, "AND needs whitespace before it")]
    [InlineData("a:\"b\" or(c)", 6, 2, "OR needs whitespace after it")]
    // NOT where the grammar has none.
    [InlineData("not not a", 4, 3, "expected a query after NOT, found NOT: KQL has no 'not not'; write 'not (not …)'")]
    [InlineData("a:not b", 2, 3, "expected a value after ':', found NOT: to negate, write 'not field:value' or 'field:(not value)'; to match the word, quote it")]
    [InlineData("a:(not not b)", 7, 3, "expected a value after NOT, found NOT: KQL has no 'not not'; write 'not (not …)'")]
    [InlineData("a:b not c", 4, 3, "expected AND or OR before NOT")]
    [InlineData("message:cannot find", 11, 3, "expected AND or OR before NOT")]     // Keyword 'not'i Space ends a value anywhere
    [InlineData("not(a)", 3, 1, "expected AND, OR or the end of the query, found '('")] // "not" is free text, then '(' is left
    // Escapes an unquoted literal does not have.
    [InlineData("a:b\\x", 3, 2, "'\\x' is not a KQL escape; write '\\\\' for a backslash (escapes: \\\\ \\( \\) \\: \\< \\> \\\" \\* \\{ \\} \\t \\r \\n \\uXXXX \\and \\or \\not)")]
    [InlineData("a\\ b:c", 1, 2, "'\\ ' is not a KQL escape; write '\\\\' for a backslash (escapes: \\\\ \\( \\) \\: \\< \\> \\\" \\* \\{ \\} \\t \\r \\n \\uXXXX \\and \\or \\not)")]
    [InlineData("a:b\\", 3, 1, "a '\\' at the end of the query escapes nothing; write '\\\\' for a backslash")]
    [InlineData("a:\\u12", 2, 4, "'\\u' must be followed by four hex digits")]
    [InlineData("a:\\U0041", 2, 2, "'\\U' is not a KQL escape; write '\\\\' for a backslash (escapes: \\\\ \\( \\) \\: \\< \\> \\\" \\* \\{ \\} \\t \\r \\n \\uXXXX \\and \\or \\not)")]
    // Other misplaced pieces.
    [InlineData(":a", 0, 1, "expected a query, found ':' (escape a ':' inside a value as '\\:', or quote the value)")]
    [InlineData("a:b:c", 3, 1, "expected AND, OR or the end of the query, found ':' (escape a ':' inside a value as '\\:', or quote the value)")]
    [InlineData("a:\"b\" c", 6, 1, "expected AND, OR or the end of the query, found 'c'")]
    [InlineData("a:b (c)", 4, 1, "expected AND, OR or the end of the query, found '('")]
    [InlineData("a {", 2, 1, "expected AND, OR or the end of the query, found '{' (a nested query is written field:{ … })")]
    [InlineData("a > (1)", 4, 1, "expected a value after '>', found '(' (a range compares with one value, not a list)")]
    [InlineData("a:b < c", 4, 1, "expected AND, OR or the end of the query, found '<' (escape a '<' inside a value as '\\<', or quote the value)")]
    [InlineData("a:\"x\"yz", 5, 2, "expected AND, OR or the end of the query, found 'yz'")]
    public void ErrorsAreAtTheOffendingToken(string query, int start, int length, string message)
    {
        KqlSyntaxException e = Error(query);
        Assert.Equal((message, start, length), (e.Message, e.Start, e.Length));
        Assert.False(e.NotSupported);
    }

    [Fact]
    public void DeepParenthesesAreALimitErrorAtTheFirstParenthesisPastTheLimit()
    {
        string query = new string('(', 150) + "a" + new string(')', 150);
        var e = Assert.Throws<LimitExceededException>(() => KqlParser.Parse(query));
        Assert.True(e.IsNesting);
        Assert.Equal((100, 1), (e.Start, e.Length));       // the 101st '(' opens level 101
        Assert.Equal("The query is nested too deeply (limit 100)", e.Message);
        Assert.Equal("(is #null 'a')", KqlSyntaxPrinter.Kibana(KqlParser.Parse(new string('(', 100) + "a" + new string(')', 100))));
    }

    [Fact]
    public void DeepNotsBracesAndValueListsAreLimitErrorsToo()
    {
        // not (not (…: each NOT and each '(' is a level; the 101st level is the 51st NOT, at 50 × "not (".
        string nots = string.Concat(Enumerable.Repeat("not (", 60)) + "a" + new string(')', 60);
        Assert.Equal(250, Assert.Throws<LimitExceededException>(() => KqlParser.Parse(nots)).Start);

        string braces = string.Concat(Enumerable.Repeat("a:{", 150)) + "b" + new string('}', 150);
        Assert.Equal(2 + 3 * 100, Assert.Throws<LimitExceededException>(() => KqlParser.Parse(braces)).Start);

        string values = "a:" + new string('(', 150) + "b" + new string(')', 150);
        Assert.Equal(2 + 100, Assert.Throws<LimitExceededException>(() => KqlParser.Parse(values)).Start);
    }

    [Fact]
    public void AHostileNestingOnACompilerSizedStackIsALimitErrorNotAStackOverflow()
    {
        // 200,000 levels on the 1 MB stack Roslyn gives generators: a crash here would end the test run.
        string query = new string('(', 200_000) + "a" + new string(')', 200_000);
        string values = "a:" + string.Concat(Enumerable.Repeat("(not ", 100_000)) + "b";
        Assert.True(SmallStack.Run(() => Assert.Throws<LimitExceededException>(() => KqlParser.Parse(query)).IsNesting));
        Assert.True(SmallStack.Run(() => Assert.Throws<LimitExceededException>(() => KqlParser.Parse(values)).IsNesting));
    }

    [Fact]
    public void TooManyTermsIsALimitErrorAtTheFirstTermPastTheLimit()
    {
        // 5,000 "f:v" pairs are 10,000 terms; one more value is past the limit.
        string within = string.Join(" or ", Enumerable.Repeat("f:v", 5000));
        Assert.NotNull(KqlParser.Parse(within).Expression);
        var e = Assert.Throws<LimitExceededException>(() => KqlParser.Parse(within + " or x"));
        Assert.False(e.IsNesting);
        Assert.Equal((within.Length + 4, 1), (e.Start, e.Length));
    }

    [Fact]
    public void EveryErrorLiesInsideTheQuery()
    {
        foreach (string query in new[] { "a:", "(", "\"", "\\", "a:b and ", "not ", "a:{", ")" })
        {
            KqlSyntaxException e = Error(query);
            Assert.InRange(e.Start, 0, query.Length);
            Assert.InRange(e.Start + e.Length, e.Start, query.Length);
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }
    }
}
