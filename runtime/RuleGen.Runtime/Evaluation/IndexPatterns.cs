using System;
using System.Text;

namespace RuleGen.Runtime;

/// <summary>
/// An ES|QL FROM's index patterns (<c>logs-aws.cloudtrail-*</c>, <c>filebeat-*</c>, <c>-logs-test-*</c> to exclude),
/// tested against the data stream an event says it is in: <c>{data_stream.type}-{data_stream.dataset}-{data_stream.namespace}</c>,
/// the name Elasticsearch's data stream naming scheme gives its backing indices' stream. An event that does not say
/// (a field missing) may be in any index and is kept: RuleGen reads files, not indices.
/// </summary>
public sealed class IndexPatterns
{
    private readonly WildcardPattern[] _include;
    private readonly WildcardPattern[] _exclude;

    public IndexPatterns(params string[] patterns)
    {
        _include = Array.ConvertAll(Array.FindAll(patterns, p => !p.StartsWith('-')), p => new WildcardPattern(Escape(p)));
        _exclude = Array.ConvertAll(Array.FindAll(patterns, p => p.StartsWith('-')), p => new WildcardPattern(Escape(p.Substring(1))));
    }

    /// <summary>TRUE when the event's data stream is one FROM reads, or unknown; FALSE when it is another.</summary>
    public Tri Holds(FieldValue type, FieldValue dataset, FieldValue @namespace)
    {
        if (type.Kind != ValueKind.String || dataset.Kind != ValueKind.String || @namespace.Kind != ValueKind.String) return Tri.True;
        byte[] name = Encoding.UTF8.GetBytes($"{Encoding.UTF8.GetString(type.Bytes)}-{Encoding.UTF8.GetString(dataset.Bytes)}-{Encoding.UTF8.GetString(@namespace.Bytes)}");
        bool included = false;
        foreach (WildcardPattern pattern in _include) included |= pattern.IsMatch(name);
        if (!included) return Tri.False;
        foreach (WildcardPattern pattern in _exclude)
        {
            if (pattern.IsMatch(name)) return Tri.False;
        }
        return Tri.True;
    }

    // Index patterns have only * as a wildcard: a ? or \ in a name is itself.
    private static string Escape(string pattern) => pattern.Replace("\\", "\\\\").Replace("?", "\\?");
}
