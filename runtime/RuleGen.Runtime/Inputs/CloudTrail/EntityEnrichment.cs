using System;
using System.Collections.Generic;
using System.Text.Json;
using static RuleGen.Runtime.RecordValues;

namespace RuleGen.Runtime;

/// <summary>
/// The actor, the targets and the related entities of a CloudTrail record, as the "append related.entity" script of
/// Elastic's newer CloudTrail pipeline finds them (elastic/integrations default.yml; read in the version carried by
/// the fork chemamartinez/integrations at 1bc21c5b6cb5df28e0bf8557446350116a673298, Elastic License 2.0; the code
/// here is RuleGen's own): the identity's ARN (or the Identity Center user), per service the request and response
/// fields that name what the call touched, then every target classified as a user, host, service or other entity.
/// Elastic runs it when the integration's actor_target_mapping option is on; RuleGen always does, because Elastic's
/// rules read its fields (entity.target.id, user.entity.id, related.entity).
/// </summary>
internal sealed partial class EntityEnrichment
{
    private readonly JsonElement _record;
    private readonly SortedSet<string> _related = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _target = new(StringComparer.Ordinal);
    private string? _actor;

    private EntityEnrichment(JsonElement record) => _record = record;

    /// <summary>Writes the entity fields of <paramref name="record"/>; nothing without an eventName (as the pipeline's condition).</summary>
    public static void Write(Utf8JsonWriter w, JsonElement record)
    {
        if (Get(record, "eventName") is null) return;
        var enrichment = new EntityEnrichment(record);
        enrichment.Collect();
        enrichment.WriteFields(w);
    }

    private void Collect()
    {
        _actor = StringAt(_record, "userIdentity.arn") ?? StringAt(_record, "userIdentity.onBehalfOf.userId");
        AddFields(_related, "userIdentity.accessKeyId", "userIdentity.arn", "userIdentity.userName",
            "userIdentity.sessionContext.sessionIssuer.arn", "userIdentity.sessionContext.sessionIssuer.userName");
        if (StringAt(_record, "userIdentity.type") == "IdentityCenterUser") AddField(_related, "userIdentity.onBehalfOf.identityStoreArn");
        AddResourceArns(_related);

        string? source = StringAt(_record, "eventSource");
        string? name = StringAt(_record, "eventName");
        if (source is not null) ByService(source, name);
    }

    private void WriteFields(Utf8JsonWriter w)
    {
        if (_target.Count > 0)
        {
            WriteSet(w, "target.entity.id", _target);
            var users = new SortedSet<string>(StringComparer.Ordinal);
            var hosts = new SortedSet<string>(StringComparer.Ordinal);
            var services = new SortedSet<string>(StringComparer.Ordinal);
            var others = new SortedSet<string>(StringComparer.Ordinal);
            foreach (string target in _target)
            {
                (ClassifyTarget(target) switch { EntityKind.User => users, EntityKind.Host => hosts, EntityKind.Service => services, _ => others }).Add(target);
            }
            WriteSet(w, "user.target.entity.id", users);
            WriteSet(w, "host.target.entity.id", hosts);
            WriteSet(w, "service.target.entity.id", services);
            WriteSet(w, "entity.target.id", others);
            _related.UnionWith(_target);
        }
        if (_actor is not null)
        {
            WriteOne(w, "actor.entity.id", _actor);
            string field = ClassifyActor(_actor, StringAt(_record, "userIdentity.type")) switch
            {
                EntityKind.User => "user.entity.id",
                EntityKind.Host => "host.entity.id",
                EntityKind.Service => "service.entity.id",
                _ => "entity.id",
            };
            WriteOne(w, field, _actor);
        }
        WriteSet(w, "related.entity", _related);
    }

    private enum EntityKind { Other, User, Host, Service }

    private static readonly HashSet<string> UserResourceTypes = new(StringComparer.Ordinal)
    {
        "user", "role", "assumed-role", "federated-user", "instance-profile", "mfa", "serialNumber",
    };

    private static readonly HashSet<string> ServiceResourceTypes = new(StringComparer.Ordinal)
    {
        "stack", "stack-set", "trail", "configuration-recorder", "file-system", "mount-target", "rule", "detector", "key",
        "function", "log-group", "log-stream", "alarm", "db", "cluster", "global-cluster", "trust-anchor",
        "resolver-query-log-config", "secret", "parameter", "document", "session", "webacl", "rulegroup", "ipset", "topic",
        "model", "loadbalancer", "table", "group", "policy", "security-group", "network-interface", "vpc", "subnet",
        "network-acl", "dhcp-options",
    };

    private static readonly string[] ServiceIdPrefixes = { "sg-", "sgr-", "eni-", "vpc-", "subnet-", "acl-", "rtb-", "igw-", "nat-", "vpce-", "tgw-", "pcx-" };

    private static bool IsServiceLinkedRole(string arn) =>
        arn.Contains("/AWSServiceRoleFor", StringComparison.Ordinal) || arn.Contains("/aws-service-role/", StringComparison.Ordinal);

    /// <summary>The resource type of an ARN (arn:partition:service:region:account:type/id or type:id), or null.</summary>
    private static (string Service, string Type)? ArnParts(string arn)
    {
        string[] parts = arn.Split(':');
        if (parts.Length < 6) return null;
        string resource = parts[5];
        int slash = resource.IndexOf('/');
        return (parts[2], slash > 0 ? resource[..slash] : resource);
    }

    private static EntityKind ClassifyTarget(string target)
    {
        if (target.StartsWith("arn:", StringComparison.Ordinal))
        {
            if (ArnParts(target) is not { } parts) return EntityKind.Other;
            (string service, string type) = parts;
            if (IsServiceLinkedRole(target)) return EntityKind.Service;
            if (UserResourceTypes.Contains(type)) return EntityKind.User;
            if (type == "instance") return EntityKind.Host;
            if (ServiceResourceTypes.Contains(type) || service == "s3") return EntityKind.Service;
            return EntityKind.Other;
        }
        // An access key id, an instance id, a VPC resource id; anything else (an account id, a name) is generic.
        if (target.Length == 20 && target.StartsWith("AKIA", StringComparison.Ordinal)) return EntityKind.User;
        if (target.StartsWith("i-", StringComparison.Ordinal)) return EntityKind.Host;
        foreach (string prefix in ServiceIdPrefixes)
        {
            if (target.StartsWith(prefix, StringComparison.Ordinal)) return EntityKind.Service;
        }
        return EntityKind.Other;
    }

    private static EntityKind ClassifyActor(string actor, string? identityType)
    {
        if (identityType == "AWSService" || IsServiceLinkedRole(actor)) return EntityKind.Service;
        if (identityType is "IAMUser" or "Root" or "AssumedRole") return EntityKind.User;
        if (actor.StartsWith("arn:", StringComparison.Ordinal) && ArnParts(actor) is { } parts)
        {
            string type = parts.Type;
            if (type is "user" or "role" or "assumed-role" or "federated-user") return EntityKind.User;
            if (type == "instance") return EntityKind.Host;
        }
        return actor.StartsWith("i-", StringComparison.Ordinal) ? EntityKind.Host : EntityKind.Other;
    }

    // The script's helpers. addValue ignores null and "" and says whether the set grew; addValues stops adding at
    // the first value that did not (its `addedAll && addValue(…)` short-circuits), which is reproduced here.
    private static bool AddValue(SortedSet<string> set, string? value) => !string.IsNullOrEmpty(value) && set.Add(value);

    private static void AddValues(SortedSet<string> set, IEnumerable<string?> values)
    {
        bool addedAll = true;
        foreach (string? value in values) addedAll = addedAll && AddValue(set, value);
    }

    private void AddField(SortedSet<string> set, string path) => AddValue(set, StringAt(_record, path));

    private void AddFields(SortedSet<string> set, params string[] paths)
    {
        foreach (string path in paths) AddField(set, path);
    }

    private void AddResourceArns(SortedSet<string> set)
    {
        foreach (JsonElement resource in ArrayAt(_record, "resources")) AddValue(set, StringAt(resource, "ARN"));
    }

    /// <summary>The strings of the array at <paramref name="path"/>, each element's <paramref name="property"/> when given.</summary>
    private IEnumerable<string?> Each(string path, string? property = null)
    {
        foreach (JsonElement item in ArrayAt(_record, path)) yield return property is null ? (item.ValueKind == JsonValueKind.String ? item.GetString() : null) : StringAt(item, property);
    }

    private static void WriteSet(Utf8JsonWriter w, string name, SortedSet<string> values)
    {
        if (values.Count == 0) return;
        w.WriteStartArray(name);
        foreach (string value in values) w.WriteStringValue(value);
        w.WriteEndArray();
    }

    private static void WriteOne(Utf8JsonWriter w, string name, string value)
    {
        w.WriteStartArray(name);
        w.WriteStringValue(value);
        w.WriteEndArray();
    }
}
