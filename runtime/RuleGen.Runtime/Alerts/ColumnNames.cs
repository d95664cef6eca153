using System.Collections.Concurrent;
using System.Threading;

namespace RuleGen.Runtime;

/// <summary>
/// One string per kept column name and per short value. A wildcard KEEP (<c>*</c>: new_terms and query alerts copy the
/// whole event) names its columns from each event's own fields, a fresh string per event, and most values repeat from
/// event to event (<c>"success"</c>, a provider, a region, an account); a stateful rule holds its hits' columns until
/// their windows have run, and those strings were most of that memory (docs/performance.md, "Stateful rules").
/// </summary>
internal static class ColumnNames
{
    private static readonly SharedStrings Names = new(int.MaxValue);

    // Long values (ids, messages) are rarely repeated and not worth a lookup.
    private static readonly SharedStrings Values = new(64);

    public static string Shared(string name) => Names.Get(name);

    public static string SharedValue(string rawJson) => Values.Get(rawJson);

    /// <summary>
    /// A bounded pool: past 65,536 entries a string is simply not shared, so hostile events with ever new names or
    /// values cannot grow it without end.
    /// </summary>
    private sealed class SharedStrings
    {
        private const int MaxEntries = 65_536;
        private readonly ConcurrentDictionary<string, string> _strings = new(System.StringComparer.Ordinal);
        private readonly int _maxLength;
        private int _count;

        public SharedStrings(int maxLength) => _maxLength = maxLength;

        public string Get(string text)
        {
            if (text.Length > _maxLength) return text;
            if (_strings.TryGetValue(text, out string? shared)) return shared;
            // Counted apart: ConcurrentDictionary.Count takes every lock of the table.
            if (Volatile.Read(ref _count) >= MaxEntries) return text;
            if (_strings.TryAdd(text, text)) Interlocked.Increment(ref _count);
            return _strings.TryGetValue(text, out shared) ? shared : text;
        }
    }
}
