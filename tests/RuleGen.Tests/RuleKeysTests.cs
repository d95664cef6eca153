using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;
using RuleGen.Generator.Parsing;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// The rule reader and Elastic's keys beyond the query: type and language (every language is read, the pairs are
/// Elastic's), index, filters, exceptions_list, EQL's overrides, new_terms, threshold, alert_suppression,
/// building_block_type. Every key is modelled as written, every bad value is an error at its line and column, and
/// what nothing runs yet (lucene, new_terms, suppression, exception lists) is a located "not supported yet".
/// </summary>
public class RuleKeysTests
{
    private const string Kql = "event.dataset: aws.cloudtrail and event.action: CreateUser";

    private static string Kuery(string extra) => RuleYaml.With(Kql) + "type: query\nlanguage: kuery\n" + extra;

    /// <summary>Exactly these diagnostics (ids, any order), the first one at <paramref name="at"/>.</summary>
    private static void Expect(string yaml, string id, string at, int occurrence = 1, string? messagePart = null, params string[] others)
    {
        RuleReader.Read read = RuleReader.Parse(yaml);
        Assert.True(read.Diagnostics.Select(d => d.Id).OrderBy(i => i).SequenceEqual(others.Append(id).OrderBy(i => i)),
            $"expected {id} {string.Join(" ", others)}, got: {read}");
        DiagnosticInfo d = read.Diagnostics.First(x => x.Id == id);
        Assert.Equal(RuleYaml.PositionOf(yaml, at, occurrence), RuleReader.Read.At(d));
        if (messagePart is not null) Assert.Contains(messagePart, RuleReader.Read.Message(d), System.StringComparison.Ordinal);
    }

    [Fact]
    public void AKueryRuleWithEveryQueryRuleKeyIsReadAndModelled()
    {
        string yaml = Kuery("""
            index: [filebeat-*, "logs-aws.cloudtrail-*"]
            timestamp_override: event.ingested
            building_block_type: default
            exceptions_list: []
            filters:
              - meta: {alias: null, negate: false, disabled: false, type: phrase, key: event.outcome, params: {query: success}}
                query:
                  match_phrase:
                    event.outcome: success
                $state: {store: appState}
              - meta: {negate: true}
                query: {match: {user.name: {query: root, type: phrase}}}
              - query: {term: {event.code: {value: 403}}}
              - meta: {type: phrases, params: [CreateUser, DeleteUser]}
                query:
                  bool:
                    should:
                      - match_phrase: {event.action: CreateUser}
                      - match_phrase: {event.action: "true"}
                    minimum_should_match: 1
              - query: {range: {event.duration: {gte: 10, lt: "20", format: strict_date_optional_time}}}
              - meta: {disabled: true}
                exists: {field: source.ip}
              - query: {exists: {field: user_agent.original}}
              - query: {match: {message: hello}}

            """);
        RuleReader.Read read = RuleReader.Parse(yaml);
        Assert.True(read.Diagnostics.Count == 0, read.ToString());
        ParsedRule rule = read.Rule!;
        Assert.Equal((QueryLanguage.Kuery, ElasticRuleType.Query), (rule.Language, rule.RuleType));
        Assert.Equal(("kuery", "query", "default"), (rule.Metadata.Language, rule.Metadata.Type, rule.Metadata.BuildingBlockType));
        Assert.Equal(new[] { "filebeat-*", "logs-aws.cloudtrail-*" }, rule.Index);
        Assert.Equal(new[] { "filebeat-*", "\"logs-aws.cloudtrail-*\"" }, rule.IndexLocations.Select(l => RuleReader.TextAt(yaml, l)));
        Assert.Equal(rule.Search, rule.Metadata.Search);
        Assert.Equal(Kql, rule.Query.TrimEnd('\n'));

        FilterValue S(string text) => new(text, FilterValueType.String);
        FilterValue N(string text) => new(text, FilterValueType.Number);
        var one = (FilterValue v) => new EquatableArray<FilterValue>(new[] { v });
        KibanaFilterModel[] expected =
        {
            new(KibanaFilterKind.MatchPhrase, "event.outcome", one(S("success")), null, Negate: false, Disabled: false),
            new(KibanaFilterKind.MatchPhrase, "user.name", one(S("root")), null, Negate: true, Disabled: false),
            new(KibanaFilterKind.Term, "event.code", one(N("403")), null, false, false),
            new(KibanaFilterKind.AnyOfPhrases, "event.action", new EquatableArray<FilterValue>(new[] { S("CreateUser"), S("true") }), null, false, false),
            new(KibanaFilterKind.Range, "event.duration", EquatableArray<FilterValue>.Empty, new FilterRangeModel(null, N("10"), S("20"), null, "strict_date_optional_time"), false, false),
            new(KibanaFilterKind.Exists, "source.ip", EquatableArray<FilterValue>.Empty, null, false, Disabled: true),
            new(KibanaFilterKind.Exists, "user_agent.original", EquatableArray<FilterValue>.Empty, null, false, false),
            new(KibanaFilterKind.Match, "message", one(S("hello")), null, false, false),
        };
        Assert.Equal(expected, rule.Search.Filters);

        // Each field name is located where it is written, for the schema checks.
        Assert.Equal(new[]
        {
            ("event.ingested", "timestamp_override"),
            ("event.outcome", "filters.query.match_phrase"),
            ("user.name", "filters.query.match"),
            ("event.code", "filters.query.term"),
            ("event.action", "filters.query.bool.should.match_phrase"),
            ("event.action", "filters.query.bool.should.match_phrase"),
            ("event.duration", "filters.query.range"),
            ("source.ip", "filters.exists"),
            ("user_agent.original", "filters.query.exists"),
            ("message", "filters.query.match"),
        }, rule.FieldReferences.Select(f => (f.Field, f.Key)));
        Assert.All(rule.FieldReferences, f => Assert.Equal(f.Field, RuleReader.TextAt(yaml, f.Location)));
    }

    [Fact]
    public void AnEqlRuleKeepsItsOverridesAndItsQueryPositions()
    {
        string yaml = RuleYaml.With("any where event.action == \"CreateUser\"") + """
            type: eql
            language: eql
            index: ["logs-aws.cloudtrail-*"]
            event_category_override: event.type
            tiebreaker_field: event.sequence
            timestamp_field: "@timestamp"

            """;
        RuleReader.Read read = RuleReader.Parse(yaml);
        Assert.True(read.Diagnostics.Count == 0, read.ToString());
        ParsedRule rule = read.Rule!;
        Assert.Equal((QueryLanguage.Eql, ElasticRuleType.Eql), (rule.Language, rule.RuleType));
        Assert.Equal(("event.type", "event.sequence", "@timestamp"), (rule.Search.EventCategoryOverride, rule.Search.TiebreakerField, rule.Search.TimestampField));
        Assert.Equal(new[] { "event_category_override", "tiebreaker_field", "timestamp_field" }, rule.FieldReferences.Select(f => f.Key));
        // The query stays in 'query' whatever its language, and offsets in it map back to the file.
        int offset = rule.Query.IndexOf("CreateUser", System.StringComparison.Ordinal);
        LocationInfo at = rule.QueryPositions.At(offset, "CreateUser".Length);
        Assert.Equal(RuleYaml.PositionOf(yaml, "CreateUser"), (at.LineSpan.Start.Line + 1, at.LineSpan.Start.Character + 1));
        Assert.Equal("CreateUser", RuleReader.TextAt(yaml, at));
    }

    [Fact]
    public void ANewTermsRuleIsReadInFullWithItsSuppression()
    {
        string yaml = RuleYaml.With(Kql) + """
            type: new_terms
            index: [logs-aws.cloudtrail-*]
            new_terms:
              field: new_terms_fields
              value: [cloud.account.id, user.name]
              history_window_start:
                - field: history_window_start
                  value: now-10d
            alert_suppression:
              group_by: [user.name]
              duration: {value: 5, unit: m}
              missing_fields_strategy: doNotSuppress

            """;
        Assert.Empty(RuleReader.Parse(yaml).Diagnostics);
        ParsedRule rule = RuleReader.Parse(yaml).Rule!;
        Assert.Equal((QueryLanguage.Kuery, ElasticRuleType.NewTerms, "kuery"), (rule.Language, rule.RuleType, rule.Metadata.Language));
        Assert.Equal(new NewTermsModel(new EquatableArray<string>(new[] { "cloud.account.id", "user.name" }), "now-10d"), rule.Search.NewTerms);
        Assert.Equal(new AlertSuppressionModel(new EquatableArray<string>(new[] { "user.name" }), new SuppressionDurationModel(5, "m"), "doNotSuppress"), rule.Search.AlertSuppression);
        Assert.Equal(300, rule.Search.AlertSuppression!.Duration!.Seconds);
        Assert.Equal(new[] { "new_terms.value", "new_terms.value", "alert_suppression.group_by" }, rule.FieldReferences.Select(f => f.Key));
        Assert.All(rule.FieldReferences, f => Assert.Equal(f.Field, RuleReader.TextAt(yaml, f.Location)));
    }

    [Fact]
    public void AThresholdRuleIsReadInFullWithItsSuppression()
    {
        string yaml = RuleYaml.With(Kql) + """
            type: threshold
            threshold:
              field: [cloud.account.id, user.name]
              value: 25
              cardinality:
                - field: source.ip
                  value: 3
            alert_suppression:
              duration: {value: 1, unit: h}

            """;
        Assert.Empty(RuleReader.Parse(yaml).Diagnostics);
        ParsedRule rule = RuleReader.Parse(yaml).Rule!;
        Assert.Equal(ElasticRuleType.Threshold, rule.RuleType);
        Assert.Equal(new ThresholdModel(new EquatableArray<string>(new[] { "cloud.account.id", "user.name" }), 25,
            new EquatableArray<ThresholdCardinalityModel>(new[] { new ThresholdCardinalityModel("source.ip", 3) })), rule.Search.Threshold);
        Assert.Equal(new AlertSuppressionModel(EquatableArray<string>.Empty, new SuppressionDurationModel(1, "h"), "suppress"), rule.Search.AlertSuppression);
        Assert.Equal(new[] { "threshold.field", "threshold.field", "threshold.cardinality.field" }, rule.FieldReferences.Select(f => f.Key));
    }

    [Fact]
    public void AThresholdFieldMayBeOneStringOrNone()
    {
        ParsedRule one = RuleReader.Parse(RuleYaml.With(Kql) + "type: threshold\nthreshold: {field: user.name, value: 2}\n").Rule!;
        Assert.Equal(new[] { "user.name" }, one.Search.Threshold!.Fields);
        ParsedRule none = RuleReader.Parse(RuleYaml.With(Kql) + "type: threshold\nthreshold: {field: \"\", value: 2}\n").Rule!;
        Assert.Empty(none.Search.Threshold!.Fields);
    }

    [Theory]
    [InlineData("language: kuery\n", "Kuery", "Query")]
    [InlineData("language: eql\n", "Eql", "Eql")]
    [InlineData("type: query\n", "Kuery", "Query")]
    [InlineData("type: eql\n", "Eql", "Eql")]
    [InlineData("type: esql\n", "Esql", "Esql")]
    [InlineData("", "Esql", "Esql")]
    public void TypeAndLanguageFollowFromEachOther(string lines, string language, string type)
    {
        RuleReader.Read read = RuleReader.Parse(RuleYaml.With(Kql) + lines);
        Assert.True(read.Diagnostics.Count == 0, read.ToString());
        Assert.Equal((language, type), (read.Rule!.Language.ToString(), read.Rule.RuleType.ToString()));
    }

    [Fact]
    public void AnEsqlRuleWithSuppressionIsModelled()
    {
        string yaml = RuleYaml.With("from logs-* | where event.action == \"A\"") + "alert_suppression:\n  group_by: [user.name, cloud.account.id]\n";
        Assert.Empty(RuleReader.Parse(yaml).Diagnostics);
        Assert.Equal(new[] { "user.name", "cloud.account.id" }, RuleReader.Parse(yaml).Rule!.Search.AlertSuppression!.GroupBy);
    }

    // Type and language.
    [Theory]
    [InlineData("type: foo\n", "RG0005", "foo", "'type' must be one of query, eql, esql, threshold, new_terms")]
    [InlineData("language: sql\n", "RG0005", "sql", "'language' must be one of kuery, eql, esql, lucene")]
    [InlineData("type: eql\nlanguage: kuery\n", "RG0005", "kuery", "'language' must be eql for a rule of type 'eql'")]
    [InlineData("type: esql\nlanguage: kuery\n", "RG0005", "kuery", "must be esql for a rule of type 'esql'")]
    [InlineData("type: query\nlanguage: eql\n", "RG0005", "eql", "must be kuery or lucene for a rule of type 'query'")]
    [InlineData("type: new_terms\nlanguage: esql\nnew_terms: {field: new_terms_fields, value: [a], history_window_start: [{field: history_window_start, value: now-7d}]}\n",
        "RG0005", "esql", "kuery or lucene")]
    [InlineData("type: machine_learning\n", "RG0023", "machine_learning", "Rule type 'machine_learning'")]
    [InlineData("type: threat_match\n", "RG0023", "threat_match", "not planned")]
    [InlineData("type: [query]\n", "RG0005", "[query]", "'type' must be one of")]
    public void BadTypesAndLanguagesAreLocated(string lines, string id, string at, string message, string? other = null) =>
        Expect(RuleYaml.With(Kql) + lines, id, at, messagePart: message, others: other is null ? System.Array.Empty<string>() : new[] { other });

    [Fact]
    public void LuceneIsReadButNotSupportedYet()
    {
        string yaml = RuleYaml.With("event.action:CreateUser") + "type: query\nlanguage: lucene\n";
        Expect(yaml, "RG0023", "lucene", messagePart: "The Lucene query language");
        Assert.Equal(QueryLanguage.Lucene, RuleReader.Parse(yaml).Rule!.Language);
    }

    // Keys of the wrong rule type, and missing type keys.
    [Theory]
    [InlineData("index: [logs-*]\n", "index", "for a rule of type 'esql': ES|QL rules name their sources in FROM")]
    [InlineData("filters: []\n", "filters", "ES|QL rules filter in their query")]
    [InlineData("event_category_override: event.type\n", "event_category_override", "it is a key of eql rules")]
    [InlineData("new_terms: {}\n", "new_terms", "it is the key of new_terms rules")]
    [InlineData("threshold: {}\n", "threshold", "it is the key of threshold rules")]
    public void KeysOfOtherRuleTypesAreUnknownKeys(string lines, string at, string message) =>
        Expect(RuleYaml.With("from logs-* | where event.action == \"A\"") + lines, "RG0003", at, messagePart: message);

    [Fact]
    public void TiebreakerOnAQueryRuleIsAnUnknownKey() =>
        Expect(Kuery("tiebreaker_field: event.sequence\n"), "RG0003", "tiebreaker_field", messagePart: "for a rule of type 'query'");

    [Theory]
    [InlineData("new_terms")]
    [InlineData("threshold")]
    public void ANewTermsOrThresholdRuleNeedsItsKey(string type) =>
        Expect(RuleYaml.With(Kql) + $"type: {type}\n", "RG0004", type, occurrence: 1, messagePart: $"'{type}'", others: System.Array.Empty<string>());

    // Values of the query rule keys.
    [Theory]
    [InlineData("index: logs-*\n", "RG0005", "logs-*", "a list of index patterns")]
    [InlineData("index: [\"\", logs-*]\n", "RG0005", "\"\"", "a list of index patterns")]
    [InlineData("building_block_type: custom\n", "RG0005", "custom", "'building_block_type' must be default")]
    [InlineData("timestamp_override: [a]\n", "RG0005", "[a]", "'timestamp_override' must be a string")]
    [InlineData("exceptions_list: {id: x}\n", "RG0005", "{id: x}", "a list of {id, list_id, namespace_type, type}")]
    public void BadQueryRuleValuesAreLocated(string lines, string id, string at, string message) =>
        Expect(Kuery(lines), id, at, messagePart: message);

    [Theory]
    [InlineData("event_category_override: [event.type]\n", "[event.type]", "'event_category_override' must be a field name")]
    [InlineData("tiebreaker_field: \"\"\n", "\"\"", "'tiebreaker_field' must be a field name")]
    [InlineData("timestamp_field: null\n", "null", "'timestamp_field' must be a field name")]
    [InlineData("index: {a: b}\n", "{a: b}", "'index' must be a list of index patterns")]
    public void BadEqlValuesAreLocated(string lines, string at, string message) =>
        Expect(RuleYaml.With("any where true") + "type: eql\n" + lines, "RG0005", at, messagePart: message);

    [Fact]
    public void AnExceptionListIsModelledAndNotSupportedYet()
    {
        string yaml = Kuery("exceptions_list:\n  - {id: a1, list_id: l1, namespace_type: single, type: detection}\n");
        Expect(yaml, "RG0023", "exceptions_list", messagePart: "Exception lists");
        Assert.Equal(new ExceptionListModel("a1", "l1", "single", "detection"), RuleReader.Parse(yaml).Rule!.Search.ExceptionsList.Single());
    }

    [Theory]
    [InlineData("  - {id: a1, namespace_type: single, type: detection}\n", "RG0004", "{id: a1", "'exceptions_list.list_id'")]
    [InlineData("  - {id: a1, list_id: l1, namespace_type: many, type: detection}\n", "RG0005", "many", "one of single, agnostic")]
    [InlineData("  - {id: a1, list_id: l1, namespace_type: single, type: detection, name: x}\n", "RG0003", "name: x", "'exceptions_list.name'")]
    public void BadExceptionListEntriesAreLocated(string entry, string id, string at, string message) =>
        Expect(Kuery("exceptions_list:\n" + entry), id, at, messagePart: message, others: "RG0023");

    // new_terms.
    private static string NewTerms(string body, string from = "") => RuleYaml.With(Kql) + "type: new_terms\n" + from + "new_terms:\n" + body;

    private const string Fields = "  field: new_terms_fields\n  value: [user.name]\n";

    private const string History = "  history_window_start:\n    - {field: history_window_start, value: now-7d}\n";

    [Theory]
    [InlineData("  field: termz\n  value: [user.name]\n" + History, "RG0005", "termz", "'new_terms.field' must be one of new_terms_fields")]
    [InlineData("  field: new_terms_fields\n  value: [a, b, c, d]\n" + History, "RG0005", "[a, b, c, d]", "a list of 1 to 3 field names, found 4")]
    [InlineData("  field: new_terms_fields\n  value: []\n" + History, "RG0005", "[]", "found 0")]
    [InlineData("  field: new_terms_fields\n  value: user.name\n" + History, "RG0005", "user.name", "a list of 1 to 3 field names")]
    [InlineData(Fields + "  history_window_start: now-7d\n", "RG0005", "now-7d", "a list of one {field: history_window_start")]
    [InlineData(Fields + "  history_window_start:\n    - {field: history_window_start, value: yesterday}\n", "RG0008", "yesterday", "date math such as now-7d")]
    [InlineData(Fields + "  history_window_start:\n    - {field: strt, value: now-7d}\n", "RG0005", "strt", "one of history_window_start")]
    [InlineData(Fields + "  history_window_start:\n    - {field: history_window_start}\n", "RG0004", "{field", "'new_terms.history_window_start.value'")]
    [InlineData(Fields + History + "  extra: 1\n", "RG0003", "extra", "'new_terms.extra'")]
    [InlineData(Fields, "RG0004", "field", "'new_terms.history_window_start'")]
    public void BadNewTermsValuesAreLocated(string body, string id, string at, string message) =>
        Expect(NewTerms(body), id, at, messagePart: message);

    [Fact]
    public void AHistoryThatDoesNotReachBeforeTheLookBackIsAnError() =>
        Expect(NewTerms(Fields + "  history_window_start:\n    - {field: history_window_start, value: now-5m}\n", "from: now-9m\n"),
            "RG0008", "now-5m", messagePart: "a start earlier than the rule's look-back (from now-9m)");

    // threshold.
    private static string Threshold(string body) => RuleYaml.With(Kql) + "type: threshold\nthreshold:\n" + body;

    [Theory]
    [InlineData("  field: [a]\n  value: 0\n", "RG0009", "0", "'threshold.value' must be a whole number of at least 1, found '0'")]
    [InlineData("  field: [a]\n  value: many\n", "RG0009", "many", "found 'many'")]
    [InlineData("  field: [a, b, c, d]\n  value: 1\n", "RG0005", "[a, b, c, d]", "a list of at most 3 field names, found 4")]
    [InlineData("  value: 1\n", "RG0004", "value", "'threshold.field'")]
    [InlineData("  field: [a]\n", "RG0004", "field", "'threshold.value'")]
    [InlineData("  field: [a]\n  value: 1\n  cardinality: [{field: b, value: 0}]\n", "RG0009", "0}", "'threshold.cardinality.value'")]
    [InlineData("  field: [a]\n  value: 1\n  cardinality: [{value: 2}]\n", "RG0004", "{value", "'threshold.cardinality.field'")]
    [InlineData("  field: [a]\n  value: 1\n  cardinality: {field: b, value: 2}\n", "RG0005", "{field: b", "a list of {field, value}")]
    [InlineData("  field: [a]\n  vlaue: 1\n  value: 1\n", "RG0003", "vlaue", "did you mean 'value'?")]
    public void BadThresholdValuesAreLocated(string body, string id, string at, string message) =>
        Expect(Threshold(body), id, at, messagePart: message);

    // alert_suppression.
    [Theory]
    [InlineData("  group_by: [a, b, c, d, e, f]\n", "RG0005", "[a, b, c, d, e, f]", "a list of 1 to 5 field names, found 6")]
    [InlineData("  group_by: []\n", "RG0005", "[]", "found 0")]
    [InlineData("  duration: {value: 5, unit: m}\n", "RG0004", "duration", "'alert_suppression.group_by'")]
    [InlineData("  group_by: [a]\n  duration: {value: 5, unit: d}\n", "RG0005", "d}", "one of s, m, h")]
    [InlineData("  group_by: [a]\n  duration: {value: 0, unit: m}\n", "RG0009", "0,", "'alert_suppression.duration.value'")]
    [InlineData("  group_by: [a]\n  duration: {unit: m}\n", "RG0004", "{unit", "'alert_suppression.duration.value'")]
    [InlineData("  group_by: [a]\n  missing_fields_strategy: skip\n", "RG0005", "skip", "one of suppress, doNotSuppress")]
    public void BadSuppressionValuesAreLocated(string body, string id, string at, string message) =>
        Expect(Kuery("alert_suppression:\n" + body), id, at, messagePart: message);

    [Fact]
    public void FourOrFiveGroupByFieldsAreKibana92AndAWarning()
    {
        // Kibana 9.2 takes up to 5 group_by fields; older Kibana and detection-rules 3.
        Expect(Kuery("alert_suppression:\n  group_by: [a, b, c, d]\n"), "RG0110", "[a, b, c, d]", messagePart: "has 4 fields");
        Assert.Equal(5, RuleReader.Parse(Kuery("alert_suppression:\n  group_by: [a, b, c, d, e]\n")).Rule!.Search.AlertSuppression!.GroupBy.Count);
    }

    [Theory]
    [InlineData("  group_by: [a]\n  duration: {value: 5, unit: m}\n", "RG0003", "group_by", "threshold rule: it suppresses by its threshold fields")]
    [InlineData("  missing_fields_strategy: suppress\n", "RG0003", "missing_fields_strategy", "threshold rule", "RG0004")]
    public void AThresholdRuleSuppressesByDurationOnly(string body, string id, string at, string message, string? also = null)
    {
        string yaml = RuleYaml.With(Kql) + "type: threshold\nthreshold: {field: [a], value: 2}\nalert_suppression:\n" + body;
        string[] others = also is null ? System.Array.Empty<string>() : new[] { also };
        Expect(yaml, id, at, messagePart: message, others: others);
    }

    // filters.
    [Theory]
    [InlineData("filters: {query: x}\n", "RG0005", "{query: x}", "a list of Kibana filters")]
    [InlineData("filters:\n  - {query: {match_phrase: {a: b}}, when: now}\n", "RG0003", "when", "'filters.when'")]
    [InlineData("filters:\n  - {meta: {negat: true}, query: {match_phrase: {a: b}}}\n", "RG0003", "negat", "did you mean 'negate'?")]
    [InlineData("filters:\n  - {meta: {negate: yes}, query: {match_phrase: {a: b}}}\n", "RG0005", "yes", "'filters.meta.negate' must be true or false")]
    [InlineData("filters:\n  - {meta: {disabled: 1}, query: {match_phrase: {a: b}}}\n", "RG0005", "1}", "'filters.meta.disabled' must be true or false")]
    [InlineData("filters:\n  - {meta: {negate: true}}\n", "RG0005", "{meta", "a mapping with either 'query' or 'exists'")]
    [InlineData("filters:\n  - {query: {match_phrase: {a: b}}, exists: {field: a}}\n", "RG0005", "exists", "either 'query' or 'exists'")]
    [InlineData("filters:\n  - {query: {wildcard: {a: {value: \"b*\"}}}}\n", "RG0023", "wildcard", "The filter query 'wildcard'")]
    [InlineData("filters:\n  - {query: {query_string: {query: \"a:b\"}}}\n", "RG0023", "query_string", "RuleGen reads match_phrase, match, term, bool, range, exists")]
    [InlineData("filters:\n  - {query: {match_phrase: {a: b}, term: {c: d}}}\n", "RG0005", "{match_phrase", "a mapping of one query")]
    [InlineData("filters:\n  - {query: {match_phrase: {a: b, c: d}}}\n", "RG0005", "{a: b, c: d}", "a mapping {field: value}")]
    [InlineData("filters:\n  - {query: {match_phrase: {a: null}}}\n", "RG0005", "null", "a string, number or boolean")]
    [InlineData("filters:\n  - {query: {match_phrase: {a: [b]}}}\n", "RG0005", "[b]", "a string, number or boolean")]
    [InlineData("filters:\n  - {query: {match_phrase: {a: {query: b, slop: 2}}}}\n", "RG0003", "slop", "'filters.query.match_phrase.a.slop'")]
    [InlineData("filters:\n  - {query: {match: {a: {query: b, type: boolean}}}}\n", "RG0005", "boolean", "one of phrase")]
    [InlineData("filters:\n  - {query: {term: {a: {}}}}\n", "RG0004", "{}", "'filters.query.term.a.value'")]
    [InlineData("filters:\n  - {query: {bool: {must: [{match_phrase: {a: b}}]}}}\n", "RG0003", "must", "'is one of' filter", "RG0005")]
    [InlineData("filters:\n  - {query: {bool: {should: [{term: {a: b}}]}}}\n", "RG0023", "{term", "anything but {match_phrase")]
    [InlineData("filters:\n  - {query: {bool: {should: [{match_phrase: {a: b}}, {match_phrase: {c: d}}]}}}\n", "RG0005", "{match_phrase: {c", "phrases of one field ('a')")]
    [InlineData("filters:\n  - {query: {bool: {should: [{match_phrase: {a: b}}], minimum_should_match: 2}}}\n", "RG0005", "2}", "'filters.query.bool.minimum_should_match' must be 1")]
    [InlineData("filters:\n  - {query: {bool: {should: []}}}\n", "RG0005", "[]", "a list of {match_phrase")]
    [InlineData("filters:\n  - {query: {range: {a: {format: x}}}}\n", "RG0005", "{format", "at least one of gt, gte, lt, lte")]
    [InlineData("filters:\n  - {query: {range: {a: {gte: 1, time_zone: UTC}}}}\n", "RG0003", "time_zone", "'filters.query.range.a.time_zone'")]
    [InlineData("filters:\n  - {query: {exists: {}}}\n", "RG0004", "{}", "'filters.query.exists.field'")]
    [InlineData("filters:\n  - {exists: {field: \" \"}}\n", "RG0005", "\" \"", "'filters.exists.field' must be a field name")]
    public void BadFiltersAreLocated(string lines, string id, string at, string message, string? also = null) =>
        Expect(Kuery(lines), id, at, messagePart: message, others: also is null ? System.Array.Empty<string>() : new[] { also });

    [Fact]
    public void TheOldErrorsForElasticKeysAreGone()
    {
        // index, filters, exceptions_list and event_category_override used to be RG0014; they are keys now.
        RuleReader.Read read = RuleReader.Parse(RuleYaml.With("any where true") + "type: eql\nindex: [a-*]\nfilters: []\nexceptions_list: []\nevent_category_override: event.type\n");
        Assert.True(read.Diagnostics.Count == 0, read.ToString());
    }
}
