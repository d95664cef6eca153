using System;
using System.Collections.Generic;
using System.IO;
using RuleGen.Runtime.Alerts;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// A new_terms alert's id as Kibana derives it (wrap_new_terms_alerts.ts):
/// <c>objectHash([_index, _id, String(_version), `${spaceId}:${alertId}`, newTerms])</c>, written by
/// <see cref="ObjectHash"/> (node's object-hash) and checked against the ids in Kibana's
/// wrap_new_terms_alerts.test.ts (NewTermsIdTests). Offline there is no index, version, space or saved object: <c>_index</c> = the input file's name without a <c>.gz</c> (compression does not make another index),
/// <c>_version</c> = 1, space <c>default</c>, alertId = the rule_id.
/// </summary>
public static class NewTermsAlertId
{
    public const string Space = "default";

    /// <summary>Kibana's hash of the tuple, as Kibana writes it (40 hex digits).</summary>
    public static string Of(string index, string id, string version, string spaceAndRule, IReadOnlyList<string> newTerms)
    {
        var hash = new ObjectHash().Array(5).String(index).String(id).String(version).String(spaceAndRule).Array(newTerms.Count);
        foreach (string term in newTerms) hash.String(term);
        return hash.Sha1Hex();
    }

    /// <summary>The id of the alert for a term first carried by <paramref name="hit"/>, with RuleGen's offline substitutes.</summary>
    public static string For(StageHit hit, string ruleId, IReadOnlyList<string> newTerms) =>
        Of(IndexOf(hit.File), hit.Identity, "1", $"{Space}:{ruleId}", newTerms);

    /// <summary>The stand-in for <c>_index</c>: the file's name, without a <c>.gz</c>.</summary>
    public static string IndexOf(string file)
    {
        string name = Path.GetFileName(file);
        return name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name.Substring(0, name.Length - 3) : name;
    }
}
