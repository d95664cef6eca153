using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace RuleGen.Runtime;

/// <summary>
/// EQL's value functions (Elasticsearch x-pack/plugin/eql, EqlFunctionRegistry and the *FunctionProcessor classes),
/// as Elasticsearch's scripts evaluate them: NULL in gives NULL out (a missing field is NULL), string positions and
/// lengths count UTF-16 units as Java does, numbers are long unless a side is a double, integer division truncates.
/// Where Elasticsearch would fail the whole search (a division by zero, a long overflow, number("x")), the value is
/// NULL here, so the leaf is FALSE and the scan goes on.
/// <para>
/// Multivalued inputs: Elasticsearch rewrites an EQL script to run once per value of each field it reads
/// (QueryTranslator.toQuery → Scripts.multiValueDocValuesRewrite, InternalEqlScriptUtils.multiValueDocValues) and
/// keeps the event when any combination holds. A function here therefore maps over every value (over every pair for
/// two multivalued arguments) and returns the results as a multivalue, leaving out NULL results; the any-value leaf
/// over it then holds when any combination does, as in Elasticsearch.
/// </para>
/// </summary>
public static partial class Functions
{
    private delegate FieldValue Scalar1(ByteArena scratch, FieldValue a);

    private delegate FieldValue Scalar2(ByteArena scratch, FieldValue a, FieldValue b);

    private delegate FieldValue Scalar3(ByteArena scratch, FieldValue a, FieldValue b, FieldValue c);

    // ----- string functions -----

    /// <summary>length(s): the number of UTF-16 units (Java's String.length()).</summary>
    public static FieldValue Length(EventView e, FieldValue value) => Map(e, value, static (s, v) =>
        v.Kind != ValueKind.String ? default : Integer(s, Ascii.IsValid(v.Bytes) ? v.Bytes.Length : Decode(v).Length));

    /// <summary>substring(s, start): from start (negative counts from the end) to the end, as Python slices.</summary>
    public static FieldValue Substring(EventView e, FieldValue value, FieldValue start) => Map(e, value, start, static (s, v, a) =>
        v.Kind != ValueKind.String || !TryInteger(a, out long from) ? default : Slice(s, v, from, null));

    /// <summary>substring(s, start, end): Python's s[start:end] (EQL StringUtils.substringSlice).</summary>
    public static FieldValue Substring(EventView e, FieldValue value, FieldValue start, FieldValue end) => Map(e, value, start, end, static (s, v, a, b) =>
        v.Kind != ValueKind.String || !TryInteger(a, out long from) || !TryInteger(b, out long to) ? default : Slice(s, v, from, to));

    public static FieldValue IndexOf(EventView e, FieldValue value, FieldValue part) => Map(e, value, part, static (s, v, p) => Find(s, v, p, 0, ignoreCase: false));

    public static FieldValue IndexOf(EventView e, FieldValue value, FieldValue part, FieldValue start) => Map(e, value, part, start, static (s, v, p, a) =>
        TryInteger(a, out long from) ? Find(s, v, p, from, ignoreCase: false) : default);

    /// <summary>indexOf~(s, part): the first position ignoring case, NULL when absent.</summary>
    public static FieldValue IndexOfIgnoreCase(EventView e, FieldValue value, FieldValue part) => Map(e, value, part, static (s, v, p) => Find(s, v, p, 0, ignoreCase: true));

    public static FieldValue IndexOfIgnoreCase(EventView e, FieldValue value, FieldValue part, FieldValue start) => Map(e, value, part, start, static (s, v, p, a) =>
        TryInteger(a, out long from) ? Find(s, v, p, from, ignoreCase: true) : default);

    /// <summary>between(s, left, right, greedy): the text after the first left and before the next (greedy: the last) right; "" when either is absent.</summary>
    public static FieldValue Between(EventView e, FieldValue value, FieldValue left, FieldValue right, FieldValue greedy) =>
        BetweenCore(e, value, left, right, greedy.Kind == ValueKind.True, ignoreCase: false);

    public static FieldValue BetweenIgnoreCase(EventView e, FieldValue value, FieldValue left, FieldValue right, FieldValue greedy) =>
        BetweenCore(e, value, left, right, greedy.Kind == ValueKind.True, ignoreCase: true);

    private static FieldValue BetweenCore(EventView e, FieldValue value, FieldValue left, FieldValue right, bool greedy, bool ignoreCase)
    {
        if (!left.IsScalar || !right.IsScalar) return default;
        string l = Decode(left), r = Decode(right);
        if (ignoreCase)
        {
            l = l.ToUpperInvariant();
            r = r.ToUpperInvariant();
        }
        // The bounds are constants: one closure per call would allocate, so the common single value runs inline.
        if (value.Kind == ValueKind.String) return BetweenScalar(e.Scratch, value, l, r, greedy, ignoreCase);
        if (value.Kind != ValueKind.Multi) return default;
        var results = new Results();
        foreach (FieldValue v in value.GetElements())
        {
            if (v.Kind == ValueKind.String) results.Add(BetweenScalar(e.Scratch, v, l, r, greedy, ignoreCase));
        }
        return results.Finish(e.Scratch);
    }

    private static FieldValue BetweenScalar(ByteArena scratch, FieldValue value, string left, string right, bool greedy, bool ignoreCase)
    {
        string text = Decode(value);
        string match = ignoreCase ? text.ToUpperInvariant() : text;
        if (match.Length != text.Length) match = text; // a case mapping that changes lengths would misplace the cut
        int at = match.IndexOf(left, StringComparison.Ordinal);
        if (at < 0) return Text(scratch, string.Empty);
        int start = at + left.Length;
        int end = greedy ? match.LastIndexOf(right, StringComparison.Ordinal) : match.IndexOf(right, start, StringComparison.Ordinal);
        if (end < start) return Text(scratch, string.Empty);
        return Text(scratch, text.Substring(start, end - start));
    }

    /// <summary>concat(a, b): both as text (numbers as written, booleans as true/false); NULL when either is NULL.</summary>
    public static FieldValue Concat(EventView e, FieldValue left, FieldValue right) => Map(e, left, right, static (s, a, b) =>
    {
        Span<byte> target = s.Reserve(a.Bytes.Length + b.Bytes.Length);
        a.Bytes.CopyTo(target);
        b.Bytes.CopyTo(target.Slice(a.Bytes.Length));
        return FieldValue.String(target);
    });

    /// <summary>string(v): the value as text.</summary>
    public static FieldValue StringOf(EventView e, FieldValue value) => Map(e, value, static (s, v) => FieldValue.String(v.Bytes));

    /// <summary>startsWith as a value (true/false), where a query needs it as one: string(startsWith(…)).</summary>
    public static FieldValue StartsWith(EventView e, FieldValue value, FieldValue part) => Map(e, value, part, static (s, v, p) => Test(v, p, SubstringPlace.Start, false));

    public static FieldValue StartsWithIgnoreCase(EventView e, FieldValue value, FieldValue part) => Map(e, value, part, static (s, v, p) => Test(v, p, SubstringPlace.Start, true));

    public static FieldValue EndsWith(EventView e, FieldValue value, FieldValue part) => Map(e, value, part, static (s, v, p) => Test(v, p, SubstringPlace.End, false));

    public static FieldValue EndsWithIgnoreCase(EventView e, FieldValue value, FieldValue part) => Map(e, value, part, static (s, v, p) => Test(v, p, SubstringPlace.End, true));

    public static FieldValue StringContains(EventView e, FieldValue value, FieldValue part) => Map(e, value, part, static (s, v, p) => Test(v, p, SubstringPlace.Anywhere, false));

    public static FieldValue StringContainsIgnoreCase(EventView e, FieldValue value, FieldValue part) => Map(e, value, part, static (s, v, p) => Test(v, p, SubstringPlace.Anywhere, true));

    /// <summary>cidrMatch as a value; <paramref name="blocks"/> is the blocks joined with commas (rare: parsed per call).</summary>
    public static FieldValue CidrMatch(EventView e, FieldValue value, FieldValue blocks)
    {
        if (!blocks.IsScalar) return default;
        var set = new CidrSet(Decode(blocks).Split(','));
        var results = new Results();
        foreach (FieldValue v in value.GetElements())
        {
            if (v.IsScalar && set.TryMatch(v.Bytes, out bool match)) results.Add(FieldValue.Boolean(match));
        }
        return results.Finish(e.Scratch);
    }

    // ----- numbers -----

    /// <summary>number(s): a long, or a double when it is not a whole number; "0x…" reads as hexadecimal.</summary>
    public static FieldValue ToNumber(EventView e, FieldValue value) => Map(e, value, static (s, v) => ParseNumber(s, v, null));

    /// <summary>number(s, base): s read in base 2..36 (a "0x" prefix is skipped in base 16).</summary>
    public static FieldValue ToNumber(EventView e, FieldValue value, FieldValue radix) => Map(e, value, radix, static (s, v, b) =>
        TryInteger(b, out long r) ? ParseNumber(s, v, r) : default);

    public static FieldValue Add(EventView e, FieldValue left, FieldValue right) => Map(e, left, right, static (s, a, b) => Arithmetic(s, a, b, '+'));

    public static FieldValue Subtract(EventView e, FieldValue left, FieldValue right) => Map(e, left, right, static (s, a, b) => Arithmetic(s, a, b, '-'));

    public static FieldValue Multiply(EventView e, FieldValue left, FieldValue right) => Map(e, left, right, static (s, a, b) => Arithmetic(s, a, b, '*'));

    /// <summary>divide(a, b): long division when both are whole (83 / 2 = 41), else double.</summary>
    public static FieldValue Divide(EventView e, FieldValue left, FieldValue right) => Map(e, left, right, static (s, a, b) => Arithmetic(s, a, b, '/'));

    /// <summary>modulo(a, b): Java's %, whose sign follows the dividend.</summary>
    public static FieldValue Modulo(EventView e, FieldValue left, FieldValue right) => Map(e, left, right, static (s, a, b) => Arithmetic(s, a, b, '%'));

    /// <summary>-x</summary>
    public static FieldValue Negate(EventView e, FieldValue value) => Map(e, value, static (s, v) =>
    {
        if (!TryNumber(v, out long l, out double d, out bool whole)) return default;
        if (whole) return l == long.MinValue ? default : Integer(s, -l);
        return Double(s, -d);
    });

    private static FieldValue Arithmetic(ByteArena scratch, FieldValue a, FieldValue b, char op)
    {
        if (!TryNumber(a, out long x, out double dx, out bool wholeA) || !TryNumber(b, out long y, out double dy, out bool wholeB)) return default;
        if (wholeA && wholeB)
        {
            try
            {
                long result = op switch
                {
                    '+' => checked(x + y),
                    '-' => checked(x - y),
                    '*' => checked(x * y),
                    '/' => y == 0 ? throw new DivideByZeroException() : x == long.MinValue && y == -1 ? throw new OverflowException() : x / y,
                    _ => y == 0 ? throw new DivideByZeroException() : y == -1 ? 0 : x % y,
                };
                return Integer(scratch, result);
            }
            catch (ArithmeticException)
            {
                // Elasticsearch fails the search ("long overflow", "/ by zero"); here the value is NULL.
                return default;
            }
        }
        double value = op switch
        {
            '+' => dx + dy,
            '-' => dx - dy,
            '*' => dx * dy,
            '/' => dx / dy,
            _ => dx % dy,
        };
        return Double(scratch, value);
    }

    private static FieldValue ParseNumber(ByteArena scratch, FieldValue value, long? radix)
    {
        if (value.Kind != ValueKind.String) return default;
        string text = Decode(value);
        bool hex = text.StartsWith("0x", StringComparison.Ordinal);
        long r = radix ?? (hex ? 16 : 10);
        if (hex && r == 16) text = text.Substring(2);
        if (r == 10)
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole)) return Integer(scratch, whole);
            return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? Double(scratch, d) : default;
        }
        return r is >= 2 and <= 36 && TryParseRadix(text, (int)r, out long parsed) ? Integer(scratch, parsed) : default;
    }

    /// <summary>Java's Long.parseLong(s, radix): an optional sign, then at least one digit of the radix.</summary>
    private static bool TryParseRadix(string text, int radix, out long value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
        {
            negative = text[0] == '-';
            i = 1;
        }
        if (i >= text.Length) return false;
        try
        {
            for (; i < text.Length; i++)
            {
                char c = text[i];
                int digit = c is >= '0' and <= '9' ? c - '0' : c is >= 'a' and <= 'z' ? c - 'a' + 10 : c is >= 'A' and <= 'Z' ? c - 'A' + 10 : 99;
                if (digit >= radix) return false;
                value = checked(value * radix - digit);
            }
            value = negative ? value : checked(-value);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    // ----- helpers -----

    private static FieldValue Test(FieldValue value, FieldValue part, SubstringPlace place, bool ignoreCase)
    {
        if (value.Kind != ValueKind.String || !part.IsScalar) return default;
        if (!ignoreCase) return FieldValue.Boolean(Scalar.Substring(value, part, place, MatchOptions.Exact));
        string v = Decode(value).ToUpperInvariant(), p = Decode(part).ToUpperInvariant();
        bool holds = place switch
        {
            SubstringPlace.Start => v.StartsWith(p, StringComparison.Ordinal),
            SubstringPlace.End => v.EndsWith(p, StringComparison.Ordinal),
            _ => v.IndexOf(p, StringComparison.Ordinal) >= 0,
        };
        return FieldValue.Boolean(holds);
    }

    private static FieldValue Find(ByteArena scratch, FieldValue value, FieldValue part, long start, bool ignoreCase)
    {
        if (value.Kind != ValueKind.String || part.Kind != ValueKind.String) return default;
        string text = Decode(value), wanted = Decode(part);
        if (ignoreCase)
        {
            text = text.ToUpperInvariant();
            wanted = wanted.ToUpperInvariant();
        }
        // Java's indexOf(s, from): a negative start is 0, a start past the end finds only "" (at the end).
        int from = (int)Math.Max(0, Math.Min(start, text.Length));
        int at = start > text.Length ? (wanted.Length == 0 ? text.Length : -1) : text.IndexOf(wanted, from, StringComparison.Ordinal);
        return at < 0 ? default : Integer(scratch, at);
    }

    private static FieldValue Slice(ByteArena scratch, FieldValue value, long start, long? end)
    {
        bool ascii = Ascii.IsValid(value.Bytes);
        string? text = ascii ? null : Decode(value);
        long length = ascii ? value.Bytes.Length : text!.Length;
        long from = start < 0 ? Math.Max(0, start + length) : Math.Min(start, length);
        long to = end is long e ? (e < 0 ? Math.Max(0, e + length) : Math.Min(e, length)) : length;
        if (from >= to) return FieldValue.String(ReadOnlySpan<byte>.Empty);
        if (ascii) return FieldValue.String(value.Bytes.Slice((int)from, (int)(to - from)));
        return Text(scratch, text!.Substring((int)from, (int)(to - from)));
    }

    private static bool TryInteger(FieldValue value, out long result)
    {
        result = 0;
        if (!TryNumber(value, out long l, out double d, out bool whole)) return false;
        result = whole ? l : (long)d;
        return true;
    }

    /// <summary>A number from a value: whole when its text has no fraction or exponent (a long in Elasticsearch).</summary>
    private static bool TryNumber(FieldValue value, out long whole, out double number, out bool isWhole)
    {
        whole = 0;
        number = 0;
        isWhole = false;
        if (value.Kind is not (ValueKind.Number or ValueKind.String)) return false;
        ReadOnlySpan<byte> bytes = value.Bytes;
        if (Utf8Parser.TryParse(bytes, out long l, out int consumed) && consumed == bytes.Length)
        {
            whole = l;
            number = l;
            isWhole = true;
            return true;
        }
        return Scalar.TryNumber(bytes, out number);
    }

    private static string Decode(FieldValue value) => Encoding.UTF8.GetString(value.Bytes);

    private static FieldValue Text(ByteArena scratch, string text)
    {
        Span<byte> target = scratch.Reserve(Encoding.UTF8.GetByteCount(text));
        Encoding.UTF8.GetBytes(text, target);
        return FieldValue.String(target);
    }

    private static FieldValue Integer(ByteArena scratch, long value)
    {
        Span<byte> target = scratch.Reserve(20);
        Utf8Formatter.TryFormat(value, target, out int written);
        scratch.Shrink(20 - written);
        return FieldValue.Number(target.Slice(0, written));
    }

    /// <summary>A double as Java's Double.toString writes it ("41.0", "1.0E10"), which string() and concat() show.</summary>
    private static FieldValue Double(ByteArena scratch, double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value)) return default;
        double magnitude = Math.Abs(value);
        string text;
        if (value == 0 || magnitude >= 1e-3 && magnitude < 1e7)
        {
            text = value.ToString("R", CultureInfo.InvariantCulture);
            if (text.IndexOf('.') < 0) text += ".0";
        }
        else
        {
            string r = value.ToString("E16", CultureInfo.InvariantCulture);
            int exponentAt = r.IndexOf('E');
            string mantissa = double.Parse(r.Substring(0, exponentAt), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
            if (mantissa.IndexOf('.') < 0) mantissa += ".0";
            text = mantissa + "E" + int.Parse(r.Substring(exponentAt + 1), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }
        Span<byte> target = scratch.Reserve(text.Length);
        Encoding.ASCII.GetBytes(text, target);
        return FieldValue.Number(target);
    }

    private static FieldValue Map(EventView e, FieldValue a, Scalar1 f)
    {
        if (a.Kind != ValueKind.Multi) return a.IsScalar ? f(e.Scratch, a) : default;
        var results = new Results();
        foreach (FieldValue x in a.GetElements())
        {
            if (x.IsScalar) results.Add(f(e.Scratch, x));
        }
        return results.Finish(e.Scratch);
    }

    private static FieldValue Map(EventView e, FieldValue a, FieldValue b, Scalar2 f)
    {
        if (a.Kind != ValueKind.Multi && b.Kind != ValueKind.Multi) return a.IsScalar && b.IsScalar ? f(e.Scratch, a, b) : default;
        var results = new Results();
        foreach (FieldValue x in a.GetElements())
        {
            if (!x.IsScalar) continue;
            foreach (FieldValue y in b.GetElements())
            {
                if (y.IsScalar) results.Add(f(e.Scratch, x, y));
            }
        }
        return results.Finish(e.Scratch);
    }

    private static FieldValue Map(EventView e, FieldValue a, FieldValue b, FieldValue c, Scalar3 f)
    {
        if (a.Kind != ValueKind.Multi && b.Kind != ValueKind.Multi && c.Kind != ValueKind.Multi)
        {
            return a.IsScalar && b.IsScalar && c.IsScalar ? f(e.Scratch, a, b, c) : default;
        }
        var results = new Results();
        foreach (FieldValue x in a.GetElements())
        {
            if (!x.IsScalar) continue;
            foreach (FieldValue y in b.GetElements())
            {
                if (!y.IsScalar) continue;
                foreach (FieldValue z in c.GetElements())
                {
                    if (z.IsScalar) results.Add(f(e.Scratch, x, y, z));
                }
            }
        }
        return results.Finish(e.Scratch);
    }

    /// <summary>
    /// The results of a function over a multivalue, kept in a rented buffer (the function writes its own scratch
    /// bytes in between) and copied into the scratch arena as one multivalue at the end; NULL results are left out.
    /// </summary>
    private ref struct Results
    {
        private byte[]? _buffer;
        private int _length;
        private int _count;
        private ValueKind _lastKind;

        public void Add(FieldValue value)
        {
            if (!value.IsScalar) return;
            int size = 5 + value.Bytes.Length;
            if (_buffer is null || _length + size > _buffer.Length)
            {
                byte[] bigger = ArrayPool<byte>.Shared.Rent(Math.Max(256, (_length + size) * 2));
                if (_buffer is not null)
                {
                    _buffer.AsSpan(0, _length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(_buffer);
                }
                _buffer = bigger;
            }
            _buffer[_length] = (byte)value.Kind;
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length + 1, 4), value.Bytes.Length);
            value.Bytes.CopyTo(_buffer.AsSpan(_length + 5));
            _length += size;
            _count++;
            _lastKind = value.Kind;
        }

        public FieldValue Finish(ByteArena scratch)
        {
            if (_buffer is null) return default;
            try
            {
                if (_count == 1)
                {
                    int start = scratch.Append(_buffer.AsSpan(5, _length - 5));
                    return new FieldValue(_lastKind, scratch.Slice(start, _length - 5));
                }
                int at = scratch.Append(_buffer.AsSpan(0, _length));
                return new FieldValue(ValueKind.Multi, scratch.Slice(at, _length), _count);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = null;
            }
        }
    }
}
