using System;
using System.Text.Json;

namespace RuleGen.Benchmarks;

/// <summary>What RuleGen is measured against, written as well as we can write them by hand.</summary>
public static class Baselines
{
    /// <summary>Every token of every line through Utf8JsonReader, doing nothing with them: the floor for any parser.</summary>
    public static long TokenWalk(ReadOnlySpan<byte> ndjson)
    {
        long tokens = 0;
        while (!ndjson.IsEmpty)
        {
            int newline = ndjson.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = newline < 0 ? ndjson : ndjson[..newline];
            ndjson = newline < 0 ? default : ndjson[(newline + 1)..];
            if (line.IsEmpty) continue;
            var reader = new Utf8JsonReader(line);
            while (reader.Read()) tokens++;
        }
        return tokens;
    }

    /// <summary>The seed rule by hand over JsonDocument, as someone would write it without RuleGen.</summary>
    public static long JsonDocumentSeedMatcher(ReadOnlyMemory<byte> ndjson)
    {
        long matches = 0;
        ReadOnlySpan<byte> span = ndjson.Span;
        int offset = 0;
        while (offset < span.Length)
        {
            int newline = span[offset..].IndexOf((byte)'\n');
            int length = newline < 0 ? span.Length - offset : newline;
            if (length > 0)
            {
                using JsonDocument doc = JsonDocument.Parse(ndjson.Slice(offset, length));
                if (Seed(doc.RootElement)) matches++;
            }
            offset += length + 1;
        }
        return matches;
    }

    private static bool Seed(JsonElement e) =>
        Text(e, "event", "action") == "CreateLoginProfile"
        && Text(e, "event", "provider") == "iam.amazonaws.com"
        && Text(e, "event", "outcome") == "success"
        && Text(e, "aws", "cloudtrail", "user_identity", "type") == "Root"
        && Text(e, "aws", "cloudtrail", "user_identity", "access_key_id") is not null
        && Text(e, "aws", "cloudtrail", "request_parameters") is string request
        && !request.ToLowerInvariant().Contains("username", StringComparison.Ordinal);

    private static string? Text(JsonElement e, params string[] path)
    {
        foreach (string name in path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out e)) return null;
        }
        return e.ValueKind == JsonValueKind.String ? e.GetString() : null;
    }

    /// <summary>The seed rule for jq (ES|QL's NULL rules: a missing request string drops the event).</summary>
    public const string JqFilter =
        "select(.event.action == \"CreateLoginProfile\" and .event.provider == \"iam.amazonaws.com\" and .event.outcome == \"success\" " +
        "and .aws.cloudtrail.user_identity.type == \"Root\" and .aws.cloudtrail.user_identity.access_key_id != null " +
        "and (.aws.cloudtrail.request_parameters | type) == \"string\" " +
        "and (.aws.cloudtrail.request_parameters | ascii_downcase | contains(\"username\") | not)) | .event.id";

    /// <summary>The seed rule for DuckDB's read_json, with only the columns it reads projected.</summary>
    public static string DuckDbQuery(string path) =>
        $"SELECT count(*) FROM read_json('{path}', format = 'newline_delimited', columns = {{" +
        "'event': 'STRUCT(action VARCHAR, provider VARCHAR, outcome VARCHAR)', " +
        "'aws': 'STRUCT(cloudtrail STRUCT(user_identity STRUCT(type VARCHAR, access_key_id VARCHAR), request_parameters VARCHAR))'}) " +
        "WHERE event.action = 'CreateLoginProfile' AND event.provider = 'iam.amazonaws.com' AND event.outcome = 'success' " +
        "AND aws.cloudtrail.user_identity.type = 'Root' AND aws.cloudtrail.user_identity.access_key_id IS NOT NULL " +
        "AND lower(aws.cloudtrail.request_parameters) NOT LIKE '%username%'";
}
