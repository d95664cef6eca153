using System;
using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace RuleGen.Runtime;

/// <summary>
/// Turns a raw CloudTrail record into the ECS document Elastic's AWS integration would index, so rules written
/// against ECS (event.action, aws.cloudtrail.user_identity.type, …) run unchanged over raw CloudTrail files.
/// Follows the integration's ingest pipeline (docs/semantics.md, "Raw CloudTrail"): null and empty values dropped,
/// renames, event.outcome from errorCode/errorMessage, request/response objects as Java map strings plus flattened
/// copies. Fields are written with dotted names, which the scanner reads like nested ones.
/// </summary>
public static class CloudTrailNormalizer
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the ECS document for <paramref name="record"/> to <paramref name="output"/>.</summary>
    public static void Normalize(ReadOnlySpan<byte> record, IBufferWriter<byte> output)
    {
        var reader = new Utf8JsonReader(record, new JsonReaderOptions { MaxDepth = 256 });
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        JsonElement raw = document.RootElement;
        if (raw.ValueKind != JsonValueKind.Object) throw new JsonException("a CloudTrail record must be a JSON object");

        using var w = new Utf8JsonWriter(output, WriterOptions);
        w.WriteStartObject();

        // The pipeline's date processor parses eventTime as ISO 8601. A value it cannot parse (a number, an array, an
        // object, an unparseable string) fails the processor, and the integration's on_failure handler marks the
        // document: event.kind pipeline_error, error.message. The shipper's @timestamp then stays, if there is one.
        string? pipelineError = null;
        if (Get(raw, "eventTime") is JsonElement eventTime)
        {
            if (eventTime.ValueKind == JsonValueKind.String && ParseTime(eventTime.GetString()!) is string time) w.WriteString("@timestamp", time);
            else
            {
                pipelineError = $"eventTime: cannot parse {Describe(eventTime)} as an ISO 8601 date";
                if (Get(raw, "@timestamp") is JsonElement timestamp) Copy(w, "@timestamp", timestamp);
            }
        }
        else if (Get(raw, "@timestamp") is JsonElement timestamp) Copy(w, "@timestamp", timestamp);

        JsonElement? identity = Get(raw, "userIdentity");
        JsonElement? session = identity is JsonElement id ? Get(id, "sessionContext") : null;
        JsonElement? issuer = session is JsonElement s ? Get(s, "sessionIssuer") : null;
        JsonElement? attributes = session is JsonElement s2 ? Get(s2, "attributes") : null;
        JsonElement? request = Get(raw, "requestParameters");
        JsonElement? response = Get(raw, "responseElements");

        // event.*
        // Values are copied whatever their JSON type, as the pipeline's set and rename processors do: an eventName
        // that is an array becomes a multivalued event.action.
        string? eventName = Get(raw, "eventName") is JsonElement name && name.ValueKind == JsonValueKind.String ? name.GetString() : null;
        Copy(w, "event.action", Get(raw, "eventName"));
        Copy(w, "event.provider", Get(raw, "eventSource"));
        Copy(w, "event.id", Get(raw, "eventID"));
        w.WriteString("event.kind", pipelineError is null ? "event" : "pipeline_error");
        if (pipelineError is not null) w.WriteString("error.message", pipelineError);
        w.WriteString("event.outcome", Outcome(raw, eventName, response));

        // cloud.*, source.*, user_agent.*
        Copy(w, "cloud.account.id", identity is JsonElement i1 ? Get(i1, "accountId") : null);
        Copy(w, "cloud.region", Get(raw, "awsRegion"));
        if (Get(raw, "sourceIPAddress") is JsonElement address)
        {
            Copy(w, "source.address", address);
            if (address.ValueKind == JsonValueKind.String && IsIp(address.GetString()!)) Copy(w, "source.ip", address);
        }
        Copy(w, "user_agent.original", Get(raw, "userAgent"));

        // user.*, group.*
        Copy(w, "user.id", identity is JsonElement i2 ? Get(i2, "principalId") : null);
        Copy(w, "user.name", (identity is JsonElement i3 ? Get(i3, "userName") : null) ?? (issuer is JsonElement iss ? Get(iss, "userName") : null));
        Copy(w, "user.target.name", request is JsonElement r1 && r1.ValueKind == JsonValueKind.Object ? Get(r1, "userName") : null);
        Copy(w, "user.changes.name", request is JsonElement r2 && r2.ValueKind == JsonValueKind.Object ? Get(r2, "newUserName") : null);
        Copy(w, "user.target.id", response is JsonElement p1 && p1.ValueKind == JsonValueKind.Object && Get(p1, "user") is JsonElement u && u.ValueKind == JsonValueKind.Object ? Get(u, "userId") : null);
        Copy(w, "group.name", request is JsonElement r3 && r3.ValueKind == JsonValueKind.Object ? Get(r3, "groupName") : null);
        Copy(w, "group.id", response is JsonElement p2 && p2.ValueKind == JsonValueKind.Object && Get(p2, "group") is JsonElement g && g.ValueKind == JsonValueKind.Object ? Get(g, "groupId") : null);

        // aws.cloudtrail.*
        Copy(w, "aws.cloudtrail.event_version", Get(raw, "eventVersion"));
        Copy(w, "aws.cloudtrail.event_type", Get(raw, "eventType"));
        Copy(w, "aws.cloudtrail.event_category", Get(raw, "eventCategory"));
        Copy(w, "aws.cloudtrail.request_id", Get(raw, "requestID"));
        Copy(w, "aws.cloudtrail.api_version", Get(raw, "apiVersion"));
        if (Get(raw, "managementEvent") is JsonElement management) w.WriteString("aws.cloudtrail.management_event", Text(management));
        Copy(w, "aws.cloudtrail.read_only", Get(raw, "readOnly"));
        Copy(w, "aws.cloudtrail.recipient_account_id", Get(raw, "recipientAccountId"));
        Copy(w, "aws.cloudtrail.shared_event_id", Get(raw, "sharedEventID"));
        Copy(w, "aws.cloudtrail.vpc_endpoint_id", Get(raw, "vpcEndpointId"));
        Copy(w, "aws.cloudtrail.error_code", Get(raw, "errorCode"));
        Copy(w, "aws.cloudtrail.error_message", Get(raw, "errorMessage"));
        if (identity is JsonElement ui)
        {
            Copy(w, "aws.cloudtrail.user_identity.type", Get(ui, "type"));
            Copy(w, "aws.cloudtrail.user_identity.arn", Get(ui, "arn"));
            Copy(w, "aws.cloudtrail.user_identity.access_key_id", Get(ui, "accessKeyId"));
            Copy(w, "aws.cloudtrail.user_identity.invoked_by", Get(ui, "invokedBy"));
        }
        if (attributes is JsonElement attr)
        {
            if (Get(attr, "mfaAuthenticated") is JsonElement mfa) w.WriteString("aws.cloudtrail.user_identity.session_context.mfa_authenticated", Text(mfa));
            // The pipeline's date processor drops a creationDate it cannot parse (e.g. 20131102T010628Z).
            if (Get(attr, "creationDate") is JsonElement created && ParseTime(Text(created)) is string creationDate)
            {
                w.WriteString("aws.cloudtrail.user_identity.session_context.creation_date", creationDate);
            }
        }
        if (issuer is JsonElement si)
        {
            Copy(w, "aws.cloudtrail.user_identity.session_context.session_issuer.type", Get(si, "type"));
            Copy(w, "aws.cloudtrail.user_identity.session_context.session_issuer.principal_id", Get(si, "principalId"));
            Copy(w, "aws.cloudtrail.user_identity.session_context.session_issuer.arn", Get(si, "arn"));
            Copy(w, "aws.cloudtrail.user_identity.session_context.session_issuer.account_id", Get(si, "accountId"));
        }
        Stringified(w, "request_parameters", request);
        Stringified(w, "response_elements", response);
        Stringified(w, "additional_eventdata", Get(raw, "additionalEventData"));
        Stringified(w, "service_event_details", Get(raw, "serviceEventDetails"));
        if (Get(raw, "resources") is JsonElement resources && resources.ValueKind == JsonValueKind.Array)
        {
            w.WriteStartArray("aws.cloudtrail.resources");
            foreach (JsonElement resource in resources.EnumerateArray())
            {
                if (resource.ValueKind != JsonValueKind.Object) continue;
                w.WriteStartObject();
                Copy(w, "arn", Get(resource, "ARN"));
                Copy(w, "account_id", Get(resource, "accountId"));
                Copy(w, "type", Get(resource, "type"));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        // tls.*
        if (Get(raw, "tlsDetails") is JsonElement tls && tls.ValueKind == JsonValueKind.Object)
        {
            if (Get(tls, "tlsVersion") is JsonElement version && version.ValueKind == JsonValueKind.String)
            {
                string v = version.GetString()!;
                int digit = v.AsSpan().IndexOfAnyInRange('0', '9');
                if (digit > 0)
                {
                    w.WriteString("tls.version_protocol", v[..digit].TrimEnd('v').ToLowerInvariant());
                    w.WriteString("tls.version", v[digit..]);
                }
            }
            Copy(w, "tls.cipher", Get(tls, "cipherSuite"));
            Copy(w, "tls.client.server_name", Get(tls, "clientProvidedHostHeader"));
        }

        // The record's own fields too, as they are: rules written against raw CloudTrail names (schema:
        // raw-cloudtrail, Sigma-style eventName/userIdentity.type) read them from the same document.
        foreach (JsonProperty property in raw.EnumerateObject())
        {
            if (property.NameEquals("@timestamp")) continue;
            property.WriteTo(w);
        }
        w.WriteEndObject();
    }

    /// <summary>failure when errorCode or errorMessage is present; ConsoleLogin takes responseElements.ConsoleLogin.</summary>
    private static string Outcome(JsonElement raw, string? eventName, JsonElement? response)
    {
        if (eventName == "ConsoleLogin" && response is JsonElement r && r.ValueKind == JsonValueKind.Object
            && Get(r, "ConsoleLogin") is JsonElement login && login.ValueKind == JsonValueKind.String)
        {
            return login.GetString()!.ToLowerInvariant();
        }
        return Get(raw, "errorCode") is not null || Get(raw, "errorMessage") is not null ? "failure" : "success";
    }

    private static void Stringified(Utf8JsonWriter w, string name, JsonElement? value)
    {
        if (value is not JsonElement v) return;
        if (v.ValueKind == JsonValueKind.Object || v.ValueKind == JsonValueKind.Array)
        {
            w.WriteString("aws.cloudtrail." + name, JavaMapText.Format(v));
            if (v.ValueKind == JsonValueKind.Object)
            {
                w.WritePropertyName("aws.cloudtrail.flattened." + name);
                WithoutEmpties(w, v);
            }
        }
        else
        {
            w.WriteString("aws.cloudtrail." + name, Text(v));
        }
    }

    private static void WithoutEmpties(Utf8JsonWriter w, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (JsonProperty property in value.EnumerateObject())
                {
                    if (JavaMapText.IsEmpty(property.Value)) continue;
                    w.WritePropertyName(property.Name);
                    WithoutEmpties(w, property.Value);
                }
                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (JsonElement item in value.EnumerateArray())
                {
                    if (!JavaMapText.IsEmpty(item)) WithoutEmpties(w, item);
                }
                w.WriteEndArray();
                break;
            default:
                value.WriteTo(w);
                break;
        }
    }

    /// <summary>A property that is present and not null or empty (the pipeline drops those before mapping).</summary>
    private static JsonElement? Get(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out JsonElement value) && !JavaMapText.IsEmpty(value) ? value : null;

    private static void Copy(Utf8JsonWriter w, string name, JsonElement? value)
    {
        if (value is not JsonElement v) return;
        w.WritePropertyName(name);
        v.WriteTo(w);
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "'" + value.GetString() + "'",
        JsonValueKind.Number => "the number " + value.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.GetRawText(),
    };

    private static string? ParseTime(string text) =>
        text.Length >= 10 && text[4] == '-' && text[7] == '-'
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time)
            ? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
            : null;

    private static bool IsIp(string text) =>
        IPAddress.TryParse(text, out _) && (text.Contains(':') || text.AsSpan().Count('.') == 3);
}
