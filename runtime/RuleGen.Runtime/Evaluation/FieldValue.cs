using System.Buffers.Binary;

namespace RuleGen.Runtime;

/// <summary>What a field holds in one event.</summary>
public enum ValueKind : byte
{
    /// <summary>Missing, JSON null, or an empty array: ES|QL's NULL.</summary>
    Null,
    String,
    Number,
    True,
    False,
    /// <summary>An array of two or more non-null values (a one-element array is that single value).</summary>
    Multi,
    /// <summary>A JSON object where a value was expected.</summary>
    Object,
}

/// <summary>
/// One field's value in one event, as UTF-8 bytes that point into the event (no copies, no strings). Strings are
/// already unescaped; numbers keep their JSON text; <see cref="ValueKind.Multi"/> values hold an element list that
/// <see cref="GetElements"/> walks.
/// </summary>
public readonly ref struct FieldValue
{
    private static readonly byte[] TrueBytes = "true"u8.ToArray();
    private static readonly byte[] FalseBytes = "false"u8.ToArray();

    public FieldValue(ValueKind kind, System.ReadOnlySpan<byte> bytes, int count = 1)
    {
        Kind = kind;
        Bytes = bytes;
        Count = kind == ValueKind.Null ? 0 : count;
    }

    public ValueKind Kind { get; }

    /// <summary>Scalar: the value's text (unescaped UTF-8). Object: raw JSON. Multi: the encoded element list.</summary>
    public System.ReadOnlySpan<byte> Bytes { get; }

    /// <summary>Number of values: 0 for NULL, 1 for a single value, 2 or more for <see cref="ValueKind.Multi"/>.</summary>
    public int Count { get; }

    public bool IsNull => Kind == ValueKind.Null;

    /// <summary>True for a single string, number or boolean: the values most operators accept.</summary>
    public bool IsScalar => Kind is ValueKind.String or ValueKind.Number or ValueKind.True or ValueKind.False;

    public static FieldValue Null => default;

    public static FieldValue String(System.ReadOnlySpan<byte> utf8) => new(ValueKind.String, utf8);

    public static FieldValue Number(System.ReadOnlySpan<byte> text) => new(ValueKind.Number, text);

    public static FieldValue Boolean(bool value) => value ? new(ValueKind.True, TrueBytes) : new(ValueKind.False, FalseBytes);

    /// <summary>The values of a field: one element for a single value, none for NULL.</summary>
    public ElementEnumerator GetElements() => new(this);

    public override string ToString() => Kind switch
    {
        ValueKind.Null => "NULL",
        ValueKind.Multi => $"[{Count} values]",
        _ => System.Text.Encoding.UTF8.GetString(Bytes),
    };

    /// <summary>
    /// Walks a value's elements. A multi-value is stored as records of [kind:1][length:4, little-endian][bytes];
    /// the scanner writes them with <see cref="ByteArena.AppendElement"/>.
    /// </summary>
    public ref struct ElementEnumerator
    {
        private readonly FieldValue _value;
        private int _offset;
        private FieldValue _current;
        private bool _singleDone;

        internal ElementEnumerator(FieldValue value)
        {
            _value = value;
            _offset = 0;
            _current = default;
            _singleDone = false;
        }

        public readonly FieldValue Current => _current;

        public readonly ElementEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_value.Kind == ValueKind.Null) return false;
            if (_value.Kind != ValueKind.Multi)
            {
                if (_singleDone) return false;
                _singleDone = true;
                _current = _value;
                return true;
            }
            System.ReadOnlySpan<byte> bytes = _value.Bytes;
            if (_offset >= bytes.Length) return false;
            var kind = (ValueKind)bytes[_offset];
            int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(_offset + 1, 4));
            _current = new FieldValue(kind, bytes.Slice(_offset + 5, length));
            _offset += 5 + length;
            return true;
        }
    }
}
