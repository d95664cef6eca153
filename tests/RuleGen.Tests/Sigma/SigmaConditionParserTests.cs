using System.Linq;
using RuleGen.Generator.Languages.Sigma;
using RuleGen.Generator.Limits;
using Xunit;

namespace RuleGen.Tests.Sigma;

/// <summary>The condition grammar (spec "Condition"): precedence or &lt; and &lt; not &lt; x of &lt; ( ), errors at the token.</summary>
public class SigmaConditionParserTests
{
    [Theory]
    [InlineData("selection", "selection")]
    [InlineData("a or b and c", "(or a (and b c))")]
    [InlineData("a and b or c", "(or (and a b) c)")]
    [InlineData("a and b and c or d or e", "(or (and a b c) d e)")]
    [InlineData("not a and b", "(and (not a) b)")]
    [InlineData("not a or b", "(or (not a) b)")]
    [InlineData("not (a or b)", "(not (or a b))")]
    [InlineData("not not a", "(not (not a))")]
    [InlineData("a and (b or c)", "(and a (or b c))")]
    [InlineData("((a))", "a")]
    [InlineData("1 of selection* and keywords", "(and (1-of selection*) keywords)")]        // spec example
    [InlineData("1 of selection* and not 1 of filter*", "(and (1-of selection*) (not (1-of filter*)))")] // spec example
    [InlineData("all of selection*", "(all-of selection*)")]                                // spec example
    [InlineData("1 of them", "(1-of them)")]
    [InlineData("all of them", "(all-of them)")]
    [InlineData("not 1 of them or x", "(or (not (1-of them)) x)")]
    [InlineData("1 of sel_*_x", "(1-of sel_*_x)")]
    [InlineData("selection1 and (keywords1 or keywords2)", "(and selection1 (or keywords1 keywords2))")] // spec example
    [InlineData("keywords and not filters", "(and keywords (not filters))")]                // spec example
    [InlineData("  a\tand\nb  ", "(and a b)")]
    [InlineData("sel-1 and sel.2", "(and sel-1 sel.2)")]
    [InlineData("oracle and android", "(and oracle android)")]                              // keywords are whole words
    public void Precedence_and_grouping(string condition, string expected) =>
        Assert.Equal(expected, SigmaTestSupport.Condition(SigmaConditionParser.Parse(condition)));

    [Theory]
    [InlineData("", 0, 0, "the condition is empty")]
    [InlineData("a and", 5, 0, "found the end of the condition")]
    [InlineData("a or or b", 5, 2, "found 'or'")]
    [InlineData("(a or b", 7, 0, "')' closing the '(' at 1")]
    [InlineData("a b", 2, 1, "expected 'and', 'or' or the end of the condition, found 'b'")]
    [InlineData("a )", 2, 1, "found ')'")]
    [InlineData("2 of sel*", 0, 1, "only '1 of' and 'all of'")]
    [InlineData("1 sel*", 2, 4, "expected 'of' after '1'")]
    [InlineData("all of", 6, 0, "'them' or a search identifier pattern")]
    [InlineData("all of and", 7, 3, "found 'and'")]
    [InlineData("sel* and b", 0, 4, "'sel*' is a pattern: write '1 of sel*'")]
    [InlineData("a and them", 6, 4, "found 'them'")]
    [InlineData("a = b", 2, 1, "found '='")]
    public void Errors_are_located_at_the_token(string condition, int start, int length, string message)
    {
        var e = Assert.Throws<SigmaConditionException>(() => SigmaConditionParser.Parse(condition));
        Assert.Contains(message, e.Message);
        Assert.Equal((start, length), (e.Start, e.Length));
        Assert.False(e.NotSupported);
    }

    [Theory]
    [InlineData("selection | count() by src > 5", 10, "'| count'", "'event_count' correlation rule")]
    [InlineData("selection | count(user) by src > 5", 10, "'| count'", "'value_count' correlation rule")]
    [InlineData("selection | sum(bytes) > 100", 10, "'| sum'", "'value_sum' correlation rule")]
    [InlineData("selection | avg(bytes) > 100", 10, "'| avg'", "'value_avg' correlation rule")]
    [InlineData("a and b | max(x) > 1", 8, "'| max'", "a Sigma correlation rule")]
    [InlineData("selection | near other", 10, "'| near'", "'temporal' (or 'temporal_ordered') correlation rule")]
    [InlineData("selection near other", 10, "'near'", "'temporal' (or 'temporal_ordered') correlation rule")]
    public void Legacy_aggregations_are_located_and_not_supported(string condition, int start, string what, string replacement)
    {
        var e = Assert.Throws<SigmaConditionException>(() => SigmaConditionParser.Parse(condition));
        Assert.True(e.NotSupported);
        Assert.Contains(what, e.Message);
        Assert.Contains("obsolete", e.Message);
        Assert.Contains(replacement, e.Message);
        Assert.Equal(start, e.Start);
        Assert.Equal(condition.Length - start, e.Length);
    }

    [Fact]
    public void Spans_cover_each_node()
    {
        var c = (SigmaBinaryCondition)SigmaConditionParser.Parse("x or (not a and 1 of b*)");
        Assert.Equal((0, 24), (c.Start, c.Length));
        var group = (SigmaBinaryCondition)c.Operands[1];
        Assert.Equal((5, 19), (group.Start, group.Length));
        var quantified = (SigmaQuantifiedCondition)group.Operands[1];
        Assert.Equal((16, 7), (quantified.Start, quantified.Length));
    }

    [Fact]
    public void Deep_nesting_stops_at_the_limit_with_a_position()
    {
        string deep = new string('(', RuleLimits.QueryNesting + 1) + "a" + new string(')', RuleLimits.QueryNesting + 1);
        var e = Assert.Throws<LimitExceededException>(() => SigmaConditionParser.Parse(deep));
        Assert.True(e.IsNesting);
        Assert.Equal(RuleLimits.QueryNesting, e.Start);

        string nots = string.Concat(System.Linq.Enumerable.Repeat("not ", RuleLimits.QueryNesting + 1)) + "a";
        Assert.True(Assert.Throws<LimitExceededException>(() => SigmaConditionParser.Parse(nots)).IsNesting);

        string ok = new string('(', RuleLimits.QueryNesting) + "a" + new string(')', RuleLimits.QueryNesting);
        Assert.Equal("a", SigmaTestSupport.Condition(SigmaConditionParser.Parse(ok)));
    }

    [Fact]
    public void Long_flat_chains_do_not_recurse()
    {
        string chain = string.Join(" or ", System.Linq.Enumerable.Range(0, 4000).Select(i => "s" + i));
        var c = (SigmaBinaryCondition)SmallStack.Run(() => SigmaConditionParser.Parse(chain));
        Assert.Equal(4000, c.Operands.Count);
    }

    [Theory]
    [InlineData(null, new[] { "selection", "filter", "sel_2" })]
    [InlineData("sel*", new[] { "selection", "sel_2" })]
    [InlineData("*_2", new[] { "sel_2", "_hidden_2" })]
    [InlineData("_*", new[] { "_hidden_2" })]
    [InlineData("s*l*n", new[] { "selection" })]
    [InlineData("filter", new[] { "filter" })]
    [InlineData("nothing*", new string[0])]
    public void Them_leaves_out_underscore_names_but_patterns_do_not(string? pattern, string[] expected)
    {
        string[] names = { "selection", "filter", "sel_2", "_hidden_2" };
        var matched = SigmaConditionNames.Matching(pattern, names);
        Assert.Equal(expected.OrderBy(n => n), matched.OrderBy(n => n));
    }
}
