using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests.Sigma;

/// <summary>
/// Sigma's typed and transforming value modifiers end to end (re with i/m/s, fieldref, base64, base64offset, the
/// UTF-16 encodings, windash, the time modifiers): a Sigma file through the generator, the rule over raw CloudTrail
/// events; each edge case fires once and has a near miss; bad values are located diagnostics (docs/semantics.md, "Sigma").
/// </summary>
public class SigmaValueModifierTests
{
    private static string Rule(string detection) =>
        "title: Test Sigma rule\nid: 5f0e1a2b-0000-4000-8000-000000000009\nstatus: test\ndescription: A test.\nauthor: RuleGen\n" +
        "level: medium\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n" + detection;

    private static GeneratorHarness.Result Run(string detection) => GeneratorHarness.Run(new InMemoryRuleFile("/repo/tests/sigma.yml", Rule(detection)));

    private static string Sel(string item) => "  sel:\n    " + item + "\n  condition: sel\n";

    private static bool Fires(string detection, string json)
    {
        var run = Run(detection);
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.DoesNotContain(run.CompileDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        bool fired = false;
        new Scanner(GeneratorHarness.Load(run, "Test.Rules")).ScanDocument(Encoding.UTF8.GetBytes(json), new DocumentPosition("t", 1), InputFormat.NdJson, _ => fired = true, p => Assert.Fail(p));
        return fired;
    }

    /// <summary>The one error the item gives, which must be at the item's line (line 12, 0-based 11) and column of the value.</summary>
    private static Diagnostic ErrorAtValue(string item, string id, string valueText)
    {
        var run = Run(Sel(item));
        Diagnostic error = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(id, error.Id);
        var start = error.Location.GetLineSpan().StartLinePosition;
        Assert.Equal(11, start.Line);
        Assert.Equal(4 + item.LastIndexOf(valueText, StringComparison.Ordinal), start.Character);
        return error;
    }

    private static string Json(string field, string value) =>
        "{" + string.Join(",", field.Split('.').Select(p => "\"" + p + "\":{").Take(field.Count(c => c == '.')))
        + "\"" + field.Split('.').Last() + "\":" + System.Text.Json.JsonSerializer.Serialize(value) + new string('}', field.Count(c => c == '.') + 1);

    // ----- re -----

    [Theory]
    [InlineData("arn:aws:sts::1:assumed-role/aws:ec2-instance/i-1", true)] // a search: no need to match the whole value
    [InlineData("arn:aws:sts::1:assumed-role/admin/x", false)]
    public void Re_searches_the_value_unanchored(string arn, bool fires) =>
        Assert.Equal(fires, Fires(Sel("userIdentity.arn|re: 'assumed-role/aws:'"), Json("userIdentity.arn", arn)));

    [Theory]
    [InlineData("", "DeleteBucket", true)]
    [InlineData("", "deleteBucket", false)] // case-sensitive by default (spec General)
    [InlineData("|i", "deleteBucket", true)]
    [InlineData("|i", "PutBucket", false)]
    public void Re_is_case_sensitive_unless_i(string flag, string name, bool fires) =>
        Assert.Equal(fires, Fires(Sel($"eventName|re{flag}: '^Delete'"), Json("eventName", name)));

    [Theory]
    [InlineData("", "a\nb", false)]
    [InlineData("|m", "a\nb", true)] // ^ and $ at line ends
    [InlineData("|m", "a\nbc", false)]
    public void Re_m_anchors_at_lines(string flag, string value, bool fires) =>
        Assert.Equal(fires, Fires(Sel($"errorMessage|re{flag}: '^b$'"), Json("errorMessage", value)));

    [Theory]
    [InlineData("", "a\nb", false)] // . does not match a newline
    [InlineData("|s", "a\nb", true)]
    [InlineData("|s", "a\n\nb", false)]
    public void Re_s_lets_dot_match_newlines(string flag, string value, bool fires) =>
        Assert.Equal(fires, Fires(Sel($"errorMessage|re{flag}: 'a.b'"), Json("errorMessage", value)));

    [Theory]
    [InlineData("'(?P<user>adm)in(?P=user)'", "xadminadm", true)] // Python named group and backreference
    [InlineData("'(?P<user>adm)in(?P=user)'", "xadminx", false)]
    [InlineData("'^a++a'", "aaa", false)] // possessive: a++ keeps every a (an atomic group in .NET)
    [InlineData("'^a++b'", "aab", true)]
    [InlineData("'^x{,2}y$'", "xxy", true)] // {,n} is 0 to n (PCRE2, Python), not literal text as .NET reads it
    [InlineData("'^x{,2}y$'", "xxxy", false)]
    [InlineData("'^[[:digit:]]+$'", "123", true)] // POSIX class
    [InlineData("'^[[:digit:]]+$'", "12a", false)]
    [InlineData("'^\\x{41}$'", "A", true)] // \x{…}
    [InlineData("'^\\x{41}$'", "B", false)]
    [InlineData("'a\\hb'", "a\tb", true)] // \h: horizontal space
    [InlineData("'a\\hb'", "a\nb", false)]
    [InlineData("'a\\vb'", "a\nb", true)] // PCRE \v is vertical space, not only U+000B
    [InlineData("'a\\vb'", "a b", false)]
    [InlineData("'^\\Q.*\\E$'", ".*", true)] // \Q…\E quotes
    [InlineData("'^\\Q.*\\E$'", "ab", false)]
    [InlineData("'^[a[]+$'", "a[a", true)] // [ inside a class is literal in PCRE
    [InlineData("'^[a[]+$'", "ab", false)]
    [InlineData("'^\\pL+$'", "abc", true)] // \pL is \p{L}
    [InlineData("'^\\pL+$'", "ab1", false)]
    [InlineData("'(?<=role/)aws'", "role/aws", true)] // lookbehind runs (backtracking, with a timeout)
    [InlineData("'(?<=role/)aws'", "user/aws", false)]
    [InlineData("'^abc\\Z'", "abc\n", true)] // PCRE \Z: end or before a final newline, as in .NET
    [InlineData("'^abc\\z'", "abc\n", false)]
    public void Re_translates_PCRE_constructs_NET_reads_differently(string pattern, string value, bool fires) =>
        Assert.Equal(fires, Fires(Sel("errorMessage|re: " + pattern), Json("errorMessage", value)));

    [Fact]
    public void An_adversarial_backtracking_regex_does_not_hang_the_scan()
    {
        // The lookahead forces the backtracking engine; (a+)+$ over 40 a's and a '!' is exponential there.
        string value = new string('a', 40) + "!";
        var watch = Stopwatch.StartNew();
        Assert.False(Fires(Sel("errorMessage|re: '(?=(a+)+$)a'"), Json("errorMessage", value)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), watch.Elapsed.ToString());
        // Without a lookaround the automaton engine runs the same shape in linear time, and it still matches.
        Assert.True(Fires(Sel("errorMessage|re: '^(a+)+!$'"), Json("errorMessage", value)));
    }

    [Theory]
    [InlineData("'a.b'", false)]
    [InlineData("'(?<=role/)aws'", true)]
    [InlineData("'^a++b'", true)]
    public void Only_a_pattern_the_automaton_cannot_run_backtracks_and_then_with_a_timeout(string pattern, bool backtracking)
    {
        var run = Run(Sel("errorMessage|re: " + pattern));
        string code = string.Concat(run.Run.Results.Single().GeneratedSources.Select(g => g.SourceText.ToString()));
        Assert.Equal(!backtracking, code.Contains("RegexOptions.NonBacktracking", StringComparison.Ordinal));
        Assert.Equal(backtracking, code.Contains("RegexLimits.MatchTimeout", StringComparison.Ordinal));
        Assert.DoesNotContain("RegexOptions.Compiled", code, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_regex_is_located_with_NETs_message()
    {
        Diagnostic error = ErrorAtValue("errorMessage|re: 'a(b'", "RG0024", "'a(b'");
        Assert.Contains("Sigma 're'", error.GetMessage());
    }

    [Theory]
    [InlineData("errorMessage|re: '(?R)'", "'(?R)'")]
    [InlineData("errorMessage|re: '\\p{Greek}'", "'\\p{Greek}'")]
    [InlineData("errorMessage|re: 'a\\Kb'", "'a\\Kb'")]
    [InlineData("errorMessage|re: '(?|a)'", "'(?|a)'")]
    public void Regex_constructs_without_a_NET_equivalent_are_located_not_supported(string item, string value) =>
        ErrorAtValue(item, "RG0023", value);

    [Fact]
    public void The_corpus_re_rule_compiles_and_fires()
    {
        Assert.True(Fires(Sel("userIdentity.arn|re: '.+:assumed-role/aws:.+'"), Json("userIdentity.arn", "arn:aws:sts::1:assumed-role/aws:ec2-instance/i-1")));
        Assert.False(Fires(Sel("userIdentity.arn|re: '.+:assumed-role/aws:.+'"), Json("userIdentity.arn", "assumed-role/aws:")));
    }

    // ----- fieldref -----

    [Theory]
    [InlineData("""{"userIdentity":{"userName":"Alice"},"requestParameters":{"userName":"alice"}}""", true)] // case-insensitive
    [InlineData("""{"userIdentity":{"userName":"Alice"},"requestParameters":{"userName":"bob"}}""", false)]
    [InlineData("""{"userIdentity":{"userName":"Alice"}}""", false)] // the referenced field is missing
    [InlineData("""{"userIdentity":{"userName":["x","alice"]},"requestParameters":{"userName":"Alice"}}""", true)] // any value
    public void Fieldref_compares_two_fields_of_the_event(string json, bool fires) =>
        Assert.Equal(fires, Fires(Sel("userIdentity.userName|fieldref: requestParameters.userName"), json));

    [Theory]
    [InlineData("""{"userIdentity":{"arn":"arn:aws:iam::1:user/Alice"},"requestParameters":{"userName":"alice"}}""", true)]
    [InlineData("""{"userIdentity":{"arn":"arn:aws:iam::1:user/Bob"},"requestParameters":{"userName":"alice"}}""", false)]
    public void Fieldref_with_endswith_finds_the_other_fields_value_at_the_end(string json, bool fires) =>
        Assert.Equal(fires, Fires(Sel("userIdentity.arn|fieldref|endswith: requestParameters.userName"), json));

    [Theory]
    [InlineData("""{"userIdentity":{"userName":"Alice"},"requestParameters":{"userName":"bob"}}""", true)]
    [InlineData("""{"userIdentity":{"userName":"Alice"},"requestParameters":{"userName":"ALICE"}}""", false)]
    public void Fieldref_with_neq_fires_when_the_fields_differ(string json, bool fires) =>
        Assert.Equal(fires, Fires(Sel("userIdentity.userName|fieldref|neq: requestParameters.userName"), json));

    [Fact]
    public void A_fieldref_with_a_wildcard_is_located() =>
        ErrorAtValue("userIdentity.userName|fieldref: requestParameters.*", "RG0025", "requestParameters.*");

    // ----- base64, base64offset, UTF-16 -----

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes);

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Theory]
    [InlineData("d2hvYW1p", true)] // base64("whoami")
    [InlineData("xx d2hvYW1p yy", false)] // whole value without contains
    [InlineData("whoami", false)]
    public void Base64_encodes_the_value(string value, bool fires) =>
        Assert.Equal(fires, Fires(Sel("errorMessage|base64: whoami"), Json("errorMessage", value)));

    [Theory]
    [InlineData("", true)]
    [InlineData("a", true)]
    [InlineData("ab", true)]
    [InlineData("abc", true)]
    public void Base64offset_contains_finds_the_value_at_every_shift(string prefix, bool fires)
    {
        string encoded = B64(Utf8(prefix + "whoami /all" + "xyz"));
        Assert.Equal(fires, Fires(Sel("errorMessage|base64offset|contains: whoami"), Json("errorMessage", encoded)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("ab")]
    public void Base64offset_near_miss_another_word_at_every_shift(string prefix) =>
        Assert.False(Fires(Sel("errorMessage|base64offset|contains: whoami"), Json("errorMessage", B64(Utf8(prefix + "whoam1 /all")))));

    [Theory]
    [InlineData("wide", "x whoami", true)]
    [InlineData("utf16le", "xy whoami", true)]
    [InlineData("wide", "x whoam1", false)]
    public void Utf16le_then_base64offset_finds_wide_text_in_base64(string encoding, string text, bool fires) =>
        Assert.Equal(fires, Fires(Sel($"errorMessage|{encoding}|base64offset|contains: whoami"), Json("errorMessage", B64(Encoding.Unicode.GetBytes(text)))));

    [Theory]
    [InlineData("utf16be", false, true)]
    [InlineData("utf16", true, true)] // byte order mark FF FE, then little-endian
    [InlineData("utf16be", true, false)]
    public void Utf16be_and_utf16_with_bom_encode_before_base64(string encoding, bool littleEndianWithBom, bool fires)
    {
        byte[] bytes = littleEndianWithBom
            ? new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes("cmd")).ToArray()
            : Encoding.BigEndianUnicode.GetBytes("cmd");
        Assert.Equal(fires, Fires(Sel($"errorMessage|{encoding}|base64: cmd"), Json("errorMessage", B64(bytes))));
    }

    [Fact]
    public void Wide_without_base64_matches_text_with_NULs() =>
        Assert.True(Fires(Sel("errorMessage|wide|contains: cmd"), Json("errorMessage", "x c\0m\0d\0 y")));

    [Fact]
    public void Base64_of_a_value_with_wildcards_is_located() =>
        ErrorAtValue("errorMessage|base64: who*", "RG0025", "who*");

    [Fact]
    public void Base64offset_of_a_one_byte_value_is_located_not_a_pattern_that_matches_everything() =>
        ErrorAtValue("errorMessage|base64offset|contains: a", "RG0025", "a");

    [Fact]
    public void Wide_of_non_ASCII_text_is_located() =>
        ErrorAtValue("errorMessage|wide|base64: 'café'", "RG0025", "'café'");

    // ----- windash -----

    [Theory]
    [InlineData("powershell -enc AAA", true)]
    [InlineData("powershell /enc AAA", true)]
    [InlineData("powershell \u2013enc AAA", true)] // en dash
    [InlineData("powershell \u2014enc AAA", true)] // em dash
    [InlineData("powershell \u2015enc AAA", true)] // horizontal bar
    [InlineData("powershell +enc AAA", false)]
    public void Windash_matches_every_dash_variant(string value, bool fires) =>
        Assert.Equal(fires, Fires(Sel("userAgent|windash|contains: ' -enc '"), Json("userAgent", value)));

    [Theory]
    [InlineData("x /param-name", true)]
    [InlineData("x /param/name", false)] // only a dash at the start of a word varies (pySigma's \B[-/]\b)
    public void Windash_varies_only_dashes_that_start_a_word(string value, bool fires) =>
        Assert.Equal(fires, Fires(Sel("userAgent|windash|contains: -param-name"), Json("userAgent", value)));

    [Theory]
    [InlineData("run /a /b", true)]
    [InlineData("run /a", false)]
    public void Windash_with_all_ANDs_each_values_variants(string value, bool fires) =>
        Assert.Equal(fires, Fires(Sel("userAgent|windash|contains|all:\n      - ' -a'\n      - ' -b'"), Json("userAgent", value)));

    [Fact]
    public void A_windash_value_that_expands_past_the_limit_is_located() =>
        ErrorAtValue("userAgent|windash|contains: ' -a -b -c -d -e -f'", "RG0025", "' -a -b -c -d -e -f'");

    [Fact]
    public void An_oversize_regex_is_located_too_large()
    {
        string pattern = "'" + new string('a', 4097) + "'";
        ErrorAtValue("errorMessage|re: " + pattern, "RG0061", pattern);
    }

    // ----- time modifiers -----

    [Theory]
    [InlineData("2024-12-02T10:15:00Z", true)]
    [InlineData("2024-12-02T11:15:00Z", false)]
    [InlineData("2024-12-02T12:15:00+02:00", true)] // read in UTC
    [InlineData("not a date", false)]
    public void Hour_compares_the_dates_hour(string time, bool fires) =>
        Assert.Equal(fires, Fires(Sel("eventTime|hour: 10"), Json("eventTime", time)));

    [Theory]
    [InlineData("minute", "15", "2024-12-02T10:15:00Z", true)]
    [InlineData("minute", "16", "2024-12-02T10:15:00Z", false)]
    [InlineData("day", "2", "2024-12-02T10:15:00Z", true)]
    [InlineData("day", "3", "2024-12-02T10:15:00Z", false)]
    [InlineData("week", "1", "2024-12-30T10:15:00Z", true)] // ISO week: 30 December 2024 is in week 1 of 2025
    [InlineData("week", "53", "2024-12-30T10:15:00Z", false)]
    [InlineData("month", "12", "2024-12-02T10:15:00Z", true)]
    [InlineData("month", "11", "2024-12-02T10:15:00Z", false)]
    [InlineData("year", "2024", "2024-12-02T10:15:00Z", true)]
    [InlineData("year", "2024", "1733134500000", false)] // epoch milliseconds are a number, not an ISO date
    public void Time_modifiers_extract_a_part_of_the_date(string unit, string number, string time, bool fires) =>
        Assert.Equal(fires, Fires(Sel($"eventTime|{unit}: {number}"), Json("eventTime", time)));

    [Theory]
    [InlineData("2024-12-02T22:00:00Z", true)]
    [InlineData("2024-12-02T19:59:59Z", false)]
    public void A_time_modifier_then_gte_compares_the_part(string time, bool fires) =>
        Assert.Equal(fires, Fires(Sel("eventTime|hour|gte: 20"), Json("eventTime", time)));

    [Fact]
    public void A_time_value_out_of_range_is_located() =>
        ErrorAtValue("eventTime|month: 13", "RG0025", "13");
}
