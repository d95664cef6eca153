using RuleGen.Generator.Languages.Eql;
using Xunit;

namespace RuleGen.Tests.Eql;

/// <summary>
/// EQL string literals as Elasticsearch reads them: the escapes of EqlBase.g4's STRING_ESCAPE (\b \t \n \f \r \" \'
/// \\; the syntax reference lists the common five), \u{…} code points with the messages of Elasticsearch's
/// ExpressionTests, raw """…""" strings with up to two extra closing quotes, and the obsolete forms refused.
/// </summary>
public class EqlStringTests
{
    [Theory]
    [InlineData("\"hello world\"", "hello world")]
    [InlineData("\"\"", "")]
    [InlineData("\"a\\tb\"", "a\tb")]
    [InlineData("\"a\\nb\"", "a\nb")]
    [InlineData("\"a\\rb\"", "a\rb")]
    [InlineData("\"a\\\"b\"", "a\"b")]
    [InlineData("\"a\\\\b\"", "a\\b")]
    [InlineData("\"a\\bb\"", "a\bb")]
    [InlineData("\"a\\fb\"", "a\fb")]
    [InlineData("\"a\\'b\"", "a'b")]
    [InlineData("\"it's\"", "it's")]
    [InlineData("\"C:\\\\Windows\\\\*\\\\\"", "C:\\Windows\\*\\")]
    [InlineData("\"\\u{41}\"", "A")]
    [InlineData("\"\\u{0021}\"", "!")]
    [InlineData("\"\\u{00Eb}\"", "ë")]
    [InlineData("\"\\u{200f}\"", "\u200f")]
    [InlineData("\"\\u{0000200F}\"", "\u200f")]
    [InlineData("\"\\u{1F4A9}\"", "\U0001F4A9")]
    [InlineData("\"\\u{0010989}\"", "\uD802\uDD89")]
    [InlineData("\"\\u{d7FF}\\u{e000}\"", "\uD7FF\uE000")]
    [InlineData("\"\\u{00}\"", "\0")]
    [InlineData("\"\\u{10FFFF}\"", "\U0010FFFF")]
    // A backslash escaped before u is not an escape: the text \u123 stays.
    [InlineData("\"foo\\\\u123foo\"", "foo\\u123foo")]
    [InlineData("\"foo\\\\\\u{123f}oo\"", "foo\\\u123foo")]
    [InlineData("\"tab\\there\\u{20}and \\\"quotes\\\"\"", "tab\there and \"quotes\"")]
    public void EscapesBecomeTheirCharacters(string literal, string value) => AssertString(literal, value, raw: false);

    [Theory]
    [InlineData("\"\"\"hello world\"\"\"", "hello world")]
    [InlineData("\"\"\"\"\"\"", "")]
    [InlineData("\"\"\"C:\\Windows\\\\x\\n\"\"\"", "C:\\Windows\\\\x\\n")]
    [InlineData("\"\"\"say \"hi\" 'there'\"\"\"", "say \"hi\" 'there'")]
    [InlineData("\"\"\"\\u{41}\"\"\"", "\\u{41}")]
    // The first """ closes; up to two more quotes after it still belong to the string (Elasticsearch's ExpressionTests).
    [InlineData("\"\"\"a\"\"\"\"", "a\"")]
    [InlineData("\"\"\"a\"\"\"\"\"", "a\"\"")]
    [InlineData("\"\"\"\"\"\"\"\"", "\"\"")]
    [InlineData("\"\"\"\"\"hello\"\"world!\"\"\"\"", "\"\"hello\"\"world!\"")]
    [InlineData("\"\"\"\"foo\"bar\"\"\"\"\"", "\"foo\"bar\"\"")]
    public void RawStringsAreVerbatim(string literal, string value) => AssertString(literal, value, raw: true);

    [Fact]
    public void AThirdExtraQuoteIsATokenOfItsOwn()
    {
        // """a""""" is """a""""" (the string a"") and then a lone quote that opens an unterminated string.
        var e = Assert.Throws<EqlSyntaxException>(() => EqlParser.Parse("any where x == \"\"\"a\"\"\"\"\"\""));
        Assert.Equal((24, 1), (e.Start, e.Length));
        Assert.StartsWith("unterminated string", e.Message);
    }

    [Theory]
    [InlineData("\"a\\qb\"", "invalid escape '\\q' in a string", 2, 2)]
    [InlineData("\"\\x41\"", "invalid escape '\\x' in a string", 1, 2)]
    [InlineData("\"\\u{D}\"", "Unicode sequence should use [2-8] hex digits, [\\u{D}] has [1]", 1, 5)]
    [InlineData("\"\\u{123456789}\"", "Unicode sequence should use [2-8] hex digits, [\\u{123456789}] has [9]", 1, 13)]
    [InlineData("\"\\u{10000000}\"", "Invalid unicode character code [10000000]", 1, 12)]
    [InlineData("\"\\u{FFFFFFFa}\"", "Invalid unicode character code [FFFFFFFa]", 1, 12)]
    [InlineData("\"\\u{110000}\"", "Invalid unicode character code [110000]", 1, 10)]
    [InlineData("\"\\u{d800}\"", "Invalid unicode character code, [d800] is a surrogate code", 1, 8)]
    [InlineData("\"\\u{DcF7}\"", "Invalid unicode character code, [DcF7] is a surrogate code", 1, 8)]
    // A malformed \u: Elasticsearch's lexer stops at the first character that cannot continue it.
    [InlineData("\"\\uad12\"", "invalid unicode escape", 1, 3)]
    [InlineData("\"\\u{}\"", "invalid unicode escape", 1, 4)]
    [InlineData("\"\\u{U1}\"", "invalid unicode escape", 1, 4)]
    [InlineData("\"\\u{00U1}\"", "invalid unicode escape", 1, 6)]
    [InlineData("\"\\u{DA12\"", "invalid unicode escape", 1, 8)]
    [InlineData("\"\\u", "invalid unicode escape", 1, 2)]
    [InlineData("\"abc", "unterminated string", 0, 1)]
    [InlineData("\"abc\\", "unterminated string", 0, 1)]
    [InlineData("\"abc\\\"", "unterminated string", 0, 1)]
    [InlineData("\"line\nbreak\"", "unterminated string (a string ends on the line it starts; write a line break as \\n)", 0, 1)]
    [InlineData("\"line\\\nbreak\"", "unterminated string", 0, 1)]
    [InlineData("\"\"\"abc", "unterminated \"\"\" string (a raw string ends on the line it starts)", 0, 3)]
    [InlineData("\"\"\"abc\ndef\"\"\"", "unterminated \"\"\" string", 0, 3)]
    [InlineData("\"\"\"abc\"\"", "unterminated \"\"\" string", 0, 3)]
    [InlineData("'hello world'", "Use double quotes [\"] to define string literals, not single quotes [']", 0, 13)]
    [InlineData("'unterminated", "Use double quotes [\"] to define string literals, not single quotes [']", 0, 13)]
    [InlineData("?\"hello\\\" world\"", "Use triple double quotes [\"\"\"] to define unescaped string literals, not [?\"]", 0, 16)]
    [InlineData("?'hello'", "Use triple double quotes [\"\"\"] to define unescaped string literals, not [?']", 0, 8)]
    public void BadStringsAreLocatedErrors(string literal, string message, int start, int length)
    {
        const string prefix = "any where x == ";
        var e = Assert.Throws<EqlSyntaxException>(() => EqlParser.Parse(prefix + literal));
        Assert.StartsWith(message, e.Message);
        Assert.Equal((prefix.Length + start, length), (e.Start, e.Length));
    }

    [Theory]
    [InlineData("`my-field`", "my-field")]
    [InlineData("`my field`", "my field")]
    [InlineData("`6myfield`", "6myfield")]
    [InlineData("`my``field`", "my`field")]
    [InlineData("````", "`")]
    [InlineData("`a.b`", "a.b")]
    [InlineData("`line\nbreak`", "line\nbreak")]
    [InlineData("@timestamp", "@timestamp")]
    [InlineData("_id", "_id")]
    public void QuotedNamesAreUnescaped(string name, string value)
    {
        var field = Assert.IsType<EqlFieldReference>(Left("any where " + name + " == 1"));
        Assert.Equal(value, field.Name);
        Assert.Equal(name, field.Segments[0].Raw);
        Assert.Equal(name[0] == '`', field.Segments[0].IsQuoted);
    }

    [Theory]
    // As ANTLR's longest match does (Elasticsearch's ExpressionTests): the name ends at the last back-quote that
    // could close it, and what follows is an error of its own.
    [InlineData("`wrong_identifier == true", "unterminated `quoted` name", 10, 1)]
    [InlineData("`wrong_identifier`` == true", "unterminated `quoted` name", 28, 1)]
    [InlineData("``wrong_identifier == true", "expected 'and', 'or', '|' or the end of the query, found 'wrong_identifier'", 12, 16)]
    [InlineData("wrong_identifier` == true", "unterminated `quoted` name", 26, 1)]
    public void BadQuotedNamesAreLocatedErrors(string condition, string message, int start, int length)
    {
        var e = Assert.Throws<EqlSyntaxException>(() => EqlParser.Parse("any where " + condition));
        Assert.StartsWith(message, e.Message);
        Assert.Equal((start, length), (e.Start, e.Length));
    }

    private static void AssertString(string literal, string value, bool raw)
    {
        string text = "any where x == " + literal;
        var string_ = Assert.IsType<EqlLiteral>(((EqlComparisonExpression)((EqlEventQuery)EqlParser.Parse(text).Body).Filter.Condition).Right);
        Assert.Equal(EqlLiteralKind.String, string_.Kind);
        Assert.Equal(value, string_.Value);
        Assert.Equal(literal, string_.Raw);
        Assert.Equal(raw, string_.IsRawString);
        Assert.Equal(15, string_.Start);
    }

    private static EqlExpression Left(string text) =>
        ((EqlComparisonExpression)((EqlEventQuery)EqlParser.Parse(text).Body).Filter.Condition).Left;
}
