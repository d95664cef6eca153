using System;
using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text.Json;
using static RuleGen.Runtime.RecordValues;

namespace RuleGen.Runtime;

/// <summary>
/// Turns a raw CloudTrail record into the ECS document Elastic's AWS integration would index, so rules written
/// against ECS (event.action, aws.cloudtrail.user_identity.type, …) run unchanged over raw CloudTrail files.
/// Follows the integration's ingest pipeline processor by processor (docs/semantics.md, "Raw CloudTrail", lists each
/// derived field): null and empty values dropped, renames, event.kind/outcome/category/type, user and related
/// fields, actor and target entities, AWS client user agents, request/response objects as Java map strings plus
/// flattened copies. Fields are written with dotted names, which the scanner reads like nested ones; each is written
/// once (a second spelling would make a multivalue).
/// </summary>
public static class CloudTrailNormalizer
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The ECS version the pipeline writes (a constant of its own, not of the record).</summary>
    public const string EcsVersion = "8.11.0";

    /// <summary>Writes the ECS document for <paramref name="record"/> to <paramref name="output"/>.</summary>
    public static void Normalize(ReadOnlySpan<byte> record, IBufferWriter<byte> output)
    {
        var reader = new Utf8JsonReader(record, new JsonReaderOptions { MaxDepth = 256 });
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        JsonElement raw = document.RootElement;
        if (raw.ValueKind != JsonValueKind.Object) throw new JsonException("a CloudTrail record must be a JSON object");

        using var w = new Utf8JsonWriter(output, WriterOptions);
        w.WriteStartObject();
        w.WriteString("ecs.version", EcsVersion);

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
        string? identityType = StringAt(identity, "type");
        JsonElement? request = Get(raw, "requestParameters");
        JsonElement? response = Get(raw, "responseElements");
        string? eventName = StringAt(raw, "eventName");

        // The entity script runs first in the pipeline, on the record as it came (after the empty-drop).
        EntityEnrichment.Write(w, raw);

        // event.*
        // Values are copied whatever their JSON type, as the pipeline's set and rename processors do: an eventName
        // that is an array becomes a multivalued event.action.
        Copy(w, "event.action", Get(raw, "eventName"));
        Copy(w, "event.provider", Get(raw, "eventSource"));
        Copy(w, "event.id", Get(raw, "eventID"));
        w.WriteString("event.kind", pipelineError is null ? "event" : "pipeline_error");
        if (pipelineError is not null) w.WriteString("error.message", pipelineError);
        w.WriteString("event.outcome", Outcome(raw, eventName, response));
        WriteCategorization(w, eventName);

        // cloud.*: the account is the identity's, else the recipient's (an AWS service has none of its own).
        Copy(w, "cloud.account.id", Get(identity, "accountId") ?? Get(raw, "recipientAccountId"));
        Copy(w, "cloud.region", Get(raw, "awsRegion"));
        w.WriteString("cloud.provider", "aws");
        if (StringAt(raw, "eventSource") is string source && source.EndsWith(".amazonaws.com", StringComparison.Ordinal) && source.Length > ".amazonaws.com".Length)
        {
            w.WriteString("cloud.service.name", source[..^".amazonaws.com".Length]);
        }

        // source.*, related.ip, user_agent.*
        string? sourceIp = null;
        if (Get(raw, "sourceIPAddress") is JsonElement address)
        {
            Copy(w, "source.address", address);
            if (address.ValueKind == JsonValueKind.String && IsIp(address.GetString()!))
            {
                sourceIp = address.GetString();
                w.WriteString("source.ip", sourceIp);
                w.WriteStartArray("related.ip");
                w.WriteStringValue(sourceIp);
                w.WriteEndArray();
            }
        }
        if (Get(raw, "userAgent") is JsonElement userAgent)
        {
            Copy(w, "user_agent.original", userAgent);
            if (userAgent.ValueKind == JsonValueKind.String && UserAgentParser.Parse(userAgent.GetString()!) is { Name: string uaName } parsed)
            {
                w.WriteString("user_agent.name", uaName);
                if (parsed.Version is string uaVersion) w.WriteString("user_agent.version", uaVersion);
            }
        }
        if (identityType == "AWSService") Copy(w, "service.name", Get(identity, "invokedBy"));

        // user.*, group.*, related.user
        UserFields users = UserFields.Of(raw, identity, identityType, eventName, request, response);
        users.Write(w);

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
        Copy(w, "aws.cloudtrail.session_credential_from_console", Get(raw, "sessionCredentialFromConsole"));
        Copy(w, "aws.cloudtrail.error_code", Get(raw, "errorCode"));
        Copy(w, "aws.cloudtrail.error_message", Get(raw, "errorMessage"));
        WriteIdentity(w, identity);
        Stringified(w, "request_parameters", request);
        Stringified(w, "response_elements", response);
        Stringified(w, "additional_eventdata", Get(raw, "additionalEventData"), users.RemovedAdditionalKey);
        Stringified(w, "service_event_details", Get(raw, "serviceEventDetails"));
        if (eventName == "ConsoleLogin") WriteConsoleLogin(w, Get(raw, "additionalEventData"));
        WriteResources(w, Get(raw, "resources"));
        WriteTls(w, Get(raw, "tlsDetails"));

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
        if (eventName == "ConsoleLogin" && StringAt(response, "ConsoleLogin") is string login) return login.ToLowerInvariant();
        return Get(raw, "errorCode") is not null || Get(raw, "errorMessage") is not null ? "failure" : "success";
    }

    /// <summary>event.type ["info"], or event.category and event.type from the pipeline's table for the action.</summary>
    private static void WriteCategorization(Utf8JsonWriter w, string? eventName)
    {
        if (eventName is null || !EventCategoryTable.ByAction.TryGetValue(eventName, out var entry))
        {
            WriteArray(w, "event.type", ["info"]);
            return;
        }
        WriteArray(w, "event.category", entry.Category);
        WriteArray(w, "event.type", entry.Type);
    }

    private static void WriteArray(Utf8JsonWriter w, string name, string[] values)
    {
        if (values.Length == 0) return;
        w.WriteStartArray(name);
        foreach (string value in values) w.WriteStringValue(value);
        w.WriteEndArray();
    }

    private static void WriteIdentity(Utf8JsonWriter w, JsonElement? identity)
    {
        if (identity is not JsonElement ui) return;
        Copy(w, "aws.cloudtrail.user_identity.type", Get(ui, "type"));
        Copy(w, "aws.cloudtrail.user_identity.arn", Get(ui, "arn"));
        Copy(w, "aws.cloudtrail.user_identity.access_key_id", Get(ui, "accessKeyId"));
        Copy(w, "aws.cloudtrail.user_identity.invoked_by", Get(ui, "invokedBy"));
        JsonElement? session = Get(ui, "sessionContext");
        if (Get(session, "attributes") is JsonElement attr)
        {
            if (Get(attr, "mfaAuthenticated") is JsonElement mfa) w.WriteString("aws.cloudtrail.user_identity.session_context.mfa_authenticated", Text(mfa));
            // The pipeline's date processor drops a creationDate it cannot parse (e.g. 20131102T010628Z).
            if (Get(attr, "creationDate") is JsonElement created && ParseTime(Text(created)) is string creationDate)
            {
                w.WriteString("aws.cloudtrail.user_identity.session_context.creation_date", creationDate);
            }
        }
        if (Get(session, "sessionIssuer") is JsonElement si)
        {
            Copy(w, "aws.cloudtrail.user_identity.session_context.session_issuer.type", Get(si, "type"));
            Copy(w, "aws.cloudtrail.user_identity.session_context.session_issuer.principal_id", Get(si, "principalId"));
            Copy(w, "aws.cloudtrail.user_identity.session_context.session_issuer.arn", Get(si, "arn"));
            Copy(w, "aws.cloudtrail.user_identity.session_context.session_issuer.account_id", Get(si, "accountId"));
        }
    }

    /// <summary>ConsoleLogin's additionalEventData as booleans and the sign-in URL (the pipeline's console_login script).</summary>
    private static void WriteConsoleLogin(Utf8JsonWriter w, JsonElement? additional)
    {
        const string prefix = "aws.cloudtrail.console_login.additional_eventdata.";
        // A value other than the string "No" is true, as the script's `!= 'No'` says.
        if (Get(additional, "MobileVersion") is JsonElement mobile) w.WriteBoolean(prefix + "mobile_version", !(mobile.ValueKind == JsonValueKind.String && mobile.ValueEquals("No")));
        Copy(w, prefix + "login_to", Get(additional, "LoginTo"));
        if (Get(additional, "MFAUsed") is JsonElement mfa) w.WriteBoolean(prefix + "mfa_used", !(mfa.ValueKind == JsonValueKind.String && mfa.ValueEquals("No")));
    }

    private static void WriteResources(Utf8JsonWriter w, JsonElement? resources)
    {
        if (resources is not JsonElement list || list.ValueKind != JsonValueKind.Array) return;
        w.WriteStartArray("aws.cloudtrail.resources");
        foreach (JsonElement resource in list.EnumerateArray())
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

    /// <summary>
    /// tlsDetails: tlsVersion dissected as "%{tls.version_protocol}v%{tls.version}" (protocol lower-cased), or kept
    /// whole in tls.version when it has no "v"; a tlsVersion of the literal "tlsVersion" (a placeholder some records
    /// carry) drops the whole tlsDetails.
    /// </summary>
    private static void WriteTls(Utf8JsonWriter w, JsonElement? tlsDetails)
    {
        if (tlsDetails is not JsonElement tls || tls.ValueKind != JsonValueKind.Object) return;
        JsonElement? version = Get(tls, "tlsVersion");
        if (version is JsonElement placeholder && placeholder.ValueKind == JsonValueKind.String && placeholder.ValueEquals("tlsVersion")) return;
        if (version is JsonElement v && v.ValueKind == JsonValueKind.String)
        {
            string text = v.GetString()!;
            int split = text.IndexOf('v');
            if (split < 0) w.WriteString("tls.version", text);
            else
            {
                if (split > 0) w.WriteString("tls.version_protocol", text[..split].ToLowerInvariant());
                if (split + 1 < text.Length) w.WriteString("tls.version", text[(split + 1)..]);
            }
        }
        else Copy(w, "tls.version", version);
        Copy(w, "tls.cipher", Get(tls, "cipherSuite"));
        Copy(w, "tls.client.server_name", Get(tls, "clientProvidedHostHeader"));
    }

    private static void Stringified(Utf8JsonWriter w, string name, JsonElement? value, string? removedKey = null)
    {
        if (value is not JsonElement v) return;
        if (v.ValueKind == JsonValueKind.Object || v.ValueKind == JsonValueKind.Array)
        {
            string text = JavaMapText.Format(v, removedKey);
            w.WriteString("aws.cloudtrail." + name, text);
            // The flattened copy only when the string is shorter than Lucene's term limit (the pipeline's check).
            if (v.ValueKind == JsonValueKind.Object && text.Length < 32766)
            {
                w.WritePropertyName("aws.cloudtrail.flattened." + name);
                WithoutEmpties(w, v, removedKey);
            }
        }
        else
        {
            w.WriteString("aws.cloudtrail." + name, Text(v));
        }
    }

    private static void WithoutEmpties(Utf8JsonWriter w, JsonElement value, string? removedKey = null)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (JsonProperty property in value.EnumerateObject())
                {
                    if (JavaMapText.IsEmpty(property.Value) || (removedKey is not null && property.NameEquals(removedKey))) continue;
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

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "'" + value.GetString() + "'",
        JsonValueKind.Number => "the number " + value.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.GetRawText(),
    };

    internal static string? ParseTime(string text) =>
        text.Length >= 10 && text[4] == '-' && text[7] == '-'
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time)
            ? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
            : null;

    private static bool IsIp(string text) =>
        IPAddress.TryParse(text, out _) && (text.Contains(':') || text.AsSpan().Count('.') == 3);
}
