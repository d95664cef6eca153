using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.RegularExpressions;
using static RuleGen.Runtime.RecordValues;

namespace RuleGen.Runtime;

/// <summary>
/// user.*, group.* and related.user of a CloudTrail record, as the pipeline derives them: who acted (the IAM user,
/// the role behind an assumed-role session, the Identity Center user), whom the call was about (request and
/// response user names and ids), and every user name or id worth correlating in related.user, in the pipeline's order.
/// </summary>
internal sealed class UserFields
{
    private JsonElement? _id, _name, _targetName, _targetId, _changesName, _groupName, _groupId;
    private readonly List<string> _related = new();

    /// <summary>The additionalEventData key the pipeline renames away (UserAuthentication's UserName), or null.</summary>
    public string? RemovedAdditionalKey { get; private set; }

    // grok "arn:(aws|aws-us-gov):sts:.*/%{GREEDYDATA:_tmp.session_name}$": the session name ends an assumed-role ARN.
    private static readonly Regex SessionName = new("arn:(?:aws|aws-us-gov):sts:.*/(.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline);

    public static UserFields Of(JsonElement raw, JsonElement? identity, string? identityType, string? eventName, JsonElement? request, JsonElement? response)
    {
        var u = new UserFields();
        bool session = identityType is "AssumedRole" or "FederatedUser";
        u._id = Get(identity, "principalId");
        u._name = Get(identity, "userName");
        // An assumed role's session is named after the role that issued it.
        if (session && At(identity, "sessionContext.sessionIssuer.userName") is JsonElement issuer) u._name = issuer;
        if (session && StringAt(identity, "arn") is string arn && SessionName.Match(arn) is { Success: true } match)
        {
            // The session name (often an e-mail address for SSO) goes to related.user, and so does its local part.
            string name = match.Groups[1].Value;
            u.Relate(name);
            int at = name.IndexOf('@');
            if (at >= 0) u.Relate(name[..at]);
        }
        if (identityType == "IdentityCenterUser" && u._id is null) u._id = At(identity, "onBehalfOf.userId");
        if (eventName == "UserAuthentication" && u._name is null && At(raw, "additionalEventData.UserName") is JsonElement signedIn)
        {
            u._name = signedIn;
            u.RemovedAdditionalKey = "UserName";
        }

        u._targetName = Get(request, "userName");
        u._changesName = Get(request, "newUserName");
        u._targetId = At(response, "user.userId");
        u._groupName = Get(request, "groupName");
        u._groupId = At(response, "group.groupId");

        u.Relate(Rendered(u._targetName));
        u.Relate(Rendered(u._changesName));
        u.Relate(Rendered(u._targetId));
        u.Relate(Rendered(u._id));
        u.Relate(Rendered(u._name));
        u.Relate(Rendered(u._changesName));
        return u;
    }

    /// <summary>append with allow_duplicates: false (an empty string is dropped by the pipeline's last clean-up).</summary>
    private void Relate(string? value)
    {
        if (!string.IsNullOrEmpty(value) && !_related.Contains(value)) _related.Add(value);
    }

    public void Write(Utf8JsonWriter w)
    {
        Copy(w, "user.id", _id);
        Copy(w, "user.name", _name);
        // An e-mail address as user name is also user.email (the pipeline does not split it into name and domain).
        if (_name is JsonElement { ValueKind: JsonValueKind.String } name && name.GetString()!.IndexOf('@') > 0) w.WriteString("user.email", name.GetString());
        Copy(w, "user.target.name", _targetName);
        Copy(w, "user.target.id", _targetId);
        Copy(w, "user.changes.name", _changesName);
        Copy(w, "group.name", _groupName);
        Copy(w, "group.id", _groupId);
        if (_related.Count == 0) return;
        w.WriteStartArray("related.user");
        foreach (string user in _related) w.WriteStringValue(user);
        w.WriteEndArray();
    }
}
