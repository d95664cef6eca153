using System;
using System.Text;

namespace RuleGen.Runtime;

/// <summary>
/// One event as one rule sees it: <c>e[i]</c> is the value of the rule's i-th field, read from the slots the
/// scanner filled in a single pass. Also the place for per-event scratch work such as TO_LOWER.
/// </summary>
public readonly ref struct EventView
{
    private readonly ReadOnlySpan<byte> _document;
    private readonly ReadOnlySpan<byte> _aux;
    private readonly ReadOnlySpan<Slot> _slots;
    private readonly ReadOnlySpan<int> _map;
    private readonly ByteArena _scratch;

    internal EventView(ReadOnlySpan<byte> document, ReadOnlySpan<byte> aux, ReadOnlySpan<Slot> slots, ReadOnlySpan<int> map, ByteArena scratch, DocumentForm form = DocumentForm.Raw)
    {
        Form = form;
        _document = document;
        _aux = aux;
        _slots = slots;
        _map = map;
        _scratch = scratch;
    }

    /// <summary>Whether the event came as raw CloudTrail (or no known form) or as an ECS document: Sigma rules test different names.</summary>
    public DocumentForm Form { get; }

    /// <summary>The value of the rule's field number <paramref name="field"/>.</summary>
    public FieldValue this[int field]
    {
        get
        {
            return _slots[_map[field]].Value(_document, _aux);
        }
    }

    /// <summary>Per-event scratch bytes for computed values (<see cref="Functions"/>); reset between events.</summary>
    internal ByteArena Scratch => _scratch;

    /// <summary>ES|QL TO_LOWER: lower-cases every value (Unicode, invariant culture, like Java's root locale).</summary>
    public FieldValue ToLower(FieldValue value) => ChangeCase(value, upper: false);

    /// <summary>ES|QL TO_UPPER.</summary>
    public FieldValue ToUpper(FieldValue value) => ChangeCase(value, upper: true);

    private FieldValue ChangeCase(FieldValue value, bool upper)
    {
        switch (value.Kind)
        {
            case ValueKind.String:
                return FieldValue.String(CaseConversion.Convert(value.Bytes, upper, _scratch));
            case ValueKind.Multi:
                int start = _scratch.Length;
                foreach (FieldValue element in value.GetElements())
                {
                    ReadOnlySpan<byte> text = element.Kind == ValueKind.String ? CaseConversion.Convert(element.Bytes, upper, _scratch) : element.Bytes;
                    _scratch.AppendElement(element.Kind, text);
                }
                return new FieldValue(ValueKind.Multi, _scratch.Slice(start, _scratch.Length - start), value.Count);
            case ValueKind.Object:
                return default;
            default:
                return value;
        }
    }
}

/// <summary>Where one field's value sits: in the event's bytes, or in the auxiliary arena (unescaped or supplied).</summary>
internal struct Slot
{
    public ValueKind Kind;
    public bool InAux;
    public int Start;
    public int Length;
    public int Count;

    /// <summary>The value this slot points at, in the event's bytes or in the arena.</summary>
    public readonly FieldValue Value(ReadOnlySpan<byte> document, ReadOnlySpan<byte> aux) =>
        Kind == ValueKind.Null ? default : new FieldValue(Kind, (InAux ? aux : document).Slice(Start, Length), Count);
}

/// <summary>Upper/lower-casing of UTF-8 text: ASCII in place, anything else through .NET's invariant casing.</summary>
internal static class CaseConversion
{
    public static ReadOnlySpan<byte> Convert(ReadOnlySpan<byte> text, bool upper, ByteArena scratch)
    {
        if (System.Text.Ascii.IsValid(text))
        {
            Span<byte> target = scratch.Reserve(text.Length);
            if (upper) System.Text.Ascii.ToUpper(text, target, out _);
            else System.Text.Ascii.ToLower(text, target, out _);
            return target;
        }
        string decoded = Encoding.UTF8.GetString(text);
        string converted = upper ? decoded.ToUpperInvariant() : decoded.ToLowerInvariant();
        int size = Encoding.UTF8.GetByteCount(converted);
        Span<byte> output = scratch.Reserve(size);
        Encoding.UTF8.GetBytes(converted, output);
        return output;
    }
}
