using System;
using System.Buffers.Binary;

namespace RuleGen.Runtime;

/// <summary>
/// An append-only byte buffer reused from event to event (reset, never freed): unescaped strings, multi-values,
/// stream constants and case-converted text live here. Growing copies the old bytes, so offsets stay valid, and
/// spans handed out earlier keep pointing at the old array, which stays alive while they do.
/// </summary>
public sealed class ByteArena
{
    private byte[] _buffer;

    public ByteArena(int capacity = 4096) => _buffer = new byte[capacity];

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, Length);

    /// <summary>Bytes at the start that survive <see cref="Reset"/> (stream constants, written once).</summary>
    public int Kept { get; private set; }

    public void Reset() => Length = Kept;

    /// <summary>Gives back memory beyond <paramref name="max"/> bytes (after a huge event), keeping the kept bytes.</summary>
    public void Trim(int max)
    {
        if (_buffer.Length <= max || Kept > max / 2) return;
        byte[] smaller = new byte[Math.Max(4096, Kept * 2)];
        _buffer.AsSpan(0, Kept).CopyTo(smaller);
        _buffer = smaller;
        Length = Kept;
    }

    /// <summary>Keeps everything written so far across resets.</summary>
    public void KeepWritten() => Kept = Length;

    /// <summary>Reserves <paramref name="size"/> bytes and returns them to be written; they start at the old <see cref="Length"/>.</summary>
    public Span<byte> Reserve(int size)
    {
        if (Length + size > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + size));
        }
        Span<byte> span = _buffer.AsSpan(Length, size);
        Length += size;
        return span;
    }

    /// <summary>Gives back the unused end of the last reservation.</summary>
    public void Shrink(int unused) => Length -= unused;

    public int Append(ReadOnlySpan<byte> bytes)
    {
        int start = Length;
        bytes.CopyTo(Reserve(bytes.Length));
        return start;
    }

    public ReadOnlySpan<byte> Slice(int start, int length) => _buffer.AsSpan(start, length);

    /// <summary>Appends one element record of a multi-value: [kind][length][bytes].</summary>
    public void AppendElement(ValueKind kind, ReadOnlySpan<byte> bytes)
    {
        Span<byte> target = Reserve(5 + bytes.Length);
        target[0] = (byte)kind;
        BinaryPrimitives.WriteInt32LittleEndian(target.Slice(1, 4), bytes.Length);
        bytes.CopyTo(target.Slice(5));
    }
}
