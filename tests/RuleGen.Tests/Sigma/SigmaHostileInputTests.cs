using System;
using CsCheck;
using RuleGen.Generator.Languages.Sigma;
using RuleGen.Generator.Limits;
using Xunit;

namespace RuleGen.Tests.Sigma;

/// <summary>Whatever a condition or a key says, the front end answers with its own located errors, never another exception.</summary>
public class SigmaHostileInputTests
{
    private static readonly Gen<string> Soup = Gen.OneOf(
            Gen.Const("and"), Gen.Const("or"), Gen.Const("not"), Gen.Const("1"), Gen.Const("2"), Gen.Const("all"),
            Gen.Const("of"), Gen.Const("them"), Gen.Const("("), Gen.Const(")"), Gen.Const("|"), Gen.Const("near"),
            Gen.Const("sel"), Gen.Const("sel*"), Gen.Const("count()"), Gen.Const("by"), Gen.Const(">"), Gen.Const("é"))
        .Array[0, 14].Select(words => string.Join(" ", words));

    [Fact]
    public void Random_conditions_parse_or_fail_with_a_position_inside_the_text()
    {
        Soup.Sample(text =>
        {
            try
            {
                SigmaCondition c = SigmaConditionParser.Parse(text);
                Assert.InRange(c.Start + c.Length, 0, text.Length);
            }
            catch (SigmaConditionException e)
            {
                Assert.InRange(e.Start, 0, text.Length);
                Assert.InRange(e.Start + e.Length, e.Start, text.Length);
            }
        });
    }

    [Fact]
    public void Random_rules_give_problems_not_exceptions()
    {
        Gen<string> key = Gen.String[Gen.Char["ab|crex*"], 0, 12];
        Gen.Select(key, Soup).Sample((k, condition) =>
        {
            string yaml = "detection:\n  sel:\n    '" + k + "': x\n  condition: '" + condition + "'\n";
            var (_, problems) = SigmaTestSupport.Read(yaml);
            Assert.All(problems, p => Assert.InRange(p.Location.LineSpan.Start.Line, 0, 3));
        });
    }

    [Fact]
    public void Too_many_condition_terms_is_a_size_limit()
    {
        string huge = string.Join(" or ", System.Linq.Enumerable.Repeat("a", RuleLimits.QueryTerms));
        var e = Assert.Throws<LimitExceededException>(() => SigmaConditionParser.Parse(huge));
        Assert.False(e.IsNesting);
        Assert.True(e.Start > 0);
    }
}
