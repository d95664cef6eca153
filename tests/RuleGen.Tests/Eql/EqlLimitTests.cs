using System.Linq;
using RuleGen.Generator.Languages.Eql;
using RuleGen.Generator.Limits;
using Xunit;

namespace RuleGen.Tests.Eql;

/// <summary>
/// The EQL parser keeps to <see cref="RuleLimits"/> as the ES|QL one does: nesting through the one
/// <see cref="DepthGuard"/> (a located error, never a stack overflow, on the 1 MB stack Roslyn gives generators),
/// long and/or/arithmetic chains as flat lists, and at most <see cref="RuleLimits.QueryTerms"/> values and fields.
/// </summary>
public class EqlLimitTests
{
    private const string Prefix = "any where ";

    [Theory]
    [InlineData("(", ")")]
    [InlineData("f(", ")")]
    [InlineData("a in (", ")")]
    [InlineData("not ", "")]
    [InlineData("- ", "")]
    public void NestingJustBelowTheLimitParses(string open, string close)
    {
        // The where condition is the first level.
        int depth = RuleLimits.QueryNesting - 1;
        string text = Prefix + string.Concat(Enumerable.Repeat(open, depth)) + "x" + string.Concat(Enumerable.Repeat(close, depth));
        SmallStack.Run(() => EqlParser.Parse(text));
    }

    [Theory]
    [InlineData("(", ")", 1)]
    [InlineData("f(", ")", 1)]
    [InlineData("not ", "", 3)]
    [InlineData("- ", "", 1)]
    [InlineData("-", "", 1)]
    public void DeeperNestingIsALimitErrorAtTheFirstLevelPastIt(string open, string close, int openerLength)
    {
        foreach (int depth in new[] { RuleLimits.QueryNesting, 5_000, 200_000 })
        {
            string text = Prefix + string.Concat(Enumerable.Repeat(open, depth)) + "x" + string.Concat(Enumerable.Repeat(close, depth));
            var e = Assert.Throws<LimitExceededException>(() => SmallStack.Run(() => EqlParser.Parse(text)));
            Assert.True(e.IsNesting);
            Assert.Equal("The query is nested too deeply (limit 100)", e.Message);
            // Level 1 is the condition; the opener at index 99 (0-based) is level 101. The error covers its token:
            // the parenthesis, the function name (f) that opens the arguments, not, the minus.
            Assert.Equal(Prefix.Length + (RuleLimits.QueryNesting - 1) * open.Length, e.Start);
            Assert.Equal(openerLength, e.Length);
        }
    }

    [Fact]
    public void SequenceStagesAndKeysNestFromTheirOwnLevel()
    {
        // Each stage's condition and each key is a fresh first level: many stages are not deep.
        string stage = "[process where " + string.Concat(Enumerable.Repeat("(", 98)) + "x" + string.Concat(Enumerable.Repeat(")", 98)) + "] by a";
        string text = "sequence by k " + string.Join(" ", Enumerable.Repeat(stage, 50));
        var sequence = (EqlSequence)SmallStack.Run(() => EqlParser.Parse(text)).Body;
        Assert.Equal(50, sequence.Stages.Count);
    }

    [Theory]
    [InlineData(" or ", "Or")]
    [InlineData(" and ", "And")]
    public void LongLogicalChainsAreOneFlatNode(string join, string op)
    {
        string text = Prefix + string.Join(join, Enumerable.Range(0, RuleLimits.QueryTerms / 2).Select(i => $"a == {i}"));
        var chain = Assert.IsType<EqlLogicalExpression>(((EqlEventQuery)SmallStack.Run(() => EqlParser.Parse(text)).Body).Filter.Condition);
        Assert.Equal(op, chain.Operator.ToString());
        Assert.Equal(RuleLimits.QueryTerms / 2, chain.Operands.Count);
    }

    [Fact]
    public void LongArithmeticChainsAreOneFlatNode()
    {
        string text = Prefix + string.Join(" - ", Enumerable.Range(0, 9_000).Select(i => "1")) + " == x";
        var comparison = (EqlComparisonExpression)((EqlEventQuery)SmallStack.Run(() => EqlParser.Parse(text)).Body).Filter.Condition;
        var chain = Assert.IsType<EqlArithmeticExpression>(comparison.Left);
        Assert.Equal(9_000, chain.Operands.Count);
        Assert.All(chain.Operators, o => Assert.Equal(EqlArithmeticOperator.Subtract, o));
    }

    [Fact]
    public void TooManyValuesAndFieldsIsALimitErrorAtTheFirstOnePastIt()
    {
        // Two terms per comparison: the 10,001st term is the field of comparison 5,001.
        string text = Prefix + string.Join(" or ", Enumerable.Range(0, RuleLimits.QueryTerms / 2 + 1).Select(i => $"a : \"{i % 10}\""));
        var e = Assert.Throws<LimitExceededException>(() => EqlParser.Parse(text));
        Assert.False(e.IsNesting);
        Assert.Equal("The query has too many values and fields (limit 10000)", e.Message);
        Assert.Equal(text.LastIndexOf(" a ", System.StringComparison.Ordinal) + 1, e.Start);
        Assert.Equal(1, e.Length);
    }
}
