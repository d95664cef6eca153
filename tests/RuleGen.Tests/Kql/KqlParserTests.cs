using System.Linq;
using RuleGen.Generator.Languages.Kql;
using Xunit;

namespace RuleGen.Tests.Kql;

/// <summary>
/// The parser against Kibana's own tests of its kuery parser (@kbn/es-query, src/kuery/…), each row citing its case,
/// and against the rules of its grammar (grammar.peggy, cited by rule name) where Kibana has no test. Expectations
/// are in Kibana's AST shape (<see cref="KqlSyntaxPrinter.Kibana"/>): <c>(is FIELD VALUE)</c> with <c>#null</c> for free
/// text, value lists distributed over their field, <c>"quoted"</c> and <c>'unquoted'</c> literals where <c>*</c> is a
/// wildcard and <c>\*</c> a literal star.
/// </summary>
public class KqlParserTests
{
    private static string Kibana(string query) => KqlSyntaxPrinter.Kibana(KqlParser.Parse(query));

    private static KqlLiteral OnlyValue(string query)
    {
        var match = Assert.IsType<KqlMatchExpression>(KqlParser.Parse(query).Expression);
        return Assert.IsType<KqlLiteral>(match.Value);
    }

    [Theory]
    // ast.test.ts, fromKueryExpression:
    [InlineData("  ", "(is '*' '*')")]                                      // should return a match all "is" function for whitespace
    [InlineData("", "(is '*' '*')")]                                        // (the grammar's start: OrQuery is optional)
    [InlineData("foo", "(is #null 'foo')")]                                  // should return an "is" function with a null field for single literals
    [InlineData("  foo ", "(is #null 'foo')")]                               // should ignore extraneous whitespace at the beginning and end of the query
    [InlineData("foo bar", "(is #null 'foo bar')")]                          // should not split on whitespace
    [InlineData("foo and bar", "(and (is #null 'foo') (is #null 'bar'))")]    // should support "and" as a binary operator
    [InlineData("foo and\u00A0bar", "(and (is #null 'foo') (is #null 'bar'))")] // nbsp should be recognised as whitespace
    [InlineData("foo or bar", "(or (is #null 'foo') (is #null 'bar'))")]      // should support "or" as a binary operator
    [InlineData("foo and bar and baz", "(and (is #null 'foo') (is #null 'bar') (is #null 'baz'))")] // should not nest same-level "and"
    [InlineData("foo or bar or baz", "(or (is #null 'foo') (is #null 'bar') (is #null 'baz'))")]    // should not nest same-level "or"
    [InlineData("not (foo or bar)", "(not (or (is #null 'foo') (is #null 'bar')))")]               // should support negation of queries with a "not" prefix
    [InlineData("foo or bar and baz or qux", "(or (is #null 'foo') (and (is #null 'bar') (is #null 'baz')) (is #null 'qux'))")] // "and" should have a higher precedence than "or"
    [InlineData("(foo or bar) and baz", "(and (or (is #null 'foo') (is #null 'bar')) (is #null 'baz'))")] // should support grouping to override default precedence
    [InlineData("foo:bar", "(is 'foo' 'bar')")]                             // should support matching against specific fields
    [InlineData("foo:bar baz", "(is 'foo' 'bar baz')")]                     // should also not split on whitespace when matching specific fields
    [InlineData("foo:\"bar baz\"", "(is 'foo' \"bar baz\")")]               // should treat quoted values as phrases
    [InlineData("foo:(bar or baz)", "(or (is 'foo' 'bar') (is 'foo' 'baz'))")] // should support a shorthand for matching multiple values against a single field
    [InlineData("foo:((bar or baz) and not qux)", "(and (or (is 'foo' 'bar') (is 'foo' 'baz')) (not (is 'foo' 'qux')))")] // should support "and" and "not" operators and grouping in the shorthand as well
    [InlineData("bytes > 1000 and bytes < 8000", "(and (range 'bytes' gt '1000') (range 'bytes' lt '8000'))")]      // should support exclusive range operators
    [InlineData("bytes >= 1000 and bytes <= 8000", "(and (range 'bytes' gte '1000') (range 'bytes' lte '8000'))")] // should support inclusive range operators
    [InlineData("machine*:osx", "(is 'machine*' 'osx')")]                   // should support wildcards in field names
    [InlineData("foo:ba*", "(is 'foo' 'ba*')")]                             // should support wildcards in values
    [InlineData("foo:*", "(is 'foo' '*')")]                                 // should create an exists "is" query when a field is given and "*" is the value
    [InlineData("nestedField:{ childOfNested: foo }", "(nested 'nestedField' (is 'childOfNested' 'foo'))")] // should support nested queries indicated by curly braces
    [InlineData("response:200 and nestedField:{ childOfNested:foo or childOfNested:bar }",
        "(and (is 'response' '200') (nested 'nestedField' (or (is 'childOfNested' 'foo') (is 'childOfNested' 'bar'))))")] // should support nested subqueries and subqueries inside nested queries
    [InlineData("response:200 and ( nestedField:{ childOfNested:foo } or nestedField:{ childOfNested:bar } )",
        "(and (is 'response' '200') (or (nested 'nestedField' (is 'childOfNested' 'foo')) (nested 'nestedField' (is 'childOfNested' 'bar'))))")] // should support nested sub-queries inside paren groups
    [InlineData("nestedField:{ nestedChild:{ doublyNestedChild:foo } }",
        "(nested 'nestedField' (nested 'nestedChild' (is 'doublyNestedChild' 'foo')))")] // should support nested groups inside other nested groups
    [InlineData("not fleet-agent-actions.attributes.sent_at: * and fleet-agent-actions.attributes.agent_id:1234567",
        "(and (not (is 'fleet-agent-actions.attributes.sent_at' '*')) (is 'fleet-agent-actions.attributes.agent_id' '1234567'))")] // performance: with simple expression
    [InlineData("((((((((((foo))))))))))", "(is #null 'foo')")]              // performance: with many subqueries
    [InlineData("field: (value AND value2 OR \"value3\") OR nested: { field2: value4 }",
        "(or (or (and (is 'field' 'value') (is 'field' 'value2')) (is 'field' \"value3\")) (nested 'nested' (is 'field2' 'value4')))")] // toKqlExpression: fromKueryExpression toKqlExpression
    // get_is_kql_free_text.test.ts:
    [InlineData("\"quoted text\"", "(is #null \"quoted text\")")]            // returns true for simple free text
    [InlineData("service.name: my-service", "(is 'service.name' 'my-service')")] // returns false for fielded queries
    [InlineData("user.id: 123 or user.name: \"Alice\"", "(or (is 'user.id' '123') (is 'user.name' \"Alice\"))")]
    [InlineData("service.name: my-service AND foo", "(and (is 'service.name' 'my-service') (is #null 'foo'))")] // returns true for mixed fielded and free text
    [InlineData("bar OR host.name: \"host\"", "(or (is #null 'bar') (is 'host.name' \"host\"))")]
    [InlineData("user.names:{ first: \"Alice\" and last: \"White\" }", "(nested 'user.names' (and (is 'first' \"Alice\") (is 'last' \"White\")))")] // returns false for nested field queries
    public void KibanasParserTestsGiveKibanasTrees(string query, string expected) => Assert.Equal(expected, Kibana(query));

    [Theory]
    // ast.test.ts, fromLiteralExpression: should create literal nodes for unquoted values with correct primitive
    // types. Numbers stay text (the binder gives them a type from the field); the words true and false are booleans.
    [InlineData(".3")]
    [InlineData("-4")]
    [InlineData("0.0")]
    [InlineData("96565646732345")]
    [InlineData("070")]
    [InlineData("..4")]
    [InlineData(".3text")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("0.0.1")]
    [InlineData("3.")]
    [InlineData("--4")]
    [InlineData("-.4")]
    [InlineData("00949")]
    public void UnquotedNumbersKeepTheirText(string literal)
    {
        KqlLiteral value = OnlyValue("f:" + literal);
        Assert.Equal((literal, KqlLiteralKind.Text, false), (value.Value, value.Kind, value.IsQuoted));
    }

    [Theory]
    [InlineData("true", "True")]    // fromLiteralExpression('true') is literal true
    [InlineData("false", "False")]  // fromLiteralExpression('false') is literal false
    [InlineData("null", "Null")]    // UnquotedLiteral: sequence === 'null' is literal null
    [InlineData("\"true\"", "Text")] // QuotedString is always text
    [InlineData("TRUE", "Text")]    // the comparison is case-sensitive
    [InlineData("Null", "Text")]
    [InlineData("true  ", "True")]  // after the trim
    public void OnlyTheExactUnquotedWordsAreNullTrueAndFalse(string literal, string kind) =>
        Assert.Equal(kind, OnlyValue("f:" + literal).Kind.ToString());

    [Theory]
    // ast.test.ts, fromLiteralExpression (the JavaScript strings of the tests, unescaped once):
    [InlineData(@"\\\(\)\:\<\>\""\*", @"'\\():<>""\*'")]   // should allow escaping of special characters with a backslash
    [InlineData(@"\\u00A0", @"'\\u00A0'")]                 // should allow escaping of unicode sequences with a backslash (an escaped backslash first)
    [InlineData(@"""\():<>\""*""", @"""\\():<>\""*""")]     // should support double quoted strings that do not need escapes except for quotes
    [InlineData(@"""\\""", @"""\\""")]                     // should support escaped backslashes inside quoted strings
    [InlineData(@"""\\u00A0""", @"""\\u00A0""")]           // should support escaped unicode sequences inside quoted strings
    [InlineData("foo*bar", "'foo*bar'")]                   // should detect wildcards and build wildcard AST nodes
    // escape_kuery.test.ts: what escapeKuery writes parses back to the text it escaped, '?' included.
    [InlineData(@"This \\ has \(a lot of\) \<special\> characters, don't you \*think\*? \""Yes.\""",
        @"'This \\ has (a lot of) <special> characters, don\'t you \*think\*? ""Yes.""'")] // should escape special characters
    [InlineData(@"foo \AND bar", "'foo AND bar'")]         // should escape uppercase keywords
    [InlineData(@"And this has keywords, \or does it not?", "'And this has keywords, or does it not?'")] // should not escape keywords without surrounding spaces
    [InlineData(@"Hello, world, \and \<nice\> to meet you!", "'Hello, world, and <nice> to meet you!'")] // should escape both keywords and special characters
    [InlineData(@"This\nhas\tnewlines\r\nwith\ttabs", @"'This\nhas\tnewlines\r\nwith\ttabs'")] // should escape newlines and tabs
    // escape_kuery.test.ts, should escape keywords: escapeKuery writes "\not", but the grammar reads EscapedWhitespace
    // before EscapedKeyword, so "\not" is a line break and "ot". Kibana parses it so; so does RuleGen.
    [InlineData(@"foo \and bar \or baz \not qux", @"'foo and bar or baz \not qux'")]
    [InlineData(@"\NOT", "'NOT'")]                         // EscapedKeyword: 'not'i, any case but the lower-case n
    // Grammar rules:
    [InlineData(@"\u0041\u00e9", "'Aé'")]                  // EscapedUnicodeSequence: four hex digits, any case
    [InlineData(@"""a\tb\u0041\q""", @"""a\tbA\\q""")]     // QuotedCharacter: \t and \uXXXX escapes, any other backslash is itself
    [InlineData("\"a\nb\"", @"""a\nb""")]                  // QuotedCharacter: [^"] takes raw line breaks
    [InlineData("\"*\"", "\"*\"")]                         // a '*' in quotes is a plain star
    [InlineData(@"\**", @"'\**'")]                         // an escaped '*' is a plain star, the next one a wildcard
    [InlineData("fo?", "'fo?'")]                           // '?' is not a wildcard (Kibana escapes it: wildcard.ts escapeQueryString)
    [InlineData(@"\tfoo\u0020", "'foo'")]                  // chars.join('').trim(): escaped whitespace is trimmed too
    [InlineData("foo\u2003", "'foo'")]                     // JavaScript's trim removes every Unicode space, not only Space
    [InlineData(@"a\:b", "'a:b'")]                         // EscapedSpecialCharacter
    [InlineData("a \\or b", "'a or b'")]                   // EscapedKeyword: the keyword stays in the value
    [InlineData("x or", "'x or'")]                         // Keyword needs Space after "or": at the end it is text
    public void LiteralsAreReadAsTheGrammarReadsThem(string literal, string expected) =>
        Assert.Equal(expected, KqlSyntaxPrinter.Show(OnlyValue("f:" + literal)));

    [Theory]
    // Grammar rules with no Kibana test of their own:
    [InlineData("a:1 AND b:2 Or c:3 aNd d:4", "(or (and (is 'a' '1') (is 'b' '2')) (and (is 'c' '3') (is 'd' '4')))")] // 'and'i, 'or'i: any case
    [InlineData("not a:1 and b:2", "(and (not (is 'a' '1')) (is 'b' '2'))")]                   // precedence: not > and
    [InlineData("NOT a:1 or not b:2 and c:3", "(or (not (is 'a' '1')) (and (not (is 'b' '2')) (is 'c' '3')))")]
    [InlineData("a:\"and\" or b:\"not x\" or c:\"or\"", "(or (is 'a' \"and\") (is 'b' \"not x\") (is 'c' \"or\"))")] // keywords as values, quoted
    [InlineData(@"a:\and or b:x \or y", "(or (is 'a' 'and') (is 'b' 'x or y'))")]              // keywords as values, escaped
    [InlineData("a:and or b:or", "(or (is 'a' 'and') (is 'b' 'or'))")]                         // alone, or/and need no escape
    [InlineData("foo  or bar", "(or (is #null 'foo') (is #null 'bar'))")]                        // Or: Space+ on both sides
    [InlineData("a:b and", "(is 'a' 'b and')")]                                                // Keyword needs a Space after: "b and" is one value
    [InlineData("a:(b and)", "(is 'a' 'b and')")]
    [InlineData("and a:b", "(is 'and a' 'b')")]                                                // a leading "and" is text
    [InlineData("a:b or or ", "(or (is 'a' 'b') (is #null 'or'))")]                            // after Or's Space+, "or" is a value
    [InlineData("a:(b or (c and not d))", "(or (is 'a' 'b') (and (is 'a' 'c') (not (is 'a' 'd'))))")] // nested value lists
    [InlineData("a:(not (b or c))", "(not (or (is 'a' 'b') (is 'a' 'c')))")]
    [InlineData("a:( b c or d )", "(or (is 'a' 'b c') (is 'a' 'd'))")]                         // spaces inside values of a list
    [InlineData("\"a b\":c", "(is \"a b\" 'c')")]                                              // Field = Literal: quoted field names
    [InlineData(@"a\u0020b\:c:d", "(is 'a b:c' 'd')")]                                        // ... or unquoted with escapes
    [InlineData("foo bar:baz", "(is 'foo bar' 'baz')")]                                        // ... or unquoted with spaces
    [InlineData("aws.*:x", "(is 'aws.*' 'x')")]                                                // wildcard field names
    [InlineData("*:*", "(is '*' '*')")]                                                        // every field exists: Kibana's match_all
    [InlineData("a<b", "(range 'a' lt 'b')")]                                                  // FieldRangeExpression: Space* around the operator
    [InlineData("a >= \"2020-01-01\"", "(range 'a' gte \"2020-01-01\")")]                      // ... and a quoted value
    [InlineData("a > *", "(range 'a' gt '*')")]                                                // ... Literal takes wildcards too
    [InlineData("a< =b", "(range 'a' lt '=b')")]                                               // '<' then the literal "=b"
    [InlineData("a:b\n\tand\u00A0c:d\r\n", "(and (is 'a' 'b') (is 'c' 'd'))")]                 // Space: [ \t\r\n\u00A0]
    [InlineData("( a:b )", "(is 'a' 'b')")]                                                    // Space* inside parentheses
    [InlineData("a : { b : c }", "(nested 'a' (is 'b' 'c'))")]                                 // Space* around ':' and '{'
    [InlineData("a:{ b }", "(nested 'a' (is #null 'b'))")]                                      // free text inside a nested query
    [InlineData("not(a)", null)]                                                               // Not needs Space+ (an error)
    [InlineData("nota:b", "(is 'nota' 'b')")]
    [InlineData("NOT:b", "(is 'NOT' 'b')")]
    [InlineData("cannot", "(is #null 'cannot')")]                                               // "not" followed by nothing is text
    [InlineData("null:x", "(is #null 'x')")]                                                   // a field literal null: to Kibana, free text
    public void TheGrammarsRulesHold(string query, string? expected)
    {
        if (expected is null) Assert.Throws<KqlSyntaxException>(() => KqlParser.Parse(query));
        else Assert.Equal(expected, Kibana(query));
    }

    [Fact]
    public void FreeTextIsAMatchWithoutField()
    {
        var text = Assert.IsType<KqlMatchExpression>(KqlParser.Parse(" \"quoted text\" ").Expression);
        Assert.Null(text.Field);
        Assert.Equal(-1, text.ColonStart);
        Assert.Equal((1, 13), (text.Start, text.Length));
    }

    [Fact]
    public void LiteralsKeepTheirRawTextUnescapedTextAndWildcardPlaces()
    {
        const string query = @"f : *a\*b*\:c  ";
        var match = Assert.IsType<KqlMatchExpression>(KqlParser.Parse(query).Expression);
        var value = Assert.IsType<KqlLiteral>(match.Value);
        Assert.Equal(("f", 0, 1), (match.Field!.Value, match.Field.Start, match.Field.Length));
        Assert.Equal(2, match.ColonStart);
        Assert.Equal(@"*a\*b*\:c", value.Raw);
        Assert.Equal("*a*b*:c", value.Value);
        Assert.Equal(new[] { 0, 4 }, value.WildcardIndexes);
        Assert.False(value.IsQuoted);
        Assert.False(value.IsLoneWildcard);
        // The trailing spaces are part of the literal's text for the grammar, not of its span.
        Assert.Equal((4, 9), (value.Start, value.Length));
        Assert.Equal((0, 13), (match.Start, match.Length));
    }

    [Fact]
    public void SpansCoverTheParenthesesAroundOperandsButNotAroundTheNodeItself()
    {
        const string query = "(a:1) and not (b:(2 or 3))";
        var and = Assert.IsType<KqlLogicalExpression>(KqlParser.Parse(query).Expression);
        Assert.Equal((0, query.Length), (and.Start, and.End));
        var first = Assert.IsType<KqlMatchExpression>(and.Operands[0]);
        Assert.Equal((1, 4), (first.Start, first.End));
        var not = Assert.IsType<KqlNotExpression>(and.Operands[1]);
        Assert.Equal((10, query.Length), (not.Start, not.End));
        var list = Assert.IsType<KqlMatchExpression>(not.Operand);
        Assert.Equal((15, 25), (list.Start, list.End));          // b:(2 or 3), its own parentheses included
        var or = Assert.IsType<KqlValueLogical>(list.Value);
        Assert.Equal((18, 24), (or.Start, or.End));
    }

    [Fact]
    public void RangeAndNestedNodesHaveTheirPieces()
    {
        var range = Assert.IsType<KqlRangeExpression>(KqlParser.Parse("bytes  <=  \"10\"").Expression);
        Assert.Equal((KqlRangeOperator.LessOrEqual, 7, 2), (range.Operator, range.OperatorStart, range.OperatorLength));
        Assert.Equal(("bytes", "10", true), (range.Field.Value, range.Value.Value, range.Value.IsQuoted));
        Assert.Equal((0, 15), (range.Start, range.End));

        var nested = Assert.IsType<KqlNestedExpression>(KqlParser.Parse("a.b:{ c:d }  ").Expression);
        Assert.Equal(("a.b", 0, 11), (nested.Path.Value, nested.Start, nested.End));
    }

    [Fact]
    public void ALoneWildcardIsTheExistsValueAndOnlyThat()
    {
        Assert.True(OnlyValue("f:*").IsLoneWildcard);
        Assert.True(OnlyValue("f: *  ").IsLoneWildcard);
        Assert.False(OnlyValue("f:**").IsLoneWildcard);      // wildcard.ts isLoneWildcard replaces one symbol only
        Assert.False(OnlyValue(@"f:\*").IsLoneWildcard);
        Assert.False(OnlyValue("f:\"*\"").IsLoneWildcard);
    }

    [Fact]
    public void AKeywordChainOfThousandsOfTermsIsFlat()
    {
        string query = string.Join(" or ", Enumerable.Range(0, 5000).Select(i => $"f:{i}"));
        var or = Assert.IsType<KqlLogicalExpression>(KqlParser.Parse(query).Expression);
        Assert.Equal(5000, or.Operands.Count);
    }
}
