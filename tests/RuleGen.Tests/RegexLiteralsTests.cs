using System;
using System.Linq;
using System.Text.RegularExpressions;
using CsCheck;
using RuleGen.Generator.Planning;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// The prefilter's literal from a regex (Planning/RegexLiterals): the longest run every match must contain. A wrong
/// run would let the prefilter skip an event the rule fires on, so the property below checks soundness against .NET's
/// own matcher over generated patterns and texts.
/// </summary>
public class RegexLiteralsTests
{
    private static string? Run(string pattern) => RegexLiterals.LongestRun(pattern, c => c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && c != '/', out _);

    [Theory]
    [InlineData("(?-s).+:assumed-role/aws:.+", ":assumed-role")] // SigmaHQ's IMDS rule, as SigmaRegex translates it
    [InlineData("\\A(?:arn:aws:iam::[0-9]+:root)\\z", "arn:aws:iam::")] // EQL/ES|QL's anchored translation
    [InlineData("abcd?e", "abc")] // d may be absent
    [InlineData("abcd*e", "abc")]
    [InlineData("abcd{0,2}e", "abc")]
    [InlineData("abcd{2}efg", "abcd")] // d at least twice: "abcd" is there, the run ends after it
    [InlineData("(?<u>adm)in\\k<user>xyz", "xyz")] // a named back-reference is no literal
    [InlineData("ab\\x41cd\\u0041efg\\p{L}hij\\pLklm", "efg")] // nor are an escape's code and class arguments
    [InlineData("abc+de", "abc")]
    [InlineData("x\\.y\\.zz", "x.y.zz")] // an escaped symbol is itself
    [InlineData("ab\\dcdef", "cdef")] // \d is a class
    [InlineData("ab[cd]efgh", "efgh")]
    [InlineData("ab(cd|e)fghi", "fghi")] // an alternation inside a group ends the run, but is no top-level alternation
    [InlineData("a{b}cde", "a{b}cde")] // not a quantifier: .NET reads the brace as itself
    public void TheLongestRequiredRun(string pattern, string expected) => Assert.Equal(expected, Run(pattern));

    [Theory]
    [InlineData("abc|def")] // top-level alternation: neither run is required
    [InlineData("abc(?i)def")] // options half-way change what matches
    [InlineData(".*")]
    [InlineData("[abc]+")]
    public void NoRunIsRequired(string pattern) => Assert.Null(Run(pattern));

    [Fact]
    public void ALeadingOptionsGroupSaysWhetherThePatternIgnoresCase()
    {
        Assert.Equal("role", RegexLiterals.LongestRun("(?i-s)role", _ => true, out bool ignores));
        Assert.True(ignores);
        RegexLiterals.LongestRun("(?-is)role", _ => true, out ignores);
        Assert.False(ignores);
    }

    [Fact]
    public void EveryMatchContainsTheRun()
    {
        // Patterns over a few letters and the constructs the scanner treats specially; texts over the same letters.
        Gen<string> token = Gen.OneOf("a", "b", "c", "ab", "\\.", ".", "?", "*", "+", "{0,1}", "{2}", "(a|b)", "[ab]", "|", "^", "$", "\\d", "(?:bc)?",
            "\\x61", "\\u0062", "\\p{L}", "(?<n>a)", "\\k<n>", "\\1", "{x}");
        Gen<string> pattern = token.Array[1, 8].Select(t => string.Concat(t));
        Gen<string> text = Gen.String[Gen.Char["abc.1"], 0, 12];
        Gen.Select(pattern, text.Array[1, 20]).Sample((p, texts) =>
        {
            Regex regex;
            try
            {
                regex = new Regex(p, RegexOptions.CultureInvariant);
            }
            catch (ArgumentException)
            {
                return true; // not a regex: the binder reports it, no literal is asked for
            }
            string? run = Run(p);
            return run is null || texts.Where(t => regex.IsMatch(t)).All(t => t.Contains(run, StringComparison.Ordinal));
        }, iter: 3000);
    }

    [Fact]
    public void SigmaHqsImdsRuleGetsAPrefilterLiteralAndKeepsItsVerdictsWithAndWithoutIt()
    {
        const string rule = "title: IMDS\nid: 5f0e1a2b-0000-4000-8000-0000000000e1\nlogsource:\n  product: aws\n  service: cloudtrail\n" +
            "detection:\n  selection:\n    userIdentity.arn|re: '.+:assumed-role/aws:.+'\n  condition: selection\n";
        var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/imds.yml", rule));
        Assert.Contains("s_required = new string[] { \":assumed-role\" }", string.Concat(run.Run.Results.Single().GeneratedSources.Select(g => g.SourceText.ToString())));
        var rules = GeneratorHarness.Load(run);
        string[] events =
        {
            // JSON may escape '/': the run has none, so the raw bytes still hold it.
            """{"eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances","userIdentity":{"arn":"arn:aws:sts::1:assumed-role\/aws:ec2-instance\/i-1"}}""",
            """{"eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances","userIdentity":{"arn":"arn:aws:sts::1:assumed-role/aws:ec2-instance/i-1"}}""",
            """{"eventSource":"ec2.amazonaws.com","eventName":"DescribeInstances","userIdentity":{"arn":"arn:aws:sts::1:assumed-role/admin/bob"}}""",
            """{"@timestamp":"2024-01-01T00:00:00Z","event":{"action":"DescribeInstances"},"aws":{"cloudtrail":{"user_identity":{"arn":"arn:aws:sts::1:assumed-role/aws:ec2-instance/i-1"}}}}""",
        };
        bool[] Verdicts(bool prefilter) => events.Select(json =>
        {
            bool fired = false;
            new RuleGen.Runtime.Scanner(rules, new RuleGen.Runtime.ScanOptions { Prefilter = prefilter, Threads = 1 })
                .ScanDocument(System.Text.Encoding.UTF8.GetBytes(json), new RuleGen.Runtime.DocumentPosition("t", 1), RuleGen.Runtime.InputFormat.NdJson, _ => fired = true, p => Assert.Fail(p));
            return fired;
        }).ToArray();
        Assert.Equal(new[] { true, true, false, true }, Verdicts(prefilter: false));
        Assert.Equal(Verdicts(prefilter: false), Verdicts(prefilter: true));
    }
}
