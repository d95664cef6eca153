using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RuleGen.Generator.Languages.Esql.Patterns;
using RuleGen.Generator.Languages.Esql.Types;
using RuleGen.Runtime.Pipeline;
using RuleGen.Runtime.Pipeline.Patterns;
using Xunit;

namespace RuleGen.Tests.Esql;

/// <summary>
/// GROK: the build-time compiler (expansion with Elasticsearch's ECS v1 library, Oniguruma → .NET) and the runtime
/// matcher. Cases marked "ES GrokTests" are Elasticsearch's libs/grok GrokTests.java cases (ECS variant), as data.
/// </summary>
public class GrokTests
{
    private static GrokPattern Runtime(string pattern)
    {
        GrokCompileResult result = GrokCompiler.Compile(pattern);
        Assert.True(result.Succeeded, result.Error);
        return new GrokPattern(result.DotNetPattern!, result.GroupNames.ToArray(), result.GroupTypes.Select(t => (EsqlType)Enum.Parse(typeof(EsqlType), t.ToString())).ToArray());
    }

    private static Dictionary<string, EsqlValue>? Match(string pattern, string input)
    {
        GrokPattern grok = Runtime(pattern);
        var captures = new EsqlValue[grok.Columns.Length];
        if (!grok.TryMatch(input, captures)) return null;
        return grok.Columns.Select((c, i) => (c, captures[i])).ToDictionary(p => p.c, p => p.Item2);
    }

    [Fact]
    public void The_embedded_library_is_Elasticsearchs_ECS_v1_core_file()
    {
        Assert.Equal(71, GrokPatternLibrary.Count);
        Assert.True(GrokPatternLibrary.TryGet("NOTSPACE", out string notSpace));
        Assert.Equal(@"\S+", notSpace);
        Assert.True(GrokPatternLibrary.TryGet("SYSLOGPROG", out string prog));
        Assert.Equal(@"%{PROG:[process][name]}(?:\[%{POSINT:[process][pid]:int}\])?", prog);
    }

    public static IEnumerable<object[]> CorpusCommands() =>
        EsqlPatternCorpus.Commands().Where(c => c.Command == "GROK").Select(c => new object[] { c.File, c.Pattern });

    // A realistic value for every GROK pattern of the AWS corpus (CloudTrail's flattened request/response text as
    // the AWS integration indexes it), and what the rule wants from it.
    private static readonly Dictionary<string, (string Value, string Column, string Expected)> CorpusValues = new()
    {
        [@".*roleArn=(?<Esql.aws_cloudtrail_request_parameters_role_arn>arn:aws[a-z-]*:iam::[0-9]{12}:role/[^,}]+).*"] =
            ("{roleArn=arn:aws:iam::123456789012:role/OrganizationAccountAccessRole, roleSessionName=x}", "Esql.aws_cloudtrail_request_parameters_role_arn", "arn:aws:iam::123456789012:role/OrganizationAccountAccessRole"),
        [@"modelId=(?<Esql.model_id>[^,}\]]+)"] =
            ("{modelId=anthropic.claude-3-sonnet-20240229-v1:0, contentType=application/json}", "Esql.model_id", "anthropic.claude-3-sonnet-20240229-v1:0"),
        ["[Cc]ontent=(?<script_b64>[A-Za-z0-9+/=]+)"] =
            ("{documentName=AWS-RunShellScript, Content=ZWNobyAiaGVsbG8i}", "script_b64", "ZWNobyAiaGVsbG8i"),
        [@".*accessKeyId=(?<Esql_priv.aws_cloudtrail_response_elements_access_key_access_key_id>AKIA[A-Z0-9]{16}).*"] =
            ("{accessKey={accessKeyId=AKIAIOSFODNN7EXAMPLE, status=Active, userName=bob}}", "Esql_priv.aws_cloudtrail_response_elements_access_key_access_key_id", "AKIAIOSFODNN7EXAMPLE"),
        ["accessKeyId=%{NOTSPACE:issued_key_id},"] =
            ("{credentials={accessKeyId=ASIAQWERTYUIOPASDFGH, sessionToken=IQoJb3JpZ2lu, expiration=Dec 2, 2026}}", "issued_key_id", "ASIAQWERTYUIOPASDFGH"),
        [@"functionName=arn:aws:lambda:[a-z0-9-]*:(?<Esql.function_account>[0-9]{12}):"] =
            ("{functionName=arn:aws:lambda:us-east-1:210987654321:function:backdoor, statementId=s}", "Esql.function_account", "210987654321"),
        [@"instanceId=(?<Esql.instance_id>[^,}\]]+)"] =
            ("{instancesSet={items=[{instanceId=i-0123456789abcdef0}]}, userData=<sensitiveDataRemoved>}", "Esql.instance_id", "i-0123456789abcdef0"),
        [@":(?<Esql.caller_account>[0-9]{12}):"] =
            ("arn:aws:sts::123456789012:assumed-role/Admin/session", "Esql.caller_account", "123456789012"),
    };

    [Theory]
    [MemberData(nameof(CorpusCommands))]
    public void Every_corpus_grok_pattern_compiles_and_extracts_from_a_realistic_value(string file, string pattern)
    {
        Assert.True(CorpusValues.TryGetValue(pattern, out var sample), $"{file}: no sample value for {pattern}");
        Dictionary<string, EsqlValue>? columns = Match(pattern, sample.Value);
        Assert.NotNull(columns);
        Assert.Equal(EsqlValue.Keyword(sample.Expected), columns![sample.Column]);
        // And a value without the key gives no match (the row then keeps NULL columns).
        Assert.Null(Match(pattern, "{eventName=Other}"));
    }

    [Fact]
    public void The_corpus_has_the_grok_commands_we_expect()
    {
        var patterns = EsqlPatternCorpus.Commands().Where(c => c.Command == "GROK").Select(c => c.Pattern).Distinct().ToList();
        Assert.Equal(8, patterns.Count);
        Assert.All(CorpusValues.Keys, k => Assert.Contains(k, patterns));
    }

    [Fact]
    public void Corpus_patterns_run_on_the_linear_engine_and_agree_with_the_backtracking_one()
    {
        foreach (var (pattern, sample) in CorpusValues)
        {
            GrokCompileResult result = GrokCompiler.Compile(pattern);
            GrokPattern grok = Runtime(pattern);
            // NOTSPACE alone is plain; none of these uses lookaround, so all run linearly.
            Assert.True(grok.IsLinear, pattern);
            var backtracking = new Regex(result.DotNetPattern!, RegexOptions.ExplicitCapture | RegexOptions.Multiline | RegexOptions.CultureInvariant);
            var linear = new Regex(result.DotNetPattern!, RegexOptions.ExplicitCapture | RegexOptions.Multiline | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            foreach (string value in new[] { sample.Value, sample.Value + ", " + sample.Value, "x" })
            {
                Match a = backtracking.Match(value), b = linear.Match(value);
                Assert.Equal(a.Success, b.Success);
                Assert.Equal(a.Groups["g0"].Value, b.Groups["g0"].Value);
            }
        }
    }

    // ----- Elasticsearch's own cases (libs/grok GrokTests.java, ECS variant) -----

    [Fact]
    public void ES_match_without_captures_searches_the_value()
    {
        // ES GrokTests.testMatchWithoutCaptures: "value" matches "value" and "prefix_value" (a search), not "no_match".
        Assert.NotNull(Match("value", "value"));
        Assert.NotNull(Match("value", "prefix_value"));
        Assert.Null(Match("value", "no_match"));
    }

    [Fact]
    public void ES_unknown_pattern_is_an_error()
    {
        // ES GrokTests.testNoMatchingPatternInDictionary.
        GrokCompileResult result = GrokCompiler.Compile("x %{NOTFOUND}");
        Assert.Equal("Unable to find pattern [NOTFOUND] in Grok's pattern dictionary", result.Error);
        Assert.Equal(2, result.ErrorOffset);
    }

    [Fact]
    public void ES_syslog_line_with_ECS_names()
    {
        // ES GrokTests.testSimpleSyslogLine (ECS): bracket names become dotted, pid is an integer, timestamp is
        // captured twice (SYSLOGLINE is in linux-syslog, not embedded: SYSLOGBASE + GREEDYDATA is its core file part).
        var m = Match("%{SYSLOGBASE} %{GREEDYDATA:message}", "Mar 16 00:01:25 evita postfix/smtpd[1713]: connect from camomile.cloud9.net[168.100.1.3]")!;
        Assert.Equal(EsqlValue.Keyword("evita"), m["host.hostname"]);
        Assert.Equal(EsqlValue.Keyword("postfix/smtpd"), m["process.name"]);
        Assert.Equal(EsqlValue.Integer(1713), m["process.pid"]);
        Assert.Equal(EsqlValue.Keyword("Mar 16 00:01:25"), m["timestamp"]);
        Assert.Equal(EsqlValue.Keyword("connect from camomile.cloud9.net[168.100.1.3]"), m["message"]);
        Assert.True(m["log.syslog.facility.code"].IsNull);
        Assert.True(m["log.syslog.priority"].IsNull);
    }

    [Fact]
    public void ES_date_pattern_inside_a_raw_named_group()
    {
        // ES GrokTests.testDatePattern.
        Assert.Equal(EsqlValue.Keyword("12-12-12 12:12:12"), Match("(?<timestamp>%{DATE_EU} %{TIME})", "fancy 12-12-12 12:12:12")!["timestamp"]);
    }

    [Fact]
    public void ES_nil_coerced_values()
    {
        // ES GrokTests.testNilCoercedValues / testNilWithNoCoercion: an optional capture that did not take part is NULL.
        Assert.Equal(EsqlValue.Double(28.4), Match("test (N/A|%{BASE10NUM:duration:float}ms)", "test 28.4ms")!["duration"]);
        Assert.True(Match("test (N/A|%{BASE10NUM:duration:float}ms)", "test N/A")!["duration"].IsNull);
        Assert.Equal(EsqlValue.Keyword("28.4"), Match("test (N/A|%{BASE10NUM:duration}ms)", "test 28.4ms")!["duration"]);
    }

    [Fact]
    public void ES_unicode_syslog()
    {
        // ES GrokTests.testUnicodeSyslog.
        var m = Match("<%{POSINT:syslog_pri}>%{SPACE}%{SYSLOGTIMESTAMP:syslog_timestamp} %{SYSLOGHOST:syslog_hostname} %{PROG:syslog_program}(:?)(?:\\[%{GREEDYDATA:syslog_pid}\\])?(:?) %{GREEDYDATA:syslog_message}",
            "<22>Jan  4 07:50:46 mailmaster postfix/policy-spf[9454]: : SPF permerror (Junk encountered in record 'v=spf1 mx a:mail.domain.no ip4:192.168.0.4 \uFFFDall'): Envelope-from: email@domain.no")!;
        Assert.Equal(EsqlValue.Keyword("22"), m["syslog_pri"]);
        Assert.Equal(EsqlValue.Keyword("postfix/policy-spf"), m["syslog_program"]);
        Assert.Equal(new[] { "syslog_hostname", "syslog_message", "syslog_pid", "syslog_pri", "syslog_program", "syslog_timestamp" }, m.Keys.ToArray());
    }

    [Fact]
    public void ES_whole_text_and_oniguruma_named_captures()
    {
        // ES GrokTests.testNamedFieldsWithWholeTextMatch, testWithOniguramaNamedCaptures.
        Assert.Equal(EsqlValue.Keyword("11/01/01"), Match("%{DATE_EU:stimestamp}", "11/01/01")!["stimestamp"]);
        Assert.Equal(EsqlValue.Keyword("hello"), Match(@"(?<foo>\w+)", "hello world")!["foo"]);
    }

    public static IEnumerable<object[]> Iso8601Good() => new[]
    {
        "2001-01-01T00:00:00", "1974-03-02T04:09:09", "2010-05-03T08:18:18+00:00", "2004-07-04T12:27:27-00:00",
        "2001-09-05T16:36:36+0000", "2001-11-06T20:45:45-0000", "2001-12-07T23:54:54Z", "2001-01-01T00:00:00.123456",
        "1974-03-02T04:09:09.123456", "2010-05-03T08:18:18.123456+00:00", "2004-07-04T12:27:27.123456-00:00",
        "2001-09-05T16:36:36.123456+0000", "2001-11-06T20:45:45.123456-0000", "2001-12-07T23:54:54.123456Z",
        "2001-12-07T23:54:60.123456Z", "2001-01-01T0:00:00",
    }.Select(s => new object[] { s });

    public static IEnumerable<object[]> Iso8601Bad() => new[]
    {
        "2001-13-01T00:00:00", "2001-00-01T00:00:00", "2001-01-00T00:00:00", "2001-01-32T00:00:00", "2001-01-aT00:00:00",
        "2001-01-1aT00:00:00", "2001-01-01Ta0:00:00", "2001-01-01T25:00:00", "2001-01-01T01:60:00", "2001-01-01T00:aa:00",
        "2001-01-01T00:00:aa", "2001-01-01T00:00:-1", "2001-01-01T00:00:61", "2001-01-01T00:00:00A", "2001-01-01T00:00:00+",
        "2001-01-01T00:00:00+25", "2001-01-01T00:00:00+2500", "2001-01-01T00:00:00+25:00", "2001-01-01T00:00:00-25",
        "2001-01-01T00:00:00-2500", "2001-01-01T00:00:00-00:61",
    }.Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Iso8601Good))]
    public void ES_ISO8601(string value) => Assert.NotNull(Match("^%{TIMESTAMP_ISO8601}$", value)); // ES GrokTests.testISO8601 (ECS allows one-digit hours)

    [Theory]
    [MemberData(nameof(Iso8601Bad))]
    public void ES_not_ISO8601(string value) => Assert.Null(Match("^%{TIMESTAMP_ISO8601}$", value)); // ES GrokTests.testNotISO8601

    [Fact]
    public void ES_boolean_numeric_and_garbage_type_captures()
    {
        // ES GrokTests.testBooleanCaptures, testNumericCaptures, testNumericCapturesCoercion, testGarbageTypeNameBecomesString.
        var b = Match("%{WORD:name}=%{WORD:status:boolean}", "active=true")!;
        Assert.Equal(EsqlValue.Keyword("active"), b["name"]);
        Assert.Equal(EsqlValue.True, b["status"]);
        var n = Match("%{NUMBER:bytes:float} %{NUMBER:id:long} %{NUMBER:rating:double}", "12009.34 20000000000 4820.092")!;
        Assert.Equal(EsqlValue.Long(20000000000L), n["id"]);
        Assert.Equal(EsqlValue.Double(4820.092), n["rating"]);
        Assert.Equal(EsqlType.Double, n["bytes"].Type);
        var c = Match("%{NUMBER:bytes:float} %{NUMBER:status} %{NUMBER}", "12009.34 200 9032")!;
        Assert.Equal(new[] { "bytes", "status" }, c.Keys.ToArray());
        Assert.Equal(EsqlValue.Keyword("200"), c["status"]);
        GrokCompileResult garbage = GrokCompiler.Compile("%{NUMBER:f:not_a_valid_type}");
        Assert.Equal(new[] { new GrokCapture("f", EsqlDataType.Keyword) }, garbage.Captures);
    }

    // ----- ES|QL's own rules (docs: esql/commands/grok) -----

    [Fact]
    public void Columns_are_sorted_by_name_and_typed_by_suffix()
    {
        // ES|QL Grok.extractedFields sorts by name; int → integer, float → double (widenSmallNumeric).
        GrokCompileResult r = GrokCompiler.Compile("%{WORD:z} %{NUMBER:b:int} %{NUMBER:a:float} %{WORD:m:boolean} %{NUMBER:l:long}");
        Assert.Equal(new[] { "a", "b", "l", "m", "z" }, r.Captures.Select(c => c.Name).ToArray());
        Assert.Equal(new[] { EsqlDataType.Double, EsqlDataType.Integer, EsqlDataType.Long, EsqlDataType.Boolean, EsqlDataType.Keyword }, r.Captures.Select(c => c.Type).ToArray());
        // The docs' example: ROW a = "2023-01-23T12:15:00.000Z 127.0.0.1 some.email@foo.com 42".
        var m = Match("%{TIMESTAMP_ISO8601:date} %{IP:ip} %{EMAILADDRESS:email} %{NUMBER:num:int}", "2023-01-23T12:15:00.000Z 127.0.0.1 some.email@foo.com 42")!;
        Assert.Equal(EsqlValue.Keyword("2023-01-23T12:15:00.000Z"), m["date"]);
        Assert.Equal(EsqlValue.Keyword("127.0.0.1"), m["ip"]);
        Assert.Equal(EsqlValue.Keyword("some.email@foo.com"), m["email"]);
        Assert.Equal(EsqlValue.Integer(42), m["num"]);
    }

    [Fact]
    public void A_name_used_twice_is_a_multivalued_column()
    {
        // ES|QL grok docs: "If a field name is used more than once, a multi-valued column will be created with one
        // value per each occurrence of the field name."
        var m = Match("%{WORD:x} %{WORD:x} %{NUMBER:y:int}", "foo bar 1")!;
        Assert.Equal(EsqlValue.Multi(EsqlType.Keyword, new[] { EsqlValue.Keyword("foo"), EsqlValue.Keyword("bar") }), m["x"]);
        Assert.Equal(2, GrokCompiler.Compile("%{WORD:x} %{WORD:x}").GroupNames.Count);
        Assert.Single(GrokCompiler.Compile("%{WORD:x} %{WORD:x}").Captures);
    }

    [Fact]
    public void Null_and_multivalued_inputs()
    {
        GrokPattern grok = Runtime("%{WORD:w}=%{NUMBER:n:int}");
        var columns = new EsqlValue[2];
        grok.Extract(EsqlValue.Null, columns);
        Assert.True(columns.All(c => c.IsNull));
        grok.Extract(EsqlValue.Keyword("no match here"), columns);
        Assert.True(columns.All(c => c.IsNull));
        // "If the column has multiple values, GROK will process each value."
        grok.Extract(EsqlValue.Multi(EsqlType.Keyword, new[] { EsqlValue.Keyword("a=1"), EsqlValue.Keyword("nothing"), EsqlValue.Keyword("b=2") }), columns);
        Assert.Equal(new[] { "n", "w" }, grok.Columns);
        Assert.Equal(EsqlValue.Multi(EsqlType.Integer, new[] { EsqlValue.Integer(1), EsqlValue.Integer(2) }), columns[0]);
        Assert.Equal(EsqlValue.Multi(EsqlType.Keyword, new[] { EsqlValue.Keyword("a"), EsqlValue.Keyword("b") }), columns[1]);
        // An empty string input is a value: it simply does not match this pattern; an empty capture is "".
        grok.Extract(EsqlValue.Keyword(""), columns);
        Assert.True(columns.All(c => c.IsNull));
        Assert.Equal(EsqlValue.Keyword(""), Match("a(?<e>x*)b", "ab")!["e"]);
    }

    [Fact]
    public void Oniguruma_syntax_is_translated()
    {
        Assert.Equal(EsqlValue.Keyword("0fA9"), Match(@"(?<h>\h+)", "zz0fA9zz")!["h"]);
        Assert.Equal(EsqlValue.Keyword("ab1"), Match(@"(?<p>[[:alnum:]]+)", "--ab1--")!["p"]);
        Assert.Equal(EsqlValue.Keyword("cab"), Match(@"(?<p>[[a-c]x]+)", "zcabz")!["p"]); // a nested class is a union
        Assert.Null(Match(@"(?<p>a*+a)", "aaaa")); // possessive: gives nothing back
        Assert.Equal(EsqlValue.Keyword("aaa"), Match(@"(?<p>a{,3})", "aaaa")!["p"]);
        Assert.Equal(EsqlValue.Keyword("a\nb"), Match(@"(?m)(?<p>a.b)", "a\nb")!["p"]); // Ruby m = dot matches newline
        Assert.Equal(EsqlValue.Keyword("x"), Match(@"^(?<p>x)$", "y\nx\nz")!["p"]); // Ruby ^ $ are line anchors
        Assert.Equal(EsqlValue.Keyword("é"), Match(@"(?<p>\x{00e9})", "café")!["p"]);
        Assert.Equal(EsqlValue.Keyword("b"), Match(@"(?<a>[ab])\k<a>", "xabba")!["a"]);
        Assert.Equal(EsqlValue.Keyword("a"), Match(@"(?'q'a)", "a")!["q"]);
        Assert.Null(Match(@"(?<a>[ab])\k<a>", "abab"));
    }

    [Theory]
    [InlineData(@"a\Kb", 1, "\\K")]
    [InlineData(@"(a)\1", 3, "numbered backreferences")]
    [InlineData(@"[a-z&&[^b]]", 4, "intersection")]
    [InlineData(@"(?~abc)", 0, "absent operator")]
    [InlineData(@"[a[^b]]", 3, "negated nested")]
    [InlineData(@"(abc", 3, "unmatched parenthesis")]
    [InlineData(@"abc)", 3, "unmatched ')'")]
    [InlineData(@"[abc", 3, "char-class")]
    [InlineData(@"x%{WORD:w} %{NOSUCH:y}", 11, "Unable to find pattern [NOSUCH]")]
    [InlineData(@"%{IP:a} (?<b>\g<a>)", 13, "subexpression calls")]
    public void Untranslatable_or_invalid_patterns_are_located_errors(string pattern, int offset, string message)
    {
        GrokCompileResult result = GrokCompiler.Compile(pattern);
        Assert.False(result.Succeeded);
        Assert.Contains(message, result.Error);
        Assert.Equal(offset, result.ErrorOffset);
    }

    [Fact]
    public void An_error_inside_a_built_in_pattern_is_located_at_the_reference()
    {
        GrokCompileResult result = GrokCompiler.Compile("ok %{X=a\\Kb}");
        Assert.Contains("\\K", result.Error);
        Assert.Equal(3, result.ErrorOffset);
    }

    [Fact]
    public void Cycles_depth_and_size_are_bounded()
    {
        var bank = new Dictionary<string, string> { ["A"] = "a%{B}", ["B"] = "b%{A}" };
        GrokCompileResult cycle = GrokCompiler.Compile("x %{A:v}", bank);
        Assert.StartsWith("circular reference in pattern [A]", cycle.Error);
        Assert.Equal(2, cycle.ErrorOffset);
        var chain = Enumerable.Range(0, 40).ToDictionary(i => "P" + i, i => i == 39 ? "z" : "%{P" + (i + 1) + "}");
        GrokCompileResult deep = GrokCompiler.Compile("%{P0}", chain);
        Assert.Contains("nested too deeply", deep.Error);
        Assert.Equal(0, deep.ErrorOffset);
        Assert.True(GrokCompiler.Compile("%{P10}", chain).Succeeded);
        Assert.True(GrokCompiler.Compile("%{SYSLOGBASE}").Succeeded);
        GrokCompileResult large = GrokCompiler.Compile(string.Concat(Enumerable.Repeat("%{IPV6}", 70)));
        Assert.False(large.Succeeded);
        Assert.Contains("too long", large.Error);
        Assert.False(GrokCompiler.Compile(new string('a', 5000)).Succeeded);
    }

    [Fact]
    public void Every_embedded_pattern_compiles()
    {
        foreach (string name in new[] { "USERNAME", "EMAILADDRESS", "INT", "BASE10NUM", "NUMBER", "BASE16NUM", "BASE16FLOAT", "POSINT", "NONNEGINT", "WORD", "NOTSPACE", "SPACE", "DATA", "GREEDYDATA", "QUOTEDSTRING", "UUID", "URN", "MAC", "IPV6", "IPV4", "IP", "HOSTNAME", "IPORHOST", "HOSTPORT", "PATH", "UNIXPATH", "TTY", "WINPATH", "URIPROTO", "URIHOST", "URIPATH", "URIQUERY", "URIPARAM", "URIPATHPARAM", "URI", "MONTH", "MONTHNUM", "MONTHNUM2", "MONTHDAY", "DAY", "YEAR", "HOUR", "MINUTE", "SECOND", "TIME", "DATE_US", "DATE_EU", "ISO8601_TIMEZONE", "ISO8601_SECOND", "TIMESTAMP_ISO8601", "DATE", "DATESTAMP", "TZ", "DATESTAMP_RFC822", "DATESTAMP_RFC2822", "DATESTAMP_OTHER", "DATESTAMP_EVENTLOG", "SYSLOGTIMESTAMP", "PROG", "SYSLOGPROG", "SYSLOGHOST", "SYSLOGFACILITY", "HTTPDATE", "QS", "SYSLOGBASE", "LOGLEVEL" })
        {
            GrokCompileResult r = GrokCompiler.Compile("%{" + name + ":v}");
            Assert.True(r.Succeeded, name + ": " + r.Error);
            _ = Runtime("%{" + name + ":v}");
        }
        var ip = Match("%{IP:ip} %{URI:uri} %{UNIXPATH:path} %{QS:q}", "2001:db8::1 https://example.com:8443/a/b?c=d /var/log/x.log \"quoted \\\" text\"")!;
        Assert.Equal(EsqlValue.Keyword("2001:db8::1"), ip["ip"]);
        Assert.Equal(EsqlValue.Keyword("https://example.com:8443/a/b?c=d"), ip["uri"]);
        Assert.Equal(EsqlValue.Keyword("/var/log/x.log"), ip["path"]);
        Assert.Equal(EsqlValue.Keyword("\"quoted \\\" text\""), ip["q"]);
    }

    [Fact]
    public void The_construct_expression_names_the_runtime_type()
    {
        string code = GrokCompiler.ConstructExpression(GrokCompiler.Compile("%{WORD:a.b} %{INT:n:int}"));
        Assert.StartsWith("new global::RuleGen.Runtime.Pipeline.Patterns.GrokPattern(\"", code);
        Assert.Contains("new string[] { \"a.b\", \"n\" }", code);
        Assert.Contains("global::RuleGen.Runtime.Pipeline.EsqlType.Keyword, global::RuleGen.Runtime.Pipeline.EsqlType.Integer", code);
        Assert.Throws<InvalidOperationException>(() => GrokCompiler.ConstructExpression(GrokCompiler.Compile("%{NOPE}")));
    }
}
