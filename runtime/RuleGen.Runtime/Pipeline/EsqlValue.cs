using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace RuleGen.Runtime.Pipeline;

/// <summary>
/// ES|QL's data types, as far as a rule can produce them (docs/esql-pipeline.md). <c>text</c> reads as
/// <see cref="Keyword"/>: every ES|QL function treats both as strings and returns keyword. The generator has the same
/// list (Languages/Esql/Types/EsqlDataType.cs) and checks every expression's type at build time.
/// </summary>
public enum EsqlType : byte
{
    /// <summary>The type of the literal NULL (and of a column no document has).</summary>
    Null,
    Boolean,
    Integer,
    Long,
    Double,
    Keyword,
    /// <summary>Milliseconds since the epoch, UTC.</summary>
    Datetime,
    /// <summary>An IPv4 or IPv6 address, held as its canonical text (IPv4 dotted, IPv6 RFC 5952).</summary>
    Ip,
    Version,
    /// <summary><c>1 hour</c>, <c>30 minutes</c>: milliseconds (only as literals and in date arithmetic).</summary>
    TimeDuration,
    /// <summary><c>7 days</c>, <c>1 month</c>: calendar months and days (only as literals and in date arithmetic).</summary>
    DatePeriod,

    /// <summary>
    /// Only as an input column's type: a field no schema knows, read as the JSON it holds (a whole number is a long, a
    /// fraction a double, a string a keyword, a boolean a boolean). No value has this type.
    /// </summary>
    Dynamic,
}

/// <summary>
/// One ES|QL value of one row: NULL, a single value, or a multivalue (two or more values of one type, in the order
/// the document or the function gave them). Owned (no pointers into the event), so rows outlive their event and can
/// wait for a tick. NULL is <c>default</c>: a multivalue is never empty and never holds NULL, as in ES|QL, where a
/// multivalued field's null elements are dropped and an empty one is NULL.
/// </summary>
public readonly struct EsqlValue : IEquatable<EsqlValue>
{
    // Boolean (0/1), Integer, Long, Datetime, TimeDuration: the number; DatePeriod: months << 32 | (uint)days.
    private readonly long _bits;
    private readonly double _double;
    // Keyword, Ip, Version: the string; a multivalue: its EsqlValue[] (2+ single values of Type).
    private readonly object? _ref;

    private EsqlValue(EsqlType type, long bits, double number, object? reference)
    {
        Type = type;
        _bits = bits;
        _double = number;
        _ref = reference;
    }

    /// <summary>The value's type; <see cref="EsqlType.Null"/> only for a NULL of unknown type (see <see cref="IsNull"/>).</summary>
    public EsqlType Type { get; }

    /// <summary>NULL: a missing field, JSON null, an empty array, or a function's NULL.</summary>
    public bool IsNull => Type == EsqlType.Null;

    public bool IsMulti => _ref is EsqlValue[];

    /// <summary>A single (non-NULL, not multivalued) value.</summary>
    public bool IsSingle => !IsNull && !IsMulti;

    /// <summary>How many values: 0 for NULL, 1 for a single value, 2 or more for a multivalue.</summary>
    public int Count => IsNull ? 0 : _ref is EsqlValue[] values ? values.Length : 1;

    public static EsqlValue Null => default;

    public static EsqlValue Boolean(bool value) => new(EsqlType.Boolean, value ? 1 : 0, 0, null);

    public static readonly EsqlValue True = Boolean(true);

    public static readonly EsqlValue False = Boolean(false);

    public static EsqlValue Integer(int value) => new(EsqlType.Integer, value, 0, null);

    public static EsqlValue Long(long value) => new(EsqlType.Long, value, 0, null);

    /// <summary>A double; NaN and infinities are NULL (ES|QL makes them NULL with a warning).</summary>
    public static EsqlValue Double(double value) => double.IsNaN(value) || double.IsInfinity(value) ? Null : new(EsqlType.Double, 0, value, null);

    public static EsqlValue Keyword(string? value) => value is null ? Null : new(EsqlType.Keyword, 0, 0, value);

    public static EsqlValue Datetime(long epochMillis) => new(EsqlType.Datetime, epochMillis, 0, null);

    /// <summary>An IP from any text form; NULL when it is not an address. Held canonical, so equal addresses are equal values.</summary>
    public static EsqlValue Ip(string? text) => text is not null && IpText.TryCanonical(text, out string canonical) ? new(EsqlType.Ip, 0, 0, canonical) : Null;

    public static EsqlValue Version(string? text) => text is null ? Null : new(EsqlType.Version, 0, 0, text);

    public static EsqlValue TimeDuration(long millis) => new(EsqlType.TimeDuration, millis, 0, null);

    public static EsqlValue DatePeriod(int months, int days) => new(EsqlType.DatePeriod, ((long)months << 32) | (uint)days, 0, null);

    /// <summary>
    /// The values as one value: NULL elements are dropped, none left is NULL, one is that value, more is a multivalue
    /// (nested multivalues are flattened). Every element must have <paramref name="type"/> (or be NULL).
    /// </summary>
    public static EsqlValue Multi(EsqlType type, IEnumerable<EsqlValue> values)
    {
        var list = new List<EsqlValue>();
        foreach (EsqlValue value in values)
        {
            if (value.IsNull) continue;
            if (value._ref is EsqlValue[] inner) list.AddRange(inner);
            else list.Add(value);
        }
        if (list.Count == 0) return Null;
        if (list.Count == 1) return list[0];
        return new EsqlValue(type, 0, 0, list.ToArray());
    }

    /// <summary>The single values, in order: none for NULL, itself for a single value.</summary>
    public ValueList Values => new(this);

    /// <summary>
    /// The single values of a value, without allocating for a single one (aggregates call this once per row and tick):
    /// a foreach-able list with a length, an indexer and ToArray.
    /// </summary>
    public readonly struct ValueList
    {
        private readonly EsqlValue _value;

        internal ValueList(EsqlValue value) => _value = value;

        public int Length => _value.Count;

        public EsqlValue this[int index] => _value[index];

        public EsqlValue[] ToArray()
        {
            if (_value._ref is EsqlValue[] values) return (EsqlValue[])values.Clone();
            return _value.IsNull ? Array.Empty<EsqlValue>() : new[] { _value };
        }

        public Enumerator GetEnumerator() => new(_value);

        public struct Enumerator
        {
            private readonly EsqlValue _value;
            private readonly EsqlValue[]? _values;
            private readonly int _count;
            private int _index;

            internal Enumerator(EsqlValue value)
            {
                _value = value;
                _values = value._ref as EsqlValue[];
                _count = value.Count;
                _index = -1;
            }

            public bool MoveNext() => ++_index < _count;

            public readonly EsqlValue Current => _values is null ? _value : _values[_index];
        }
    }

    /// <summary>The i-th value (0 for a single value).</summary>
    public EsqlValue this[int index] => _ref is EsqlValue[] values ? values[index] : index == 0 && !IsNull ? this : throw new ArgumentOutOfRangeException(nameof(index));

    // ----- single-value accessors (the caller has checked Type and IsSingle) -----

    public bool AsBoolean => _bits != 0;

    /// <summary>Integer, Long, Datetime or TimeDuration as a long; a Double truncated.</summary>
    public long AsLong => Type == EsqlType.Double ? (long)_double : _bits;

    /// <summary>Any numeric type as a double.</summary>
    public double AsDouble => Type == EsqlType.Double ? _double : _bits;

    /// <summary>
    /// Keyword, Ip or Version text. Any other single value gives its text (<see cref="ToString"/>): only a field no
    /// schema types (Dynamic) reaches a string function with a number or a boolean, and a keyword mapping would have
    /// indexed that JSON value as its text; throwing here dropped the whole event (review, issue 11).
    /// </summary>
    public string AsString => _ref as string ?? ToString();

    public int PeriodMonths => (int)(_bits >> 32);

    public int PeriodDays => (int)(uint)_bits;

    public bool IsNumeric => Type is EsqlType.Integer or EsqlType.Long or EsqlType.Double;

    // ----- equality (grouping, IN, VALUES, MV_DEDUPE) -----

    /// <summary>Same type and same value(s), in order; numbers of different types are equal when their values are (1 == 1.0).</summary>
    public bool Equals(EsqlValue other)
    {
        if (_ref is EsqlValue[] a)
        {
            if (other._ref is not EsqlValue[] b || a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
            {
                if (!a[i].Equals(b[i])) return false;
            }
            return true;
        }
        if (other._ref is EsqlValue[]) return false;
        if (IsNumeric && other.IsNumeric)
        {
            return Type == EsqlType.Double || other.Type == EsqlType.Double ? AsDouble == other.AsDouble : _bits == other._bits;
        }
        if (Type != other.Type) return false;
        return _ref is string s ? string.Equals(s, (string?)other._ref, StringComparison.Ordinal) : _bits == other._bits;
    }

    public override bool Equals(object? obj) => obj is EsqlValue other && Equals(other);

    public override int GetHashCode()
    {
        if (_ref is EsqlValue[] values)
        {
            var hash = new HashCode();
            foreach (EsqlValue value in values) hash.Add(value.GetHashCode());
            return hash.ToHashCode();
        }
        if (IsNumeric) return AsDouble.GetHashCode();
        return _ref is string s ? HashCode.Combine(Type, StringComparer.Ordinal.GetHashCode(s)) : HashCode.Combine(Type, _bits);
    }

    public static bool operator ==(EsqlValue left, EsqlValue right) => left.Equals(right);

    public static bool operator !=(EsqlValue left, EsqlValue right) => !left.Equals(right);

    /// <summary>
    /// The order of two single values of comparable types (numbers with numbers, else the same type): numbers by
    /// value, keywords and versions by their UTF-8 bytes (Lucene's BytesRef order), IPs by address bytes, dates by
    /// time, false before true. Callers handle NULL and multivalues first.
    /// </summary>
    public static int CompareSingles(EsqlValue a, EsqlValue b)
    {
        if (a.IsNumeric && b.IsNumeric)
        {
            return a.Type == EsqlType.Double || b.Type == EsqlType.Double ? a.AsDouble.CompareTo(b.AsDouble) : a._bits.CompareTo(b._bits);
        }
        // Values of a Dynamic column (a field no schema types) can differ in type from event to event: order them by
        // type so SORT and MV_SORT stay a total order instead of reading a string that is not there (review, issue 11).
        if (a.Type != b.Type) return ((byte)a.Type).CompareTo((byte)b.Type);
        return a.Type switch
        {
            EsqlType.Keyword => Utf8Order.Compare((string)a._ref!, (string)b._ref!),
            EsqlType.Version => VersionOrder.Compare((string)a._ref!, (string)b._ref!),
            EsqlType.Ip => IpText.Compare((string)a._ref!, (string)b._ref!),
            _ => a._bits.CompareTo(b._bits),
        };
    }

    // ----- text and JSON -----

    /// <summary>The value as TO_STRING writes it (a multivalue: each value, comma separated in brackets, for messages).</summary>
    public override string ToString()
    {
        if (IsNull) return "null";
        if (_ref is EsqlValue[] values)
        {
            var text = new StringBuilder("[");
            for (int i = 0; i < values.Length; i++) text.Append(i == 0 ? "" : ", ").Append(values[i]);
            return text.Append(']').ToString();
        }
        return Type switch
        {
            EsqlType.Boolean => AsBoolean ? "true" : "false",
            EsqlType.Integer or EsqlType.Long => _bits.ToString(CultureInfo.InvariantCulture),
            EsqlType.Double => FormatDouble(_double),
            EsqlType.Datetime => Windows.EventTime.Iso(_bits),
            EsqlType.TimeDuration => _bits.ToString(CultureInfo.InvariantCulture) + " milliseconds",
            EsqlType.DatePeriod => $"{PeriodMonths} months {PeriodDays} days",
            _ => (string)_ref!,
        };
    }

    /// <summary>A double as Java's Double.toString writes it where it matters for rules: 1.0 not 1, no exponent below 10^7.</summary>
    public static string FormatDouble(double value)
    {
        if (value == Math.Floor(value) && Math.Abs(value) < 1e7) return value.ToString("0.0", CultureInfo.InvariantCulture);
        return value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Writes the value as an alert column: NULL as null, a multivalue as an array, dates as ISO-8601 text.</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        if (IsNull)
        {
            writer.WriteNullValue();
            return;
        }
        if (_ref is EsqlValue[] values)
        {
            writer.WriteStartArray();
            foreach (EsqlValue value in values) value.WriteJson(writer);
            writer.WriteEndArray();
            return;
        }
        switch (Type)
        {
            case EsqlType.Boolean:
                writer.WriteBooleanValue(AsBoolean);
                break;
            case EsqlType.Integer:
            case EsqlType.Long:
                writer.WriteNumberValue(_bits);
                break;
            case EsqlType.Double:
                writer.WriteRawValue(FormatDouble(_double), skipInputValidation: true);
                break;
            default:
                writer.WriteStringValue(ToString());
                break;
        }
    }

    /// <summary>The value as JSON text (<see cref="WriteJson"/>).</summary>
    public string ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer)) WriteJson(writer);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
