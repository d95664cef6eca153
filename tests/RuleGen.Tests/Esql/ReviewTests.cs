using System;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace RuleGen.Tests.Esql;

/// <summary>
/// Review of the issue-11 pipeline: each test pins a bug found in review (fixed in the same commit) or a behaviour
/// the review checked against the ES|QL reference.
/// </summary>
public class ReviewTests
{
    /// <summary>Scans the events; an event the scan could not evaluate (a defect, reported and dropped) fails the test.</summary>
    private static JsonElement[] Scan(string query, string[] events, string? scheduleStart = null)
    {
        RuleGen.Runtime.RuleSet rules = EsqlPipelineScan.Compile(query);
        string file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"rulegen-review-{Guid.NewGuid():N}.ndjson");
        System.IO.File.WriteAllLines(file, events);
        try
        {
            long? start = scheduleStart is null ? null : DateTimeOffset.Parse(scheduleStart, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
            var (alerts, summary) = InProcessScan.Run(new[] { file }, rules, new RuleGen.Runtime.Windows.WindowOptions(start, false), threads: 1);
            Assert.DoesNotContain("cannot be evaluated", summary);
            return alerts;
        }
        finally
        {
            System.IO.File.Delete(file);
        }
    }

    private static JsonElement[] PerEvent(string query, params string[] events) => Scan(query, events);

    // ----- runtime robustness: fields no schema knows (Dynamic) can hold any JSON type per event -----

    [Fact]
    public void ADynamicStringComparedWithANumberDoesNotKillTheScan()
    {
        // f is made up (RG0051): it reads as the JSON it holds. "abc" > 5 compares a keyword with an integer.
        var alerts = PerEvent("FROM logs-*\n| EVAL x = f\n| WHERE x > 5",
            """{"@timestamp":"2026-05-01T10:00:00Z","f":"abc"}""",
            """{"@timestamp":"2026-05-01T10:00:01Z","f":7}""");
        Assert.Single(alerts);
    }

    [Fact]
    public void ADynamicNumberUnderLikeDoesNotKillTheScan()
    {
        var alerts = PerEvent("FROM logs-*\n| EVAL x = f\n| WHERE x LIKE \"ab*\"",
            """{"@timestamp":"2026-05-01T10:00:00Z","f":12}""",
            """{"@timestamp":"2026-05-01T10:00:01Z","f":"abc"}""");
        Assert.Single(alerts);
    }

    [Fact]
    public void ADynamicNumberGivenToConcatDoesNotKillTheScan()
    {
        var alerts = PerEvent("FROM logs-*\n| EVAL x = CONCAT(f, \"!\")\n| KEEP x",
            """{"@timestamp":"2026-05-01T10:00:00Z","f":12}""",
            """{"@timestamp":"2026-05-01T10:00:01Z","f":"abc"}""");
        Assert.Equal(2, alerts.Length);
    }

    [Fact]
    public void SortingADynamicColumnOfMixedTypesDoesNotKillTheScan()
    {
        var alerts = Scan("FROM logs-*\n| SORT f\n| LIMIT 10\n| KEEP f", new[]
        {
            """{"@timestamp":"2026-05-01T10:01:00Z","f":"abc"}""",
            """{"@timestamp":"2026-05-01T10:02:00Z","f":3}""",
            """{"@timestamp":"2026-05-01T10:03:00Z","f":true}""",
        }, scheduleStart: "2026-05-01T10:00:00Z");
        Assert.Equal(3, alerts.Length);
    }

    [Fact]
    public void ADynamicMultivalueOfMixedTypesDoesNotKillTheScan()
    {
        var alerts = PerEvent("FROM logs-*\n| EVAL x = MV_SORT(f)\n| KEEP x",
            """{"@timestamp":"2026-05-01T10:00:00Z","f":[2,"a",true]}""");
        Assert.Single(alerts);
    }

    // ----- column layout after STATS: later commands add columns -----

    private const string Tick = "2026-05-01T10:00:00Z";

    private static string Ev(string time, string json) => "{\"@timestamp\":\"2026-05-01T" + time + "Z\"," + json + "}";

    [Fact]
    public void EvalDissectAndGrokAfterStatsWriteColumnsTheStatsRowHasRoomFor()
    {
        var alerts = Scan("""
            FROM logs-*
            | STATS c = COUNT(*) BY k
            | EVAL a = c + 1, b = a * 2, s = CONCAT(k, "-x")
            | DISSECT s "%{p}-%{q}"
            | GROK s "%{WORD:w}"
            | EVAL z = CONCAT(p, q, w)
            | KEEP k, c, a, b, z
            """, new[] { Ev("10:01:00", "\"k\":\"u\""), Ev("10:02:00", "\"k\":\"u\"") }, Tick);
        JsonElement alert = Assert.Single(alerts);
        Assert.Equal(2, alert.GetProperty("c").GetInt64());
        Assert.Equal(3, alert.GetProperty("a").GetInt64());
        Assert.Equal(6, alert.GetProperty("b").GetInt64());
        Assert.Equal("uxu", alert.GetProperty("z").GetString());
    }

    [Fact]
    public void StatsAfterStatsThenMvExpandOfValues()
    {
        var alerts = Scan("""
            FROM logs-*
            | STATS c = COUNT(*) BY k
            | STATS ks = VALUES(k), total = SUM(c)
            | MV_EXPAND ks
            | EVAL t = total * 10
            | KEEP ks, t
            """, new[] { Ev("10:01:00", "\"k\":\"u\""), Ev("10:02:00", "\"k\":\"v\""), Ev("10:03:00", "\"k\":\"v\"") }, Tick);
        Assert.Equal(new[] { "u", "v" }, alerts.Select(a => a.GetProperty("ks").GetString()).OrderBy(x => x).ToArray());
        Assert.All(alerts, a => Assert.Equal(30, a.GetProperty("t").GetInt64()));
    }

    // ----- STATS grouping: NULL key is a group, a multivalued key joins each value's group (stats reference) -----

    [Fact]
    public void StatsGroupsANullKeyAndSplitsAMultivaluedKey()
    {
        var alerts = Scan("""
            FROM logs-*
            | STATS c = COUNT(*) BY k
            | SORT k
            """, new[] { Ev("10:01:00", "\"k\":[\"a\",\"b\"]"), Ev("10:02:00", "\"k\":\"a\""), Ev("10:03:00", "\"j\":1") }, Tick);
        Assert.Equal(new[] { "\"a\":2", "\"b\":1", "null:1" },
            alerts.Select(a => a.GetProperty("k").GetRawText() + ":" + a.GetProperty("c").GetInt64()).ToArray());
    }

    // ----- SORT: NULLs last ascending, first descending; numbers of mixed types by value (sort reference) -----

    [Fact]
    public void SortPutsNullsLastAscendingAndFirstDescendingAndMixesNumbers()
    {
        string[] events = { Ev("10:01:00", "\"n\":2.5"), Ev("10:02:00", "\"n\":10"), Ev("10:03:00", "\"m\":1"), Ev("10:04:00", "\"n\":3") };
        var up = Scan("FROM logs-*\n| SORT n\n| LIMIT 10\n| KEEP n", events, Tick);
        Assert.Equal(new[] { "2.5", "3", "10", "null" }, up.Select(a => a.GetProperty("n").GetRawText()).ToArray());
        var down = Scan("FROM logs-*\n| SORT n DESC\n| LIMIT 10\n| KEEP n", events, Tick);
        Assert.Equal(new[] { "null", "10", "3", "2.5" }, down.Select(a => a.GetProperty("n").GetRawText()).ToArray());
    }

    // ----- pushdown of later WHERE conjuncts into the filter must not change a verdict -----

    [Fact]
    public void AWhereAfterMvExpandOfItsFieldIsNotPushedIntoTheFilter()
    {
        // MV_EXPAND makes each value its own row: x == "a" keeps the "a" row. Tested on the event (multivalued x) it
        // would be NULL and drop the event.
        var alerts = PerEvent("FROM logs-*\n| MV_EXPAND x\n| WHERE x == \"a\"\n| KEEP x", Ev("10:01:00", "\"x\":[\"a\",\"b\"]"));
        Assert.Equal("a", Assert.Single(alerts).GetProperty("x").GetString());
    }

    [Fact]
    public void AWhereOnAFieldEvalOrDissectOrGrokOverwroteIsNotPushed()
    {
        string e = Ev("10:01:00", "\"user\":{\"name\":\"alice\"},\"message\":\"bob\"");
        Assert.Single(PerEvent("FROM logs-*\n| EVAL user.name = \"bob\"\n| WHERE user.name == \"bob\"", e));
        Assert.Single(PerEvent("FROM logs-*\n| DISSECT message \"%{user.name}\"\n| WHERE user.name == \"bob\"", e));
        Assert.Single(PerEvent("FROM logs-*\n| GROK message \"%{WORD:user.name}\"\n| WHERE user.name == \"bob\"", e));
    }

    [Fact]
    public void AWhereAfterARenameOntoAFieldNameIsNotPushed()
    {
        string e = Ev("10:01:00", "\"a\":\"x\",\"b\":\"y\"");
        Assert.Single(PerEvent("FROM logs-*\n| DROP b\n| RENAME a AS b\n| WHERE b == \"x\"", e));
    }

    // ----- WHERE/CASE three-valued logic -----

    [Fact]
    public void CaseTreatsANullConditionAsFalseAndWhereDropsNull()
    {
        var alerts = PerEvent("FROM logs-*\n| EVAL v = CASE(n > 1, \"big\", \"other\"), w = NOT (n > 1)\n| WHERE w IS NULL OR w\n| KEEP v",
            Ev("10:01:00", "\"m\":1"), Ev("10:02:00", "\"n\":[1,5]"), Ev("10:03:00", "\"n\":5"));
        // missing n and multivalued n: n > 1 is NULL, so CASE takes the else branch and NOT NULL is NULL (kept by IS NULL); n = 5 drops.
        Assert.Equal(new[] { "other", "other" }, alerts.Select(a => a.GetProperty("v").GetString()).ToArray());
    }

    // ----- generator robustness: hostile queries give located diagnostics, never an exception; accepted ones compile -----

    public static TheoryData<string> HostileQueries() => new()
    {
        "FROM logs-* | | |",
        "FROM logs-* |",
        "FROM logs-* | WHERE",
        "FROM logs-* | EVAL",
        "FROM logs-* | EVAL x =",
        "FROM logs-* | STATS",
        "FROM logs-* | STATS BY",
        "FROM logs-* | STATS c = COUNT(*) BY",
        "FROM logs-* | SORT",
        "FROM logs-* | SORT x NULLS",
        "FROM logs-* | LIMIT",
        "FROM logs-* | LIMIT -1",
        "FROM logs-* | LIMIT 99999999999999999999",
        "FROM logs-* | KEEP",
        "FROM logs-* | DROP",
        "FROM logs-* | RENAME",
        "FROM logs-* | RENAME a AS",
        "FROM logs-* | MV_EXPAND",
        "FROM logs-* | DISSECT",
        "FROM logs-* | DISSECT message",
        "FROM logs-* | DISSECT message \"%{a\"",
        "FROM logs-* | DISSECT message \"%{}\"",
        "FROM logs-* | GROK message \"%{WORD:a\"",
        "FROM logs-* | GROK message \"%{NOPE:a}\"",
        "FROM logs-* | GROK message \"(unclosed\"",
        "FROM logs-* | GROK message \"\\\"",
        "FROM logs-* | GROK message \"%{WORD:a",
        "FROM logs-* | DISSECT message \"%{a",
        "FROM logs-* | EVAL x = \"unterminated",
        "FROM logs-* | WHERE x == \"\"\"triple",
        "FROM logs-* | EVAL x = 1 +",
        "FROM logs-* | EVAL x = ((((1)",
        "FROM logs-* | EVAL x = " + string.Concat(Enumerable.Repeat("(", 5000)) + "1" + string.Concat(Enumerable.Repeat(")", 5000)),
        "FROM logs-* | EVAL x = " + string.Concat(Enumerable.Repeat("-", 5000)) + "1",
        "FROM logs-* | EVAL x = " + string.Concat(Enumerable.Repeat("NOT ", 5000)) + "true",
        "FROM logs-* | EVAL x = " + string.Join(" + ", Enumerable.Repeat("1", 20000)),
        "FROM logs-* | EVAL x = " + string.Concat(Enumerable.Repeat("TO_LOWER(", 3000)) + "\"a\"" + string.Concat(Enumerable.Repeat(")", 3000)),
        "FROM logs-* | WHERE " + string.Join(" AND ", Enumerable.Range(0, 5000).Select(i => "f" + i + " == 1")),
        "FROM logs-* | WHERE " + string.Join(" OR ", Enumerable.Repeat("f == 1", 20000)),
        "FROM logs-*" + string.Concat(Enumerable.Repeat(" | EVAL x = 1", 5000)),
        "FROM logs-*" + string.Concat(Enumerable.Range(0, 3000).Select(i => " | STATS c" + i + " = COUNT(*)")),
        "FROM logs-* | EVAL x = CASE(" + string.Join(", ", Enumerable.Repeat("true, 1", 5000)) + ", 0)",
        "FROM logs-* | EVAL x = 1 | STATS c = COUNT(*) BY x | EVAL x = x + c | WHERE x > 1 | KEEP c",
        "FROM logs-* | EVAL `a``b` = 1 | KEEP `a``b`",
        "FROM logs-* | EVAL `` = 1",
        "FROM logs-* | KEEP `",
        "FROM logs-* | EVAL x = 1e999999",
        "FROM logs-* | EVAL x = 9223372036854775808",
        "FROM logs-* | EVAL x = -9223372036854775808",
        "FROM logs-* | EVAL x = 99999999999999999999999999 days",
        "FROM logs-* | EVAL x = NOW() + 9223372036854775807 days",
        "FROM logs-* | EVAL x = TO_DATETIME(\"2020\") + 1 year - 1 month",
        "FROM logs-* | EVAL x = ?",
        "FROM logs-* | EVAL x = ?param",
        "FROM logs-* | EVAL x = @",
        "FROM logs-* | EVAL x = 1 /* unterminated comment",
        "FROM logs-* | WHERE x RLIKE \"[\"",
        "FROM logs-* | WHERE x LIKE \"\\\"",
        "FROM logs-* | EVAL y = x | WHERE y RLIKE \"(((\"",
        "FROM logs-* | EVAL x = REPLACE(y, \"(\", \"z\")",
        "FROM logs-* | SORT x ASC DESC",
        "FROM logs-* | STATS c = COUNT(*) WHERE | KEEP c",
        "FROM logs-* | STATS COUNT(*) BY COUNT(*)",
        "FROM logs-* | STATS c = SUM(COUNT(*))",
        "FROM logs-* | MV_EXPAND x | MV_EXPAND x | MV_EXPAND x",
        "FROM logs-* | RENAME a AS b, b AS a | KEEP a, b",
        "FROM logs-* | EVAL x = 1 | DROP x | KEEP x",
        "FROM logs-* | DROP *",
        "FROM logs-* | KEEP * | DROP * | EVAL z = 1",
        "FROM logs-* | EVAL a = 1, a = a + 1, a = a * 2 | KEEP a",
        "FROM logs-* | EVAL \u0000 = 1",
        "FROM logs-* | WHERE \u00e9t\u00e9 == \"\u2028\"",
        "FROM \"logs-*\" | LIMIT 1",
        "FROM logs-*, -logs-x*, remote:logs-* | LIMIT 1",
        "FROM | LIMIT 1",
        "FROM logs-* METADATA | LIMIT 1",
        "FROM logs-* METADATA _nope | LIMIT 1",
        "FROM logs-* | ROW a = 1",
        "FROM logs-* | LIMIT 1 | LIMIT 0 | STATS c = COUNT(*)",
        // Command text is emitted as a // comment and names as C# strings: line breaks C# knows and quotes must not leak.
        "FROM logs-* | EVAL x = \"a\u2028b; }\" | KEEP x",
        "FROM logs-* | EVAL x = \"a\u2029b\u0085c\" | KEEP x",
        "FROM logs-* | EVAL x = \"\"\"a\nb\"\"\" | KEEP x",
        "FROM logs-* | EVAL x = \"a\rb\" | KEEP x",
        "FROM logs-* | EVAL `a\"b\\` = 1 | KEEP `a\"b\\`",
        "FROM logs-* | EVAL `a\u2028b` = 1 | KEEP `a\u2028b`",
        "FROM logs-* | STATS COUNT(\"\u2028\")",
        "FROM logs-* | EVAL x = \"*/ /* \\\\ {0} \\\"\" | KEEP x",
        "FROM logs-* | DISSECT message \"%{a\u2028}\" | KEEP `a\u2028`",
        "FROM logs-* | GROK message \"%{WORD:a\u2028b}\" | KEEP `a\u2028b`",
        "FROM logs-*\n| EVAL x = 1 // trailing comment\n| EVAL y = 2 /* block\n comment */ | KEEP x, y",
    };

    [Theory]
    [MemberData(nameof(HostileQueries))]
    public void AHostileQueryGivesLocatedDiagnosticsAndWhatItAcceptsCompiles(string query)
    {
        string yaml = RuleYaml.With(query, name: "Hostile rule", id: "esql-hostile-1") + "interval: 5m\nfrom: now-5m\n";
        // Run asserts that no exception escaped the generator.
        var result = GeneratorHarness.Run(new[] { new InMemoryRuleFile("/repo/rules/hostile.yml", yaml) }, "Esql.Hostile");
        var errors = result.GeneratorDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.All(errors, d => Assert.True(d.Location != Microsoft.CodeAnalysis.Location.None, d.ToString()));
        Assert.DoesNotContain(errors, d => d.Id == "RG9999" || d.GetMessage().Contains("xception", StringComparison.Ordinal));
        if (errors.Count == 0)
        {
            var compileErrors = result.CompileDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
            Assert.True(compileErrors.Count == 0, string.Join("\n", compileErrors.Take(5)));
        }
    }

    // ----- incrementality: a pipeline rule's model compares by value -----

    [Fact]
    public void APipelineRuleRebindsToAnEqualModelWhenAnUnrelatedFieldsFileChanges()
    {
        const string query = """
            FROM logs-* METADATA _id
            | WHERE event.action == "A"
            | EVAL who = TO_LOWER(user.name), n = LENGTH(who) + 1
            | GROK message "%{WORD:w} %{NUMBER:k:int}"
            | DISSECT message "%{a} %{b}"
            | MV_EXPAND event.category
            | STATS c = COUNT(*) WHERE n > 2, m = MAX(k), p = PERCENTILE(k, 95) BY who, w
            | EVAL r = c * 2
            | SORT r DESC NULLS LAST, who
            | LIMIT 5
            | RENAME r AS score
            | KEEP who, score, m, p
            """;
        var rule = new InMemoryRuleFile("/repo/rules/p.yml", RuleYaml.With(query, name: "Pipeline Model", id: "esql-model-1") + "interval: 5m\nfrom: now-5m\n");
        var fields = new InMemoryRuleFile("/repo/fields/extra.yml", "- name: extra.count\n  type: long\n");
        Microsoft.CodeAnalysis.GeneratorDriver driver = GeneratorHarness.CreateDriver(new[] { rule, fields }, "Test.Rules");
        driver = driver.RunGenerators(GeneratorHarness.EmptyCompilation());
        Assert.Null(driver.GetRunResult().Results.Single().Exception);
        driver = driver.ReplaceAdditionalText(fields, new InMemoryRuleFile("/repo/fields/extra.yml", "- name: extra.count\n  type: long\n- name: extra.unused\n  type: keyword\n"));
        driver = driver.RunGenerators(GeneratorHarness.EmptyCompilation());
        var run = driver.GetRunResult().Results.Single();
        Assert.Null(run.Exception);
        var compiled = run.TrackedSteps[RuleGen.Generator.TrackingNames.CompiledRules].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.NotEmpty(compiled);
        Assert.All(compiled, r => Assert.Equal(Microsoft.CodeAnalysis.IncrementalStepRunReason.Unchanged, r));
    }

    // ----- the filter's three-valued leaves agree with the pipeline's operators, wherever a conjunct is tested -----

    public static TheoryData<string, string, bool> ThreeValued() => new()
    {
        // esql-null-values / multivalued-fields: a comparison with a missing or multivalued field is NULL, NOT NULL is NULL.
        { "NOT (x == \"a\")", "\"y\":1", false },
        { "NOT (x == \"a\")", "\"x\":[\"a\",\"b\"]", false },
        { "x != \"a\"", "\"x\":[\"b\",\"c\"]", false },
        { "x == \"a\" OR y == 1", "\"y\":1", true },
        { "NOT (x == \"a\" OR y == 2)", "\"y\":1", false },
        { "NOT (x == \"a\" AND y == 2)", "\"y\":1", true },
        { "x NOT IN (\"a\", NULL)", "\"x\":\"b\"", false },
        { "x IN (\"a\", NULL)", "\"x\":\"a\"", true },
        { "x IS NULL", "\"x\":[]", true },
        { "NOT x IS NULL", "\"x\":[\"a\",\"b\"]", true },
        { "NOT (x LIKE \"a*\")", "\"y\":1", false },
        { "NOT STARTS_WITH(x, \"a\")", "\"x\":[\"b\",\"c\"]", false },
    };

    [Theory]
    [MemberData(nameof(ThreeValued))]
    public void AConditionGivesTheSameVerdictInTheFilterAndInThePipeline(string condition, string fields, bool kept)
    {
        string e = Ev("10:01:00", fields);
        // Leading WHERE: the filter tests it. After an EVAL of another column that it does not read: pushed down too.
        // After MV_EXPAND of an unrelated field via a computed copy (EVAL x2 = x): the pipeline's operators test it.
        Assert.Equal(kept, PerEvent($"FROM logs-*\n| WHERE {condition}", e).Length == 1);
        Assert.Equal(kept, PerEvent($"FROM logs-*\n| EVAL zz = 1\n| WHERE {condition}", e).Length == 1);
        string piped = condition.Replace("x", "x2").Replace("y", "y2");
        Assert.Equal(kept, PerEvent($"FROM logs-*\n| EVAL x2 = x, y2 = y\n| WHERE {piped}", e).Length == 1);
    }

    // ----- KEEP/DROP/RENAME: visibility and order (keep reference: exact name > partial pattern > *, rightmost on a tie) -----

    [Theory]
    [InlineData("KEEP first_name*, last_name, first_na*", "last_name,first_name")]
    [InlineData("KEEP *, first_name", "last_name,other,first_name")]
    [InlineData("KEEP first_name, *", "first_name,last_name,other")]
    [InlineData("KEEP o*, l*", "other,last_name")]
    [InlineData("DROP last_name", "first_name,other")]
    [InlineData("RENAME other AS zed | KEEP zed, first_name", "zed,first_name")]
    [InlineData("DROP first_name | EVAL first_name = 1", "last_name,other,first_name")]
    [InlineData("EVAL last_name = 2", "first_name,other,last_name")]
    public void KeepDropRenameOrderTheAggregatedColumns(string commands, string expected)
    {
        var alerts = Scan("FROM logs-*\n| STATS first_name = COUNT(*), last_name = COUNT(*), other = COUNT(*)\n| " + commands,
            new[] { Ev("10:01:00", "\"k\":1") }, Tick);
        string[] names = { "first_name", "last_name", "other", "zed" };
        JsonElement alert = Assert.Single(alerts);
        Assert.Equal(expected, string.Join(",", alert.EnumerateObject().Select(p => p.Name).Where(names.Contains)));
    }

    [Theory]
    [InlineData("DROP user.name | KEEP user.name")]
    [InlineData("RENAME user.name AS who | WHERE user.name == \"a\"")]
    [InlineData("KEEP event.action | EVAL x = user.name")]
    [InlineData("STATS c = COUNT(*) | KEEP user.name")]
    [InlineData("STATS c = COUNT(*) BY event.action | SORT user.name")]
    public void ANameACommandHidIsAnUnknownColumnAtThatName(string commands)
    {
        var diagnostics = EsqlPipelineScan.Diagnostics("FROM logs-aws.cloudtrail-*\n| " + commands);
        var error = Assert.Single(diagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Equal("RG0090", error.Id);
        Assert.Contains("user.name", error.GetMessage(), StringComparison.Ordinal);
    }

    // ----- every function and aggregate over a field no schema types, fed every JSON shape: no event may throw -----

    private static readonly string[] DynamicShapes =
    {
        "\"f\":\"abc\"", "\"f\":\"\"", "\"f\":5", "\"f\":-2.5", "\"f\":true", "\"f\":[1,\"a\",false]", "\"f\":[\"x\",\"y\"]",
        "\"f\":[3,1,2]", "\"f\":\"2020-01-01T00:00:00Z\"", "\"f\":\"10.0.0.1\"", "\"f\":null", "\"f\":{\"o\":1}", "\"f\":1e308",
        "\"f\":9223372036854775807", "\"f\":-9223372036854775808", "\"g\":1",
    };

    private static (string Summary, int Rules) ScanEach(System.Collections.Generic.IEnumerable<(string Name, string Query)> rules, string? scheduleStart)
    {
        var files = rules.Select((r, i) => new InMemoryRuleFile($"/repo/rules/r{i}.yml",
            RuleYaml.With(r.Query, name: "Fn " + r.Name + " " + i, id: "esql-fn-" + i) + "interval: 5m\nfrom: now-5m\n")).ToArray();
        var result = GeneratorHarness.Run(files, "Esql.Functions");
        RuleGen.Runtime.RuleSet set = GeneratorHarness.Load(result, "Esql.Functions");
        string file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"rulegen-review-{Guid.NewGuid():N}.ndjson");
        System.IO.File.WriteAllLines(file, DynamicShapes.Select((shape, i) => Ev($"10:0{i / 10}:{i % 10}0", shape)));
        try
        {
            long? start = scheduleStart is null ? null : DateTimeOffset.Parse(scheduleStart, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
            var (_, summary) = InProcessScan.Run(new[] { file }, set, new RuleGen.Runtime.Windows.WindowOptions(start, false), threads: 1);
            return (summary, set.Rules.Count);
        }
        finally
        {
            System.IO.File.Delete(file);
        }
    }

    [Fact]
    public void EveryScalarFunctionSurvivesEveryShapeOfAnUntypedField()
    {
        var rules = RuleGen.Generator.Languages.Esql.Functions.EsqlScalarCatalog.Names
            .Select(RuleGen.Generator.Languages.Esql.Functions.EsqlScalarCatalog.Find)
            .Where(f => f!.Constants is null && !f.UsesNow)
            .SelectMany(f => Enumerable.Range(Math.Max(1, f!.Min), Math.Min(f.Max < 0 ? 3 : f.Max, 3) - Math.Max(1, f.Min) + 1)
                .Select(n => (f.Name, $"FROM logs-*\n| EVAL r = {f.Name}({string.Join(", ", Enumerable.Repeat("f", n))})\n| KEEP r")))
            .ToList();
        var (summary, compiled) = ScanEach(rules, null);
        Assert.True(compiled > 50, $"only {compiled} rules compiled");
        Assert.DoesNotContain("cannot be evaluated", summary);
    }

    [Fact]
    public void EveryAggregateSurvivesEveryShapeOfAnUntypedField()
    {
        var rules = RuleGen.Generator.Languages.Esql.Functions.EsqlAggregateCatalog.Functions
            .Select(a => (a.Name, a.Min <= 1 ? $"{a.Name}(f)" : a.Name.Equals("TOP", StringComparison.OrdinalIgnoreCase) ? "TOP(f, 2, \"asc\")" : $"{a.Name}(f, 50)"))
            .Select(a => (a.Name, $"FROM logs-*\n| STATS r = {a.Item2} BY g\n| EVAL s = r\n| SORT s\n| MV_EXPAND s"))
            .ToList();
        var (summary, compiled) = ScanEach(rules, Tick);
        Assert.True(compiled > 5, $"only {compiled} rules compiled");
        Assert.DoesNotContain("cannot be evaluated", summary);
    }

    // ----- implicit casting of string constants (esql-implicit-casting: date, ip, version, boolean; operators and IN) -----

    [Theory]
    [InlineData("a == \"10.0.0.1\"")]
    [InlineData("a IN (\"10.0.0.9\", \"10.0.0.1\")")]
    [InlineData("a != \"10.0.0.2\"")]
    [InlineData("t >= \"2026-05-01T10:01:00Z\" AND t < \"2026-05-01T10:02:00.000Z\"")]
    [InlineData("t IN (\"2026-05-01T10:01:00Z\")")]
    [InlineData("CIDR_MATCH(a, \"10.0.0.0/8\")")]
    public void StringConstantsAreCastToTheTypeTheyMeetInThePipeline(string condition)
    {
        string e = Ev("10:01:00", "\"source\":{\"ip\":\"10.0.0.1\"},\"event\":{\"action\":\"x\"}");
        Assert.Single(PerEvent($"FROM logs-aws.cloudtrail-*\n| EVAL a = source.ip, t = @timestamp\n| WHERE {condition}", e));
        Assert.Single(PerEvent($"FROM logs-aws.cloudtrail-*\n| WHERE {condition.Replace("a ", "source.ip ").Replace("(a,", "(source.ip,").Replace("t ", "@timestamp ")}", e));
    }

    [Theory]
    [InlineData("\"f\":\"10.0.0.1\"", "x IN (\"a\", \"10.0.0.1\")", true)]
    [InlineData("\"f\":true", "x == \"true\"", true)]
    [InlineData("\"f\":false", "x != \"true\"", true)]
    [InlineData("\"f\":5", "x == 5", true)]
    [InlineData("\"f\":5.0", "x == 5", true)]
    public void AnUntypedFieldMeetsConstantsAsItsValueWould(string fields, string condition, bool kept)
    {
        Assert.Equal(kept, PerEvent($"FROM logs-*\n| EVAL x = f\n| WHERE {condition}", Ev("10:01:00", fields)).Length == 1);
    }

    // ----- doc-values order: a boolean field's values are sorted with duplicates kept -----

    [Fact]
    public void ABooleanFieldKeepsItsDuplicateValuesAsItsDocValuesDo()
    {
        // BooleanFieldMapper indexes each value as a SortedNumericDocValuesField (0/1): sorted, duplicates kept, unlike
        // a keyword's sorted set (elastic/elasticsearch server/.../index/mapper/BooleanFieldMapper.java, indexValue).
        var alerts = PerEvent("FROM logs-*\n| EVAL c = MV_COUNT(tls.established), v = tls.established\n| KEEP c, v",
            Ev("10:01:00", "\"tls\":{\"established\":[true,false,true]}"));
        JsonElement alert = Assert.Single(alerts);
        Assert.Equal(3, alert.GetProperty("c").GetInt64());
        Assert.Equal("[false,true,true]", alert.GetProperty("v").GetRawText());
    }
}
