using System.Linq;
using RuleGen.Generator.Languages.Sigma;
using Xunit;

namespace RuleGen.Tests.Sigma;

/// <summary>The reader's model (values, styles, positions) and its located problems.</summary>
public class SigmaRuleReaderTests
{
    private static string Rule(string detection) =>
        "title: t\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n" + detection;

    private static string OnlyProblem(string detection)
    {
        var (_, problems) = SigmaTestSupport.Read(Rule(detection));
        Assert.Single(problems);
        return SigmaTestSupport.Describe(problems[0]);
    }

    [Fact]
    public void Values_keep_their_text_style_and_null()
    {
        var (rule, problems) = SigmaTestSupport.Read(Rule(
            "  sel:\n    a: No\n    b: 'yes'\n    c: on\n    d: null\n    e: ''\n    f: 0x17\n    g: 'null'\n    h: ~\n    i:\n    j: 4769\n  condition: sel\n"));
        Assert.Empty(problems);
        var items = rule.Searches.Single().Maps.Single();
        Assert.Equal(new[] { "No", "'yes'", "on", "<null>", "''", "0x17", "'null'", "<null>", "<null>", "4769" },
            items.Select(i => SigmaTestSupport.Value(i.Values.Single())));
        SigmaValue no = items[0].Values[0];
        Assert.Equal((6, 7), (no.Location.LineSpan.Start.Line, no.Location.LineSpan.Start.Character)); // line 7, column 8
        Assert.Equal(2, no.Location.Span.Length);
    }

    [Fact]
    public void Metadata_logsource_and_fields_are_read()
    {
        var (rule, problems) = SigmaTestSupport.Read(
            "title: T\nid: 0a1b\nstatus: test\nlevel: high\ndescription: D\nauthor: A, B\nreferences:\n  - https://x\n" +
            "falsepositives:\n  - Unknown\ntags:\n  - attack.t1078\n  - attack.persistence\nfields:\n  - a\n  - b\n" +
            "logsource:\n  product: aws\n  service: cloudtrail\n  category: cat\ndetection:\n  k:\n    - evil\n  condition: k\n");
        Assert.Empty(problems);
        Assert.Equal(("T", "0a1b", "test", "high", "D", "A, B"), (rule.Title, rule.Id, rule.Status, rule.Level, rule.Description, rule.Author));
        Assert.Equal(new[] { "https://x" }, rule.References);
        Assert.Equal(new[] { "Unknown" }, rule.FalsePositives);
        Assert.Equal(new[] { "attack.t1078", "attack.persistence" }, rule.Tags);
        Assert.Equal(new[] { "a", "b" }, rule.Fields);
        Assert.Equal(new SigmaLogSource("aws", "cloudtrail", "cat"), rule.LogSource);
        Assert.Equal(SigmaSearchKind.Keywords, rule.Searches.Single().Kind);
    }

    [Fact]
    public void Modifiers_are_located_inside_the_key()
    {
        var (rule, problems) = SigmaTestSupport.Read(Rule("  sel:\n    'Cmd|windash|contains|all':\n      - ' -a '\n      - ' -b '\n  condition: sel\n"));
        Assert.Empty(problems);
        var item = rule.Searches[0].Maps[0][0];
        Assert.Equal("Cmd", item.Field);
        Assert.True(item.IsList);
        Assert.Equal(new[] { SigmaModifier.Windash, SigmaModifier.Contains, SigmaModifier.All }, item.Modifiers.Select(m => m.Modifier));
        // The key's quote is at column 5 (0-based 4): 'Cmd|' puts windash at character 9, contains at 17, all at 26.
        Assert.Equal(new[] { 9, 17, 26 }, item.Modifiers.Select(m => m.Location.LineSpan.Start.Character));
        Assert.Equal(new[] { 7, 8, 3 }, item.Modifiers.Select(m => m.Location.Span.Length));
    }

    [Theory]
    [InlineData("  sel:\n    Image|endwith: x\n  condition: sel\n", "7:11 unknown Sigma modifier 'endwith'; did you mean 'endswith'?")]
    [InlineData("  sel:\n    Image|re|contains: x\n  condition: sel\n", "7:14 'contains' cannot be combined with 're': an item matches in one way only")]
    [InlineData("  sel:\n    'a|i': x\n  condition: sel\n", "7:8 'i' is a sub-modifier of 're' and must follow it")]
    [InlineData("  sel:\n    a|base64offset: x\n  condition: sel\n", "7:7 'base64offset' matches a value inside a base64 string: it needs a later 'contains'")]
    [InlineData("  sel:\n    a:\n      - x\n      - null\n  condition: sel\n", "9:9 null cannot be part of a list of values; put it in a selection of its own")]
    [InlineData("  sel:\n    a|contains|all: x\n  condition: sel\n", "7:16 'all' needs a list of two or more values")]
    [InlineData("  sel:\n    a|exists: maybe\n  condition: sel\n", "7:15 'exists' takes true or false")]
    [InlineData("  sel:\n    a:\n      b: c\n  condition: sel\n", "8:7 the value of 'a' must be a value or a list of values")]
    [InlineData("  sel: x\n  condition: sel\n", "6:8 search identifier 'sel' must be a map or a list (spec 'Search-Identifier')")]
    [InlineData("  sel:\n    - a: b\n    - c\n  condition: sel\n", "7:5 search identifier 'sel' must be a list of maps or a list of keywords, not a mix or nested lists")]
    [InlineData("  sel:\n    a: b\n", "6:3 'detection' needs a 'condition'")]
    [InlineData("  sel:\n    a: b\n  condition: sel and not filtr\n", "8:26 'filtr' is not a search identifier of this rule")]
    [InlineData("  selection:\n    a: b\n  condition: selection and not selectoin\n", "8:32 'selectoin' is not a search identifier of this rule; did you mean 'selection'?")]
    [InlineData("  sel:\n    a: b\n  condition: 'sel and (1 of filter_*)'\n", "8:24 'filter_*' matches no search identifier")]
    [InlineData("  _sel:\n    a: b\n  condition: 1 of them\n", "8:14 'them' matches no search identifier (names starting with '_' are left out)")]
    [InlineData("  sel:\n    a: b\n  condition: sel or\n", "8:20 expected a search identifier, 'not', '1 of', 'all of' or '(', found the end of the condition")]
    [InlineData("  sel:\n    a: b\n  condition: sel | count() by c > 5\n", "8:18 not supported: the aggregation '| count' in a condition is obsolete Sigma and not supported; use an 'event_count' correlation rule instead")]
    [InlineData("  sel:\n    a: b\n  timeframe: 5m\n  condition: sel\n", "8:3 not supported: 'timeframe' in detection is obsolete Sigma and not supported; use a correlation rule with 'timespan' instead")]
    [InlineData("  sel:\n    a: b\n  condition:\n    - sel\n    - sel and\n", "10:14 expected a search identifier, 'not', '1 of', 'all of' or '(', found the end of the condition")]
    public void Problems_are_located(string detection, string expected) =>
        Assert.Equal(expected, OnlyProblem(detection));

    [Fact]
    public void A_list_of_conditions_is_kept_in_order()
    {
        var (rule, problems) = SigmaTestSupport.Read(Rule("  a:\n    x: 1\n  b:\n    y: 2\n  condition:\n    - a\n    - b and not a\n"));
        Assert.Empty(problems);
        Assert.Equal(new[] { "a", "(and b (not a))" }, rule.Conditions.Select(c => SigmaTestSupport.Condition(c.Parsed!)));
    }

    [Fact]
    public void A_condition_too_deep_is_a_located_problem_not_an_exception()
    {
        string deep = new string('(', 150) + "sel" + new string(')', 150);
        var (_, problems) = SigmaTestSupport.Read(Rule("  sel:\n    a: b\n  condition: " + deep + "\n"));
        Assert.Equal("8:114 The condition is nested too deeply (limit 100)", SigmaTestSupport.Describe(problems.Single()));
    }
}
