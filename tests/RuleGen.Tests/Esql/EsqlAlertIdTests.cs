using System;
using System.Globalization;
using CsCheck;
using RuleGen.Runtime.Alerts;
using RuleGen.Runtime.Pipeline;
using Xunit;

namespace RuleGen.Tests.Esql;

/// <summary>
/// ES|QL alert ids (EsqlAlertIds, docs/esql-alerts.md). Kibana's generate_alert_id.test.ts only asserts which inputs
/// change the id, so the expected ids here were produced by node's object-hash 3.0.0 (MIT; the package Kibana uses)
/// from the same arrays generate_alert_id.ts builds, e.g.
/// <c>require('object-hash')(['2010-10-20T04:10:12.000Z2010-10-20T04:43:12.000Z', 'from auditbeat*', 'default:test_alert_id', 10])</c>;
/// the inputs are the Kibana test's mocks, its local times read as UTC.
/// </summary>
public class EsqlAlertIdTests
{
    private static readonly long From = Ms("2010-10-20T04:10:12Z");
    private static readonly long To = Ms("2010-10-20T04:43:12Z");

    [Fact]
    public void AnAggregatingRowHashesTheRunTheQueryTheRuleAndTheRowIndex()
    {
        Assert.Equal("d9f76b09fa0304b46f161a6d22a5bb2c5ad361b6", EsqlAlertIds.Aggregating(From, To, "from auditbeat*", "default", "test_alert_id", 10));
        Assert.Equal("00a115daca65496f438735b2b13eee1a2e7a70fa", EsqlAlertIds.Aggregating(From, To, "from auditbeat*", "default", "test_alert_id", 11));
    }

    /// <summary>What Kibana's generate_alert_id.test.ts asserts for aggregating queries: each input changes the id.</summary>
    [Fact]
    public void AnAggregatingIdDependsOnEveryInput()
    {
        string id = EsqlAlertIds.Aggregating(From, To, "from auditbeat*", "default", "test_alert_id", 10);
        Assert.NotEqual(id, EsqlAlertIds.Aggregating(Ms("2010-10-20T04:20:12Z"), To, "from auditbeat*", "default", "test_alert_id", 10));
        Assert.NotEqual(id, EsqlAlertIds.Aggregating(From, To, "from packetbeat*", "default", "test_alert_id", 10));
        Assert.NotEqual(id, EsqlAlertIds.Aggregating(From, To, "from auditbeat*", "test-1", "test_alert_id", 10));
        Assert.NotEqual(id, EsqlAlertIds.Aggregating(From, To, "from auditbeat*", "default", "another-alert-id", 10));
    }

    [Fact]
    public void ANonAggregatingRowHashesIdVersionIndexAndRule()
    {
        // The Kibana test's mock event (_version 2) and, as the executor really runs, with _version undefined.
        Assert.Equal("12807c34ba6cee74182ae676d6bfec5004ad9afa", EsqlAlertIds.NonAggregating("test_id", 2, "test_index", "default", "test_alert_id", Array.Empty<EsqlValue>()));
        Assert.Equal("8dc16b1901df0d5e0f9ba68b626eec91016ed405", EsqlAlertIds.NonAggregating("test_id", null, "test_index", "default", "test_alert_id", Array.Empty<EsqlValue>()));
    }

    /// <summary>
    /// MV_EXPAND values: Kibana drops the falsy ones (NULL, "", 0, false) and hashes numbers as numbers, dates as the
    /// ISO text ES|QL returns. node: objectHash(['doc-1', undefined, 'logs.ndjson', 'default:RULE-1', 'alice', 42,
    /// '2024-05-01T10:00:00.000Z', '10.0.0.1']).
    /// </summary>
    [Fact]
    public void ExpandedValuesAreHashedAsKibanaReadsThemFromTheRow()
    {
        EsqlValue[] expanded =
        {
            EsqlValue.Keyword("alice"), EsqlValue.Null, EsqlValue.Integer(0), EsqlValue.Keyword(""), EsqlValue.False,
            EsqlValue.Long(42), EsqlValue.Datetime(Ms("2024-05-01T10:00:00Z")), EsqlValue.Ip("10.0.0.1"),
        };
        Assert.Equal("fae04eb0f5a06dc54b8cc5c485bfb212943e2b48", EsqlAlertIds.NonAggregating("doc-1", null, "logs.ndjson", "default", "RULE-1", expanded));
    }

    /// <summary>node: objectHash(['test_id', undefined, 'test_index', 'default:test_alert_id', 'host-a', 7, 1.5, true, 1e21, 1.5e-7, 0.000001, ['x','y'], 'é😀']).</summary>
    [Fact]
    public void NumbersBooleansArraysAndNonAsciiTextHashAsObjectHashWritesThem()
    {
        EsqlValue[] expanded =
        {
            EsqlValue.Keyword("host-a"), EsqlValue.Integer(7), EsqlValue.Double(1.5), EsqlValue.True, EsqlValue.Double(1e21),
            EsqlValue.Double(1.5e-7), EsqlValue.Double(0.000001), EsqlValue.Multi(EsqlType.Keyword, new[] { EsqlValue.Keyword("x"), EsqlValue.Keyword("y") }),
            EsqlValue.Keyword("é😀"),
        };
        Assert.Equal("7318542172fd33b4e38a60fe1852f6769ee5c4f8", EsqlAlertIds.NonAggregating("test_id", null, "test_index", "default", "test_alert_id", expanded));
    }

    [Fact]
    public void ANonAggregatingIdDependsOnTheDocumentAndTheRuleOnly()
    {
        string id = EsqlAlertIds.NonAggregating("test_id", 2, "test_index", "default", "test_alert_id", Array.Empty<EsqlValue>());
        Assert.NotEqual(id, EsqlAlertIds.NonAggregating("another-id", 2, "test_index", "default", "test_alert_id", Array.Empty<EsqlValue>()));
        Assert.NotEqual(id, EsqlAlertIds.NonAggregating("test_id", 100, "test_index", "default", "test_alert_id", Array.Empty<EsqlValue>()));
        Assert.NotEqual(id, EsqlAlertIds.NonAggregating("test_id", 2, "packetbeat-*", "default", "test_alert_id", Array.Empty<EsqlValue>()));
        Assert.NotEqual(id, EsqlAlertIds.NonAggregating("test_id", 2, "test_index", "test-1", "test_alert_id", Array.Empty<EsqlValue>()));
        Assert.NotEqual(id, EsqlAlertIds.NonAggregating("test_id", 2, "test_index", "default", "another-alert-id", Array.Empty<EsqlValue>()));
    }

    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(123456789012345680000d, "123456789012345680000")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.0000015, "0.0000015")]
    [InlineData(1234.5678, "1234.5678")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(9007199254740992d, "9007199254740992")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(100d, "100")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    public void DoublesAreWrittenAsJavaScriptWritesThem(double value, string expected)
    {
        // The expected texts are node's String(x) for each value.
        Assert.Equal("number:" + expected, new ObjectHash().Number(value).ToString());
    }

    [Fact]
    public void JavaScriptNumberTextRoundTripsEveryDouble()
    {
        Gen.Double.Sample(x =>
        {
            if (double.IsNaN(x) || double.IsInfinity(x)) return;
            string text = new ObjectHash().Number(x).ToString().Substring("number:".Length);
            Assert.Equal(x == 0 ? 0d : x, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
            Assert.DoesNotContain("E", text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void RunTimesAreWrittenAsDateToIsoStringWritesThem()
    {
        Assert.Equal("2010-10-20T04:10:12.000Z", EsqlAlertIds.IsoMillis(From));
        Assert.Equal("1970-01-01T00:00:00.007Z", EsqlAlertIds.IsoMillis(7));
    }

    private static long Ms(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
}
