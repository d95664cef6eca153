using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace RuleGen.Runtime;

/// <summary>
/// Reads a kept column (its JSON as written in the event) as the type its field has in the schema, the way
/// Elasticsearch indexes it: numbers in strings are numbers and fractions are truncated for integer types (the
/// mapping's default <c>coerce</c>), numbers and booleans in keyword fields are their text, <c>"true"</c>,
/// <c>"false"</c> and <c>""</c> are booleans, dates are ISO 8601 (no zone: UTC) or epoch milliseconds. A value
/// Elasticsearch would refuse to index (a word in a long field, a number in an ip field, an object) is null, never
/// an exception; the event's own JSON stays in <see cref="RuleMatch.Column"/>. A single-valued property is null for
/// a multivalue (two values or more); a list property is null when any of its values is refused. Null elements are
/// dropped and nested arrays flattened, as Elasticsearch does. Called by the generated alert records.
/// </summary>
public static class AlertValues
{
    private delegate bool Reader<T>(JsonElement element, out T value);

    public static string? String(JsonElement? value) => One(value, out JsonElement e) && TryString(e, out string text) ? text : null;

    public static long? Long(JsonElement? value) => One(value, out JsonElement e) && TryLong(e, out long number) ? number : null;

    public static double? Double(JsonElement? value) => One(value, out JsonElement e) && TryDouble(e, out double number) ? number : null;

    public static bool? Boolean(JsonElement? value) => One(value, out JsonElement e) && TryBoolean(e, out bool flag) ? flag : null;

    public static IPAddress? Ip(JsonElement? value) => One(value, out JsonElement e) && TryIp(e, out IPAddress address) ? address : null;

    public static DateTimeOffset? Date(JsonElement? value) => One(value, out JsonElement e) && TryDate(e, out DateTimeOffset time) ? time : null;

    public static IReadOnlyList<string>? Strings(JsonElement? value) => Many<string>(value, TryString);

    /// <summary>
    /// A column's scalar values as terms, as a terms aggregation buckets them (threshold groups): strings as they are,
    /// numbers by their text, booleans as "true"/"false"; arrays flattened; null and objects are no term.
    /// </summary>
    internal static IReadOnlyList<string> Terms(JsonElement? value)
    {
        if (value is not JsonElement element) return System.Array.Empty<string>();
        var terms = new List<string>();
        foreach (JsonElement item in Values(element))
        {
            if (TryString(item, out string term)) terms.Add(term);
        }
        return terms;
    }

    public static IReadOnlyList<long>? Longs(JsonElement? value) => Many<long>(value, TryLong);

    public static IReadOnlyList<double>? Doubles(JsonElement? value) => Many<double>(value, TryDouble);

    public static IReadOnlyList<bool>? Booleans(JsonElement? value) => Many<bool>(value, TryBoolean);

    public static IReadOnlyList<IPAddress>? Ips(JsonElement? value) => Many<IPAddress>(value, TryIp);

    public static IReadOnlyList<DateTimeOffset>? Dates(JsonElement? value) => Many<DateTimeOffset>(value, TryDate);

    /// <summary>The one value of a column: false when it has none (absent, null, [], [null]) or several.</summary>
    private static bool One(JsonElement? value, out JsonElement one)
    {
        one = default;
        int count = 0;
        if (value is JsonElement element)
        {
            foreach (JsonElement item in Values(element))
            {
                if (++count > 1) return false;
                one = item;
            }
        }
        return count == 1;
    }

    private static IReadOnlyList<T>? Many<T>(JsonElement? value, Reader<T> read)
    {
        if (value is not JsonElement element) return null;
        var list = new List<T>();
        foreach (JsonElement item in Values(element))
        {
            if (!read(item, out T converted)) return null;
            list.Add(converted);
        }
        return list.Count == 0 ? null : list;
    }

    /// <summary>The values of a column: arrays flattened (iteratively: nesting comes from the event), nulls dropped.</summary>
    private static IEnumerable<JsonElement> Values(JsonElement element)
    {
        var pending = new Stack<JsonElement>();
        pending.Push(element);
        while (pending.Count > 0)
        {
            JsonElement current = pending.Pop();
            if (current.ValueKind == JsonValueKind.Null) continue;
            if (current.ValueKind != JsonValueKind.Array)
            {
                yield return current.ValueKind == JsonValueKind.String ? Decodable(current) : current;
                continue;
            }
            // Pushed in reverse so that values come out in document order.
            int length = current.GetArrayLength();
            for (int i = length - 1; i >= 0; i--) pending.Push(current[i]);
        }
    }

    /// <summary>
    /// The string with every lone surrogate escape (<c>"\ud800"</c>) read as U+FFFD, as the scanner and Elasticsearch
    /// read it (docs/semantics.md, "Invalid text"): System.Text.Json refuses to decode one.
    /// </summary>
    private static JsonElement Decodable(JsonElement text)
    {
        string raw = text.GetRawText();
        if (raw.IndexOf('\\') < 0) return text;
        byte[] bytes = System.Text.Encoding.UTF8.GetBytes(raw);
        byte[] replaced = new byte[bytes.Length];
        if (!JsonText.ReplaceLoneSurrogates(bytes, replaced)) return text;
        using JsonDocument document = JsonDocument.Parse(replaced);
        return document.RootElement.Clone();
    }

    // keyword, text, …: a string as it is; a number by its text as written; a boolean as "true" / "false".
    private static bool TryString(JsonElement e, out string value)
    {
        value = e.ValueKind switch
        {
            JsonValueKind.String => e.GetString()!,
            JsonValueKind.Number => e.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null!,
        };
        return value is not null;
    }

    // long, integer, short, byte: an integer; a fraction truncated; a string holding a number (coerce). Out of range:
    // refused (Elasticsearch's "out of range" error), as is a boolean.
    private static bool TryLong(JsonElement e, out long value)
    {
        value = 0;
        string? text;
        if (e.ValueKind == JsonValueKind.Number)
        {
            if (e.TryGetInt64(out value)) return true;
            text = e.GetRawText();
        }
        else if (e.ValueKind == JsonValueKind.String)
        {
            text = e.GetString();
        }
        else
        {
            return false;
        }
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out decimal number))
        {
            return false;
        }
        decimal whole = decimal.Truncate(number);
        if (whole < long.MinValue || whole > long.MaxValue) return false;
        value = (long)whole;
        return true;
    }

    // double, float, half_float, scaled_float: a number, or a string holding one; never NaN or infinite (refused).
    private static bool TryDouble(JsonElement e, out double value)
    {
        value = 0;
        bool parsed = e.ValueKind switch
        {
            JsonValueKind.Number => e.TryGetDouble(out value),
            JsonValueKind.String => double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
        return parsed && double.IsFinite(value);
    }

    // boolean: true, false, "true", "false", and "" (false); anything else is refused.
    private static bool TryBoolean(JsonElement e, out bool value)
    {
        value = e.ValueKind == JsonValueKind.True || e.ValueKind == JsonValueKind.String && e.ValueEquals("true");
        return e.ValueKind is JsonValueKind.True or JsonValueKind.False
            || e.ValueKind == JsonValueKind.String && (e.ValueEquals("true") || e.ValueEquals("false") || e.ValueEquals(""));
    }

    // ip: IPv4 in four dotted parts or IPv6 (an IPv4-mapped one is its IPv4 address, as Elasticsearch stores it).
    // IPAddress.TryParse also takes "1" or "10.1" (inet_aton forms), which an ip field refuses.
    private static bool TryIp(JsonElement e, out IPAddress value)
    {
        value = null!;
        if (e.ValueKind != JsonValueKind.String) return false;
        string text = e.GetString()!;
        if (text.IndexOf(':') < 0 && text.AsSpan().Count('.') != 3) return false;
        if (!IPAddress.TryParse(text, out IPAddress? address)) return false;
        value = address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return true;
    }

    // date: the default format strict_date_optional_time||epoch_millis. ISO 8601 with or without a time; no zone is
    // UTC; read as UTC. Epoch milliseconds as a number or as a string of digits, a fraction kept to the tick.
    private static bool TryDate(JsonElement e, out DateTimeOffset value)
    {
        value = default;
        if (e.ValueKind == JsonValueKind.Number) return TryEpochMillis(e.GetRawText(), out value);
        if (e.ValueKind != JsonValueKind.String) return false;
        string text = e.GetString()!;
        if (text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] == '-') && text.AsSpan(1).IndexOfAnyExcept("0123456789.") < 0)
        {
            return TryEpochMillis(text, out value);
        }
        if (text.Length < 10 || text[4] != '-' || text[7] != '-') return false;
        if (HasZone(text))
        {
            if (!e.TryGetDateTimeOffset(out value)) return false;
            value = value.ToUniversalTime();
            return true;
        }
        if (!e.TryGetDateTime(out DateTime time)) return false;
        value = new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
        return true;
    }

    /// <summary>Whether an ISO 8601 text names its zone: Z or an offset after the time.</summary>
    private static bool HasZone(string text)
    {
        int t = text.IndexOfAny(['T', 't'], 10);
        return t >= 0 && (text.EndsWith('Z') || text.EndsWith('z') || text.IndexOfAny(['+', '-'], t) >= 0);
    }

    private static bool TryEpochMillis(string text, out DateTimeOffset value)
    {
        value = default;
        const decimal Min = -62135596800000m, Max = 253402300799999m;
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out decimal millis)
            || millis < Min || millis > Max)
        {
            return false;
        }
        value = DateTimeOffset.UnixEpoch.AddTicks((long)decimal.Truncate(millis * TimeSpan.TicksPerMillisecond));
        return true;
    }
}
