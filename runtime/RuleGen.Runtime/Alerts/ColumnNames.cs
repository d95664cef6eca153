using System.Collections.Concurrent;
using System.Threading;

namespace RuleGen.Runtime;

/// <summary>
/// One string per kept column name (and per short value). A wildcard KEEP (<c>*</c>: new_terms and query alerts copy the whole event) names
/// its columns from each event's own fields, a fresh string per event; a stateful rule holds its hits' columns until
/// their windows have run, and the names were a large part of that memory. Bounded, so hostile events with ever new
/// field names cannot grow it without end: past the bound a name is simply not shared.
/// </summary>
internal static class ColumnNames
{
    private const int MaxNames = 65_536;
    private static readonly ConcurrentDictionary<string, string> Names = new(System.StringComparer.Ordinal);
    private static int s_names;
    private static int s_values;

    private const int MaxValues = 65_536;
    private const int MaxValueLength = 64;
    private static readonly ConcurrentDictionary<string, string> Values = new(System.StringComparer.Ordinal);

    public static string Shared(string name)
    {
        if (Names.TryGetValue(name, out string? shared)) return shared;
        // Counted apart: ConcurrentDictionary.Count takes every lock of the table.
        if (Volatile.Read(ref s_names) >= MaxNames) return name;
        if (Names.TryAdd(name, name)) Interlocked.Increment(ref s_names);
        return Names.TryGetValue(name, out shared) ? shared : name;
    }

    /// <summary>
    /// A short value's JSON text, shared the same way: most of an event's values repeat from event to event
    /// (<c>"success"</c>, a provider, a region, an account). Long values (ids, messages) are not worth a lookup.
    /// </summary>
    public static string SharedValue(string rawJson)
    {
        if (rawJson.Length > MaxValueLength) return rawJson;
        if (Values.TryGetValue(rawJson, out string? shared)) return shared;
        if (Volatile.Read(ref s_values) >= MaxValues) return rawJson;
        if (Values.TryAdd(rawJson, rawJson)) Interlocked.Increment(ref s_values);
        return Values.TryGetValue(rawJson, out shared) ? shared : rawJson;
    }
}
