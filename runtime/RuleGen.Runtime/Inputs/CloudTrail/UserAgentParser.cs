using System;
using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace RuleGen.Runtime;

/// <summary>
/// user_agent.name and user_agent.version as Elasticsearch's <c>user_agent</c> processor gives them, for the user
/// agents RuleGen can decide faithfully: those a rule of <see cref="UserAgentRules.Leading"/> matches (AWS CLI and
/// SDKs, Boto, bots, downloaders), and AWS service principals written as host names (<c>ec2.amazonaws.com</c>),
/// which no rule matches and Elasticsearch calls "Other". Any other user agent (browsers above all) would need the
/// whole of ua-parser's rule list: it gets no name rather than a wrong one (docs/semantics.md, "Raw CloudTrail").
/// </summary>
internal static class UserAgentParser
{
    public readonly record struct Parsed(string? Name, string? Version);

    // Java's regexes are ASCII for \d, \w and \b, as ECMAScript mode makes .NET's. A pathological user agent cannot
    // stall a scan: a rule that runs out of time counts as "cannot tell".
    private const RegexOptions Options = RegexOptions.ECMAScript;
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    private static readonly Lazy<(Regex Pattern, string? Family)[]> Leading = new(() =>
        Array.ConvertAll(UserAgentRules.Leading, r => (new Regex(r.Pattern, Options, Timeout), r.Family)));

    private static readonly Lazy<Regex[]> HostNameGuards = new(() =>
        Array.ConvertAll(UserAgentRules.LaterRulesMatchingHostNames, p => new Regex(p, Options, Timeout)));

    private static readonly Regex ServiceHostName = new("^[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.amazonaws\\.com$", RegexOptions.ECMAScript);

    // CloudTrail repeats a few user agents endlessly: remember the answers (Elasticsearch's processor caches too).
    private const int CacheSize = 1024;
    private static readonly ConcurrentDictionary<string, Parsed> Cache = new(StringComparer.Ordinal);

    public static Parsed Parse(string userAgent)
    {
        if (Cache.TryGetValue(userAgent, out Parsed known)) return known;
        Parsed parsed;
        try
        {
            parsed = ParseUncached(userAgent);
        }
        catch (RegexMatchTimeoutException)
        {
            parsed = default;
        }
        if (Cache.Count >= CacheSize) Cache.Clear();
        Cache.TryAdd(userAgent, parsed);
        return parsed;
    }

    private static Parsed ParseUncached(string userAgent)
    {
        foreach ((Regex pattern, string? family) in Leading.Value)
        {
            Match match = pattern.Match(userAgent);
            if (match.Success) return new Parsed(Family(match, family), Version(match));
        }
        if (ServiceHostName.IsMatch(userAgent))
        {
            foreach (Regex guard in HostNameGuards.Value)
            {
                if (guard.IsMatch(userAgent)) return default;
            }
            return new Parsed("Other", null);
        }
        return default;
    }

    /// <summary>The replacement (with $1 standing for group 1) or else group 1, as ua-parser's Java port does.</summary>
    private static string? Family(Match match, string? replacement)
    {
        string? first = match.Groups.Count > 1 && match.Groups[1].Success ? match.Groups[1].Value : null;
        if (replacement is null) return first;
        return replacement.Contains("$1", StringComparison.Ordinal) && first is not null ? replacement.Replace("$1", first, StringComparison.Ordinal) : replacement;
    }

    /// <summary>
    /// major[.minor[.patch[.build]]] from groups 2–5; a group that matched nothing ends the version (Elasticsearch
    /// 8.16.2 and later: before, an empty minor or patch left a trailing dot, "24.0.").
    /// </summary>
    private static string? Version(Match match)
    {
        var version = new StringBuilder();
        for (int group = 2; group <= 5 && group < match.Groups.Count; group++)
        {
            Group part = match.Groups[group];
            if (!part.Success || part.Length == 0) break;
            if (version.Length > 0) version.Append('.');
            version.Append(part.Value);
        }
        return version.Length == 0 ? null : version.ToString();
    }
}
