using System;
using System.Buffers;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// The ids suppression needs. Kibana hashes with <c>object-hash</c> over values that include the rule's saved-object
/// id (<c>completeRule.alertId</c>) and the space, which exist only in Kibana; RuleGen substitutes the rule_id and the
/// space <c>default</c> and hashes a JSON array of the same parts with SHA-256. So the ids are as stable and as
/// distinct as Kibana's (same parts, same equalities) but not byte-equal to them (docs/alert-suppression.md).
/// </summary>
public static class SuppressionIds
{
    /// <summary>The space RuleGen's alerts live in: Kibana's default space.</summary>
    public const string Space = "default";

    /// <summary>The <c>_version</c> of every document read from a file (one write each).</summary>
    public const string Version = "1";

    /// <summary>
    /// Kibana's <c>generateId</c> (rule_types/utils/utils.ts): SHA-256 of index + _id + version + "space:rule", the id
    /// of an alert that copies one document. The index is the input the document was read from.
    /// </summary>
    public static string Document(string index, string identity, string ruleId) =>
        Hex(SHA256.HashData(Encoding.UTF8.GetBytes(index + identity + Version + Space + ":" + ruleId)));

    /// <summary><c>kibana.alert.instance.id</c>: hash of [terms, rule, space] (createSuppressedAlertInstanceId).</summary>
    public static string Instance(IReadOnlyList<SuppressionTerm> terms, string ruleId) =>
        Hash(w =>
        {
            WriteTerms(w, terms);
            w.WriteStringValue(ruleId);
            w.WriteStringValue(Space);
        });

    /// <summary>A query rule's suppressed alert: hash of [index, _id, version, space:rule, terms, start, end] (query/alert_suppression/wrap_suppressed_alerts.ts).</summary>
    public static string QueryBucket(string index, string identity, string ruleId, IReadOnlyList<SuppressionTerm> terms, long startMs, long endMs) =>
        Hash(w =>
        {
            w.WriteStringValue(index);
            w.WriteStringValue(identity);
            w.WriteStringValue(Version);
            w.WriteStringValue(Space + ":" + ruleId);
            WriteTerms(w, terms);
            w.WriteStringValue(EventTime.Iso(startMs));
            w.WriteStringValue(EventTime.Iso(endMs));
        });

    private static void WriteTerms(Utf8JsonWriter w, IReadOnlyList<SuppressionTerm> terms)
    {
        w.WriteStartArray();
        foreach (SuppressionTerm term in terms) term.Write(w);
        w.WriteEndArray();
    }

    private static string Hash(Action<Utf8JsonWriter> parts)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartArray();
            parts(w);
            w.WriteEndArray();
        }
        return Hex(SHA256.HashData(buffer.WrittenSpan));
    }

    private static string Hex(byte[] hash) => Convert.ToHexString(hash).ToLowerInvariant();
}
