using System;
using System.Buffers.Text;

namespace RuleGen.Runtime;

/// <summary>
/// What the query DSL sees of a field (KQL, and any language translated to it): each function keeps some of a
/// field's values and drops the others, so the leaf above it still reads "any value" and "missing is FALSE" as
/// usual. No allocation: a value that loses nothing is returned as it is, one that keeps a single element points at
/// it, and only a multivalue that keeps two or more of its elements is copied into the event's scratch arena.
/// </summary>
public static partial class Functions
{
    /// <summary>
    /// The values of a keyword field that Elasticsearch indexes: a string longer than the mapping's
    /// <c>ignore_above</c> (<paramref name="limit"/> characters, counted in UTF-16 units as Java counts them) stays in
    /// the document's <c>_source</c> but is not indexed, so no term, wildcard, range or exists query sees it.
    /// Numbers and booleans count by their text, as a keyword field indexes them.
    /// </summary>
    public static FieldValue IgnoreAbove(EventView e, FieldValue value, FieldValue limit)
    {
        if (!Utf8Parser.TryParse(limit.Bytes, out int max, out _)) return value;
        return Keep(e, value, Filter.IgnoreAbove, max, 0);
    }

    /// <summary>
    /// The values of a date field that lie in [<paramref name="from"/>, <paramref name="to"/>] (epoch milliseconds,
    /// bounds included): a date range of the query DSL holds when one value is in the range. Values are read as a
    /// date field with Elasticsearch's default format reads them (<see cref="DateValues"/>); one that is no date is
    /// not in any range.
    /// </summary>
    public static FieldValue DatesWithin(EventView e, FieldValue value, FieldValue from, FieldValue to)
    {
        if (!Utf8Parser.TryParse(from.Bytes, out long low, out _) || !Utf8Parser.TryParse(to.Bytes, out long high, out _)) return default;
        return Keep(e, value, Filter.DateWithin, low, high);
    }

    private enum Filter { IgnoreAbove, DateWithin }

    private static bool Holds(FieldValue element, Filter test, long a, long b)
    {
        if (!element.IsScalar) return test == Filter.IgnoreAbove;
        switch (test)
        {
            case Filter.IgnoreAbove:
                return element.Bytes.Length <= a || Utf16Length(element.Bytes) <= a;
            default:
                return element.Kind is ValueKind.String or ValueKind.Number
                    && DateValues.TryParseMillis(element.Bytes, out long millis) && millis >= a && millis <= b;
        }
    }

    private static FieldValue Keep(EventView e, FieldValue value, Filter test, long a, long b)
    {
        if (value.Kind == ValueKind.Null) return value;
        if (value.Kind != ValueKind.Multi) return Holds(value, test, a, b) ? value : default;
        int kept = 0, dropped = 0;
        FieldValue first = default;
        foreach (FieldValue element in value.GetElements())
        {
            if (!Holds(element, test, a, b))
            {
                dropped++;
                continue;
            }
            if (kept++ == 0) first = element;
        }
        if (dropped == 0) return value;
        if (kept <= 1) return first;
        ByteArena scratch = e.Scratch;
        int start = scratch.Length;
        foreach (FieldValue element in value.GetElements())
        {
            if (Holds(element, test, a, b)) scratch.AppendElement(element.Kind, element.Bytes);
        }
        return new FieldValue(ValueKind.Multi, scratch.Slice(start, scratch.Length - start), kept);
    }

    /// <summary>The length of UTF-8 text in UTF-16 units: one per character, two for those beyond the BMP.</summary>
    internal static int Utf16Length(ReadOnlySpan<byte> utf8)
    {
        int length = 0;
        foreach (byte b in utf8)
        {
            if ((b & 0xC0) != 0x80) length++;
            if (b >= 0xF0) length++;
        }
        return length;
    }
}
