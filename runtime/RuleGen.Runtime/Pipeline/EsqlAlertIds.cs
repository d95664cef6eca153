using System;
using System.Collections.Generic;
using RuleGen.Runtime.Alerts;

namespace RuleGen.Runtime.Pipeline;

/// <summary>
/// An ES|QL alert's id as Kibana computes it (security_solution …/rule_types/esql/utils/generate_alert_id.ts), with
/// node's object-hash (<see cref="ObjectHash"/>, sha1 hex). Two shapes (docs/esql-alerts.md):
/// <list type="bullet">
/// <item>a non-aggregating query's row that has an <c>_id</c>:
/// <c>objectHash([_id, _version, _index, `${spaceId}:${alertId}`, ...values of the MV_EXPANDed fields])</c>;</item>
/// <item>an aggregating query's row, or a row without <c>_id</c>:
/// <c>objectHash([from.toISOString() + to.toISOString(), query, `${spaceId}:${alertId}`, rowIndex])</c>.</item>
/// </list>
/// Offline substitutes (as NewTermsAlertId): space <c>default</c>, alertId (the rule's saved-object id) = the rule_id,
/// <c>_index</c> = the input file's name. <c>_version</c> is <b>undefined</b> in Kibana: the executor takes it from the
/// source documents it re-fetches by id (fetch_source_documents.ts), and that search does not ask for versions, so
/// RuleGen passes null (object-hash writes <c>Undefined</c>), not new_terms' "1".
/// </summary>
public static class EsqlAlertIds
{
    public const string Space = "default";

    /// <summary>
    /// The id of a non-aggregating row. <paramref name="version"/> null is JavaScript's undefined. The expanded values
    /// are the row's values of the fields named by MV_EXPAND (when every one is a column; else Kibana hashes the
    /// whole hit, which RuleGen cannot reproduce), in the query's order; Kibana drops the falsy ones
    /// (<c>.filter(Boolean)</c>: NULL, "", 0, false), and so does this.
    /// </summary>
    public static string NonAggregating(string id, long? version, string index, string spaceId, string ruleId, IReadOnlyList<EsqlValue> expandedValues)
    {
        var kept = new List<EsqlValue>(expandedValues.Count);
        foreach (EsqlValue value in expandedValues)
        {
            if (IsTruthy(value)) kept.Add(value);
        }
        var hash = new ObjectHash().Array(4 + kept.Count).String(id);
        if (version is long v) hash.Number(v);
        else hash.Undefined();
        hash.String(index).String($"{spaceId}:{ruleId}");
        foreach (EsqlValue value in kept) Write(hash, value);
        return hash.Sha1Hex();
    }

    /// <summary>
    /// The id of an aggregating row: the run's window (<paramref name="fromMs"/>, <paramref name="toMs"/>, as
    /// Date#toISOString writes them, always with milliseconds), the rule's query text as saved (not the one Kibana
    /// runs, with its appended LIMIT), the space and rule, and the row's 0-based index in the response page.
    /// </summary>
    public static string Aggregating(long fromMs, long toMs, string query, string spaceId, string ruleId, int rowIndex) =>
        new ObjectHash().Array(4)
            .String(IsoMillis(fromMs) + IsoMillis(toMs))
            .String(query)
            .String($"{spaceId}:{ruleId}")
            .Number(rowIndex)
            .Sha1Hex();

    /// <summary>JavaScript's Date#toISOString: <c>2010-10-20T04:10:12.000Z</c>.</summary>
    public static string IsoMillis(long epochMs) =>
        Windows.EventTime.Iso(epochMs);

    // JavaScript's Boolean(x) on the value Kibana reads from the merged source: NULL/undefined, "", 0 and false are falsy.
    private static bool IsTruthy(EsqlValue value)
    {
        if (value.IsNull) return false;
        if (value.IsMulti) return true;
        return value.Type switch
        {
            EsqlType.Boolean => value.AsBoolean,
            EsqlType.Integer or EsqlType.Long => value.AsLong != 0,
            EsqlType.Double => value.AsDouble != 0,
            EsqlType.Keyword or EsqlType.Ip or EsqlType.Version => value.AsString.Length != 0,
            _ => true,
        };
    }

    // A value as it stands in the ES|QL JSON response Kibana merges into the source: numbers as numbers, booleans as
    // booleans, a multivalue as an array, everything else (keywords, dates as ISO text, IPs, versions) as strings.
    private static void Write(ObjectHash hash, EsqlValue value)
    {
        if (value.IsMulti)
        {
            hash.Array(value.Count);
            foreach (EsqlValue single in value.Values) Write(hash, single);
            return;
        }
        switch (value.Type)
        {
            case EsqlType.Boolean:
                hash.Boolean(value.AsBoolean);
                break;
            case EsqlType.Integer:
            case EsqlType.Long:
                hash.Number(value.AsLong);
                break;
            case EsqlType.Double:
                hash.Number(value.AsDouble);
                break;
            case EsqlType.Null:
                hash.Null();
                break;
            default:
                hash.String(value.ToString());
                break;
        }
    }
}
