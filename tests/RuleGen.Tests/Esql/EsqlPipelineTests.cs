using System.Linq;
using System.Text.Json;
using Xunit;

namespace RuleGen.Tests.Esql;

/// <summary>
/// The pipeline end to end on MADE events: each command's effect on the alert rows, per event and per tick. Expected
/// rows are derived by hand from ES|QL's semantics (docs/esql-pipeline.md), written beside each test.
/// </summary>
public class EsqlPipelineTests
{
    private static string Login(string time, string user, string ip, string outcome = "failure", string id = "") =>
        "{\"@timestamp\":\"" + time + "\",\"_id\":\"" + (id.Length > 0 ? id : time + user) + "\",\"event\":{\"dataset\":\"aws.cloudtrail\",\"action\":\"ConsoleLogin\",\"outcome\":\""
        + outcome + "\"},\"user\":{\"name\":\"" + user + "\"},\"source\":{\"ip\":\"" + ip + "\"}}";

    [Fact]
    public void StatsCountsPerGroupPerTickAndTheWhereAfterItKeepsTheBigGroups()
    {
        var rules = EsqlPipelineScan.Compile("""
            FROM logs-aws.cloudtrail-*
            | WHERE event.action == "ConsoleLogin" AND event.outcome == "failure"
            | EVAL who = TO_LOWER(user.name)
            | STATS attempts = COUNT(*) BY who, source.ip
            | WHERE attempts >= 3
            | KEEP who, source.ip, attempts
            """);
        // Ticks every 5 minutes from 10:00; window [t-5m, t]. Alice (three spellings) fails 3 times from one address
        // between 10:01 and 10:03: the 10:05 execution sees all three. Bob fails twice: below 3. One success is filtered.
        var alerts = EsqlPipelineScan.Scan(rules, new[]
        {
            Login("2026-05-01T10:01:00Z", "Alice", "10.0.0.1"),
            Login("2026-05-01T10:02:00Z", "ALICE", "10.0.0.1"),
            Login("2026-05-01T10:03:00Z", "alice", "10.0.0.1"),
            Login("2026-05-01T10:03:30Z", "alice", "10.0.0.1", outcome: "success"),
            Login("2026-05-01T10:02:00Z", "bob", "10.0.0.2"),
            Login("2026-05-01T10:04:00Z", "bob", "10.0.0.2"),
        }, scheduleStart: "2026-05-01T10:00:00Z");
        JsonElement alert = Assert.Single(alerts);
        Assert.Equal("2026-05-01T10:05:00.000Z", alert.GetProperty("@timestamp").GetString());
        Assert.Equal("alice", alert.GetProperty("who").GetString());
        Assert.Equal("10.0.0.1", alert.GetProperty("source.ip").GetString());
        Assert.Equal(3, alert.GetProperty("attempts").GetInt64());
    }

    [Fact]
    public void OverlappingLookBacksCountTheSameGroupAgainAsKibanaDoes()
    {
        // interval 5m, from now-10m: the 10:05 and 10:10 executions both see the three failures of 10:01–10:03, and
        // an aggregated row's id holds the window, so both are alerts (stateful.md §3).
        var rules = EsqlPipelineScan.Compile("""
            FROM logs-aws.cloudtrail-*
            | WHERE event.outcome == "failure"
            | STATS attempts = COUNT(*) BY user.name
            | WHERE attempts >= 3
            """, schedule: "interval: 5m\nfrom: now-10m\n");
        var alerts = EsqlPipelineScan.Scan(rules, new[]
        {
            Login("2026-05-01T10:01:00Z", "alice", "10.0.0.1"),
            Login("2026-05-01T10:02:00Z", "alice", "10.0.0.1"),
            Login("2026-05-01T10:03:00Z", "alice", "10.0.0.1"),
        }, scheduleStart: "2026-05-01T10:00:00Z");
        Assert.Equal(new[] { "2026-05-01T10:05:00.000Z", "2026-05-01T10:10:00.000Z" }, alerts.Select(a => a.GetProperty("@timestamp").GetString()).ToArray());
        Assert.NotEqual(alerts[0].GetProperty("kibana.alert.uuid").GetString(), alerts[1].GetProperty("kibana.alert.uuid").GetString());
    }

    [Fact]
    public void EvalPerEventWritesItsColumnIntoTheAlertAndAWhereOnItFilters()
    {
        var rules = EsqlPipelineScan.Compile("""
            FROM logs-aws.cloudtrail-* METADATA _id, _version, _index
            | WHERE event.action == "ConsoleLogin"
            | EVAL who = CONCAT(TO_UPPER(user.name), "@", event.outcome)
            | WHERE who != "BOB@failure"
            | KEEP _id, who, event.outcome
            """);
        var alerts = EsqlPipelineScan.Scan(rules, new[]
        {
            Login("2026-05-01T10:01:00Z", "alice", "10.0.0.1", id: "a1"),
            Login("2026-05-01T10:02:00Z", "bob", "10.0.0.2", id: "b1"),
        });
        JsonElement alert = Assert.Single(alerts);
        Assert.Equal("ALICE@failure", alert.GetProperty("who").GetString());
        Assert.Equal("failure", alert.GetProperty("event.outcome").GetString());
    }

    [Fact]
    public void MvExpandMakesOneAlertPerValue()
    {
        var rules = EsqlPipelineScan.Compile("""
            FROM logs-aws.cloudtrail-*
            | WHERE event.action == "ConsoleLogin"
            | MV_EXPAND event.category
            | KEEP event.category, user.name
            """);
        var alerts = EsqlPipelineScan.Scan(rules, new[]
        {
            """{"@timestamp":"2026-05-01T10:01:00Z","event":{"action":"ConsoleLogin","category":["authentication","iam"]},"user":{"name":"alice"}}""",
        });
        // Keyword doc values are sorted: authentication, iam.
        Assert.Equal(new[] { "authentication", "iam" }, alerts.Select(a => a.GetProperty("event.category").GetString()).ToArray());
    }

    [Fact]
    public void SortAndLimitKeepTheTopRowsOfEachExecution()
    {
        var rules = EsqlPipelineScan.Compile("""
            FROM logs-aws.cloudtrail-*
            | WHERE event.outcome == "failure"
            | STATS attempts = COUNT(*) BY user.name
            | SORT attempts DESC, user.name
            | LIMIT 2
            """);
        var alerts = EsqlPipelineScan.Scan(rules, new[]
        {
            Login("2026-05-01T10:01:00Z", "carol", "10.0.0.3"),
            Login("2026-05-01T10:01:10Z", "alice", "10.0.0.1"),
            Login("2026-05-01T10:01:20Z", "alice", "10.0.0.1"),
            Login("2026-05-01T10:01:30Z", "bob", "10.0.0.2"),
            Login("2026-05-01T10:01:40Z", "bob", "10.0.0.2"),
        }, scheduleStart: "2026-05-01T10:00:00Z");
        // Counts alice 2, bob 2, carol 1: by count descending, then name ascending; the first two.
        Assert.Equal(new[] { "alice", "bob" }, alerts.Select(a => a.GetProperty("user.name").GetString()).ToArray());
    }

    [Fact]
    public void FilteredAggregateCountsOnlyTheRowsItsWhereKeeps()
    {
        var rules = EsqlPipelineScan.Compile("""
            FROM logs-aws.cloudtrail-*
            | WHERE event.action == "ConsoleLogin"
            | STATS failures = COUNT(*) WHERE event.outcome == "failure", total = COUNT(*) BY user.name
            """);
        var alerts = EsqlPipelineScan.Scan(rules, new[]
        {
            Login("2026-05-01T10:01:00Z", "alice", "10.0.0.1"),
            Login("2026-05-01T10:02:00Z", "alice", "10.0.0.1", outcome: "success"),
        }, scheduleStart: "2026-05-01T10:00:00Z");
        JsonElement alert = Assert.Single(alerts);
        Assert.Equal(1, alert.GetProperty("failures").GetInt64());
        Assert.Equal(2, alert.GetProperty("total").GetInt64());
    }

    [Fact]
    public void AStatsItemMayBeAnExpressionOverAggregates()
    {
        // ES|QL's STATS takes expressions over aggregates; their columns keep their place before the BY columns.
        var rules = EsqlPipelineScan.Compile("""
            FROM logs-aws.cloudtrail-*
            | WHERE event.action == "ConsoleLogin"
            | STATS failure_ratio = SUM(CASE(event.outcome == "failure", 1, 0)) * 1.0 / COUNT(*), outcomes = MV_SLICE(VALUES(event.outcome), 0, 0), n = COUNT(*) BY user.name
            """);
        var alerts = EsqlPipelineScan.Scan(rules, new[]
        {
            Login("2026-05-01T10:01:00Z", "alice", "10.0.0.1"),
            Login("2026-05-01T10:02:00Z", "alice", "10.0.0.1"),
            Login("2026-05-01T10:03:00Z", "alice", "10.0.0.1", outcome: "success"),
            Login("2026-05-01T10:03:30Z", "alice", "10.0.0.1"),
        }, scheduleStart: "2026-05-01T10:00:00Z");
        JsonElement alert = Assert.Single(alerts);
        // 3 failures of 4 logins; VALUES in first-seen order, sliced to its first value.
        Assert.Equal(0.75, alert.GetProperty("failure_ratio").GetDouble());
        Assert.Equal("failure", alert.GetProperty("outcomes").GetString());
        Assert.Equal(4, alert.GetProperty("n").GetInt64());
        Assert.Equal("alice", alert.GetProperty("user.name").GetString());
        Assert.DoesNotContain(alert.EnumerateObject(), p => p.Name.Contains('\u0000'));
    }

    [Fact]
    public void NowIsTheExecutionTime()
    {
        var rules = EsqlPipelineScan.Compile("""
            FROM logs-aws.cloudtrail-*
            | WHERE event.action == "ConsoleLogin" AND @timestamp >= NOW() - 2 minutes
            | KEEP user.name
            """);
        // Window [10:00, 10:05] at the 10:05 tick; NOW() - 2 minutes = 10:03, so only the 10:04 login is kept.
        var alerts = EsqlPipelineScan.Scan(rules, new[]
        {
            Login("2026-05-01T10:01:00Z", "alice", "10.0.0.1"),
            Login("2026-05-01T10:04:00Z", "bob", "10.0.0.2"),
        }, scheduleStart: "2026-05-01T10:00:00Z");
        JsonElement alert = Assert.Single(alerts);
        Assert.Equal("bob", alert.GetProperty("user.name").GetString());
    }

    [Fact]
    public void KqlInsideEsqlKeepsKqlsOwnSemantics()
    {
        // KQL() is a full-text function Elasticsearch runs as a Lucene query: TRUE or FALSE, never NULL, any value of an
        // array matching. So NOT KQL(...) keeps an event that lacks user.name, where NOT user.name LIKE "adm*" would not.
        var rules = EsqlPipelineScan.Compile(""""
            FROM logs-aws.cloudtrail-*
            | WHERE NOT KQL("""user.name : adm*""") AND event.action == "ConsoleLogin"
            | EVAL seen = TO_UPPER(event.outcome)
            | KEEP _id, seen
            """");
        var alerts = EsqlPipelineScan.Scan(rules, new[]
        {
            Login("2026-05-01T10:01:00Z", "admin1", "10.0.0.1", id: "admin"),
            Login("2026-05-01T10:02:00Z", "alice", "10.0.0.2", id: "alice"),
            "{\"@timestamp\":\"2026-05-01T10:03:00Z\",\"_id\":\"nouser\",\"event\":{\"action\":\"ConsoleLogin\",\"outcome\":\"failure\"}}",
        });
        Assert.Equal(new[] { "alice", "nouser" }, alerts.Select(a => a.GetProperty("_id").GetString()).OrderBy(x => x).ToArray());
    }

    [Fact]
    public void QuotedSegmentsOfADottedNameAreOneName()
    {
        // ES|QL's qualifiedName allows a quoted segment anywhere (Elastic's Entra ID rules write source.`as`.organization.name).
        var rules = EsqlPipelineScan.Compile("""
            FROM logs-*
            | EVAL org = TO_UPPER(source.`as`.organization.name)
            | WHERE network.`no-wait` == false
            | KEEP org
            """);
        var alerts = EsqlPipelineScan.Scan(rules, new[]
        {
            "{\"@timestamp\":\"2026-05-01T10:01:00Z\",\"source\":{\"as\":{\"organization\":{\"name\":\"Example Corp\"}}},\"network\":{\"no-wait\":false}}",
            "{\"@timestamp\":\"2026-05-01T10:02:00Z\",\"source\":{\"as\":{\"organization\":{\"name\":\"Other\"}}},\"network\":{\"no-wait\":true}}",
        });
        Assert.Equal("EXAMPLE CORP", Assert.Single(alerts).GetProperty("org").GetString());
    }

    [Fact]
    public void CidrMatchTakesASingleAddressAsABlockAndTextMultiFieldsReadTheirParent()
    {
        // CIDRUtils.isInRange: a block without "/" is one address. process.command_line.text is ECS's match_only_text
        // multi-field of process.command_line: documents hold only the parent, and the multi-field indexes its value.
        var rules = EsqlPipelineScan.Compile("""
            FROM logs-*
            | EVAL local = CIDR_MATCH(destination.ip, "10.0.0.0/8", "::1"), n = LENGTH(process.command_line.text)
            | WHERE NOT local
            | KEEP n
            """);
        var alerts = EsqlPipelineScan.Scan(rules, new[]
        {
            "{\"@timestamp\":\"2026-05-01T10:01:00Z\",\"destination\":{\"ip\":\"45.33.0.1\"},\"process\":{\"command_line\":\"bash -c id\"}}",
            "{\"@timestamp\":\"2026-05-01T10:02:00Z\",\"destination\":{\"ip\":\"::1\"},\"process\":{\"command_line\":\"x\"}}",
            "{\"@timestamp\":\"2026-05-01T10:03:00Z\",\"destination\":{\"ip\":\"10.1.2.3\"},\"process\":{\"command_line\":\"y\"}}",
        });
        Assert.Equal(10, Assert.Single(alerts).GetProperty("n").GetInt32());
    }

    [Fact]
    public void GeneratedCodeShowsEachCommandAboveItsStep()
    {
        string source = EsqlPipelineScan.Source("""
            FROM logs-aws.cloudtrail-*
            | WHERE event.outcome == "failure"
            | EVAL who = TO_LOWER(user.name)
            | STATS attempts = COUNT(*) BY who
            """);
        Assert.Contains("// | EVAL who = TO_LOWER(user.name)", source);
        Assert.Contains("new global::RuleGen.Runtime.Pipeline.Steps.EvalStep(", source);
        Assert.Contains("// | STATS attempts = COUNT(*) BY who", source);
        Assert.DoesNotContain("System.Reflection", source);
    }

    [Theory]
    [InlineData("FROM logs-aws.cloudtrail-* | ENRICH admins ON user.name", "RG0091")]
    [InlineData("FROM logs-aws.cloudtrail-* | LOOKUP JOIN admins ON user.name", "RG0091")]
    [InlineData("FROM logs-aws.cloudtrail-* | FORK (WHERE true) (WHERE false)", "RG0091")]
    [InlineData("FROM logs-aws.cloudtrail-* | INLINE STATS c = COUNT(*) BY user.name", "RG0091")]
    [InlineData("FROM logs-aws.cloudtrail-* | STATS c = COUNT(*) BY user.name | WHERE event.action == \"x\"", "RG0090")]
    [InlineData("FROM logs-aws.cloudtrail-* | KEEP user.name | WHERE event.action == \"x\"", "RG0090")]
    [InlineData("FROM logs-aws.cloudtrail-* | EVAL x = user.name + 1", "RG0052")]
    [InlineData("FROM logs-aws.cloudtrail-* | WHERE LENGTH(user.name) > \"a\"", "RG0052")]
    public void CommandsAndTypesARuleCannotRunAreLocatedErrors(string query, string id)
    {
        var diagnostics = EsqlPipelineScan.Diagnostics(query);
        Assert.Contains(diagnostics, d => d.Id == id && d.Location.GetLineSpan().StartLinePosition.Line >= 0);
    }
}
