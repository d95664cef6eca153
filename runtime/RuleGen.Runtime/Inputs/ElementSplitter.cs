using System;
using System.Buffers;

namespace RuleGen.Runtime;

/// <summary>
/// Finds where JSON values start and end, byte by byte, without parsing them: strings and escapes are tracked so
/// brackets inside strings do not count, and brackets are matched by kind (<c>{</c> with <c>}</c>, <c>[</c> with
/// <c>]</c>), so a value ends where its real JSON nesting ends. It also notices, cheaply, the damage that would
/// otherwise swallow the rest of a file into one "event": a raw line end inside a string (JSON forbids it), a
/// closing bracket of the wrong kind, and a line that starts with <c>{</c> while a value is still open (pretty
/// printers indent nested content; a new event at column 0 means the previous one was never closed). The reader
/// then reports the broken value and starts again at a line boundary. Full validation is the scanner's job.
/// </summary>
internal struct ElementSplitter
{
    public enum Event : byte
    {
        None,
        /// <summary>A value starts at this byte (depth 0 → 1).</summary>
        Start,
        /// <summary>The value ends with this byte.</summary>
        End,
        /// <summary>The open value is broken at this byte; <see cref="Damage"/> says how.</summary>
        Broken,
    }

    // The kinds of the open brackets: bit n is 1 for '[' at depth n+1. Deeper than 64 levels only depth is counted
    // (the scanner refuses events nested deeper than 256 anyway).
    private ulong _kinds;
    private bool _inString;
    private bool _escaped;
    private bool _lineStart;

    public int Depth { get; private set; }

    /// <summary>Whether the value that is open started with '{' (an object) rather than '['.</summary>
    public bool IsObject { get; private set; }

    public string? Damage { get; private set; }

    private static readonly SearchValues<byte> StringSpecial = SearchValues.Create("\"\\\n\r"u8);
    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"{}[]\n"u8);

    /// <summary>Forgets the open value (after a report), ready for the next one.</summary>
    public void Reset()
    {
        _kinds = 0;
        _inString = false;
        _escaped = false;
        _lineStart = false;
        Depth = 0;
        Damage = null;
    }

    /// <summary>
    /// The position of the next byte <see cref="Step"/> must see: inside a string, the next quote, backslash or
    /// line end; inside a value, the next quote, bracket or LF; outside values, <paramref name="from"/> itself.
    /// Bytes skipped over change nothing but the line count.
    /// </summary>
    public readonly int Skip(ReadOnlySpan<byte> span, int from)
    {
        if (_escaped || _lineStart || (Depth == 0 && !_inString)) return from;
        int found = span[from..].IndexOfAny(_inString ? StringSpecial : Structural);
        return found < 0 ? span.Length : from + found;
    }

    /// <summary>Steps over one byte of a value (or the byte that starts one, '{' or '[', at depth 0).</summary>
    public Event Step(byte b)
    {
        if (_inString)
        {
            if (_escaped)
            {
                _escaped = false;
                if (b is (byte)'\n' or (byte)'\r') return Break("a line ends inside a string");
            }
            else if (b == (byte)'\\') _escaped = true;
            else if (b == (byte)'"') _inString = false;
            else if (b is (byte)'\n' or (byte)'\r') return Break("a line ends inside a string (the string is not closed)");
            return Event.None;
        }
        bool lineStart = _lineStart;
        _lineStart = false;
        switch (b)
        {
            case (byte)'"':
                _inString = true;
                return Event.None;
            case (byte)'\n':
                _lineStart = Depth > 0;
                return Event.None;
            case (byte)'{':
            case (byte)'[':
                if (Depth == 0)
                {
                    IsObject = b == (byte)'{';
                    Push(b);
                    return Event.Start;
                }
                if (lineStart && b == (byte)'{') return Break("the event is not closed before the next line starts a new one");
                Push(b);
                return Event.None;
            case (byte)'}':
            case (byte)']':
                if (Depth <= 64 && ((_kinds >> (Depth - 1)) & 1) != (b == (byte)']' ? 1UL : 0UL))
                {
                    return Break($"'{(char)b}' closes a{(b == (byte)']' ? "n object" : "n array")}");
                }
                Depth--;
                if (Depth <= 63) _kinds &= ~(1UL << Depth);
                return Depth == 0 ? Event.End : Event.None;
            default:
                return Event.None;
        }
    }

    private void Push(byte b)
    {
        if (Depth < 64 && b == (byte)'[') _kinds |= 1UL << Depth;
        Depth++;
    }

    private Event Break(string damage)
    {
        Damage = damage;
        return Event.Broken;
    }
}
