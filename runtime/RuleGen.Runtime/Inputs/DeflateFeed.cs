using System;
using System.IO;

namespace RuleGen.Runtime;

/// <summary>
/// The compressed bytes of a gzip input, as a stream for <see cref="System.IO.Compression.DeflateStream"/> to read
/// one member's deflate data from, and as a byte source for <see cref="GzipMemberStream"/> to read headers and
/// trailers from. DeflateStream reads ahead and does not say where the deflate data ended (.NET 10 has no API for
/// it); what makes that recoverable: it asks for more input only when its inflater has used up all it was given, so
/// the end of a member's deflate data always lies inside the last chunk handed out, and that chunk is kept here
/// (<see cref="FindTrailer"/> searches it, and whatever follows the trailer is read again as the next member).
/// </summary>
internal sealed class DeflateFeed : ReadOnlyStream
{
    private const int SourceRead = 1 << 16;

    private readonly Stream _source;
    private byte[] _buffer = new byte[SourceRead * 2];
    // Bytes [_start, _end) are not handed out yet; [_chunk, _start) is the last chunk DeflateStream was given.
    private int _chunk;
    private int _start;
    private int _end;
    private bool _eof;

    public DeflateFeed(Stream source) => _source = source;

    /// <summary>DeflateStream was told the input ended: its member's deflate data is cut off.</summary>
    public bool DeflateSawEnd { get; private set; }

    /// <summary>The source itself threw (a real I/O error), so the exception is not about damaged data.</summary>
    public bool SourceFailed { get; private set; }

    public override int Read(Span<byte> destination)
    {
        if (destination.IsEmpty) return 0;
        // DeflateStream asks again only when it has consumed everything before: nothing before _start is needed.
        _chunk = _start;
        if (_start == _end && !Fill())
        {
            DeflateSawEnd = true;
            return 0;
        }
        int n = Math.Min(destination.Length, _end - _start);
        _buffer.AsSpan(_start, n).CopyTo(destination);
        _start += n;
        return n;
    }


    /// <summary>The next byte (of a header); false at the end of the input.</summary>
    public bool TryReadByte(out byte value)
    {
        _chunk = _start;
        if (_start == _end && !Fill())
        {
            value = 0;
            return false;
        }
        value = _buffer[_start++];
        return true;
    }

    /// <summary>The next byte without taking it; -1 at the end of the input.</summary>
    public int Peek()
    {
        _chunk = _start;
        if (_start == _end && !Fill()) return -1;
        return _buffer[_start];
    }

    /// <summary>
    /// After DeflateStream ended a member: finds the member's 8-byte trailer (<paramref name="expected"/>, made from
    /// the CRC-32 and length of the output) where the deflate data can have ended, which is anywhere in the last
    /// chunk handed out or just after it. On success the bytes after the trailer are the next to be read.
    /// </summary>
    public TrailerSearch FindTrailer(ReadOnlySpan<byte> expected)
    {
        // Enough bytes for a trailer that starts right after the last chunk, and a peek at what follows it.
        while (_end - _start < 10 && Fill()) { }
        int last = _start; // the latest position the deflate data can have ended at
        int end = Math.Min(_end, last + 8);
        int first = -1;
        int chosen = -1;
        // The inflater asked for the last chunk because it needed input, so it used at least one byte of it.
        for (int p = _chunk + 1; p <= last; p++)
        {
            int found = _buffer.AsSpan(p, end - p).IndexOf(expected);
            if (found < 0) break;
            p += found;
            if (first < 0) first = p;
            // A member of no bytes has an all-zero trailer after deflate data that can end in zero bytes, so the
            // trailer also "matches" a byte or more early: prefer the match followed by a gzip header or the end.
            if (FollowedByMemberOrEnd(p + 8))
            {
                chosen = p;
                break;
            }
        }
        if (chosen < 0) chosen = first;
        if (chosen >= 0)
        {
            _start = chosen + 8;
            _chunk = _start;
            return TrailerSearch.Found;
        }
        return Diagnose(expected, last);
    }

    /// <summary>Why no trailer matched; the guess that explains the bytes best.</summary>
    private TrailerSearch Diagnose(ReadOnlySpan<byte> expected, int last)
    {
        ReadOnlySpan<byte> window = _buffer.AsSpan(_chunk, Math.Min(_end, last + 8) - _chunk);
        int candidates = last - _chunk;
        for (int p = 1; p <= candidates && p + 8 <= window.Length; p++)
        {
            if (window.Slice(p + 4, 4).SequenceEqual(expected[4..])) return TrailerSearch.CrcMismatch;
        }
        for (int p = 1; p <= candidates && p + 8 <= window.Length; p++)
        {
            if (window.Slice(p, 4).SequenceEqual(expected[..4])) return TrailerSearch.LengthMismatch;
        }
        if (_eof)
        {
            // The file ends inside the trailer when its last bytes are the start of the expected one.
            for (int p = Math.Max(1, window.Length - 7); p < window.Length; p++)
            {
                if (expected.StartsWith(window[p..])) return TrailerSearch.Truncated;
            }
            return TrailerSearch.MissingOrDamaged;
        }
        return TrailerSearch.Mismatch;
    }

    /// <summary>True when <paramref name="at"/> is the end of the input or the start of a gzip header.</summary>
    private bool FollowedByMemberOrEnd(int at)
    {
        if (at == _end) return _eof;
        // A lone 0x1F at the end is the start of a header too (a truncated one, reported as such).
        return _buffer[at] == 0x1F && (at + 1 == _end || _buffer[at + 1] == 0x8B);
    }

    /// <summary>Reads the rest of the input: how many bytes, and whether they are all zero.</summary>
    public long SkipRest(out bool allZero)
    {
        allZero = true;
        long count = 0;
        _chunk = _start;
        while (_start < _end || Fill())
        {
            ReadOnlySpan<byte> span = _buffer.AsSpan(_start, _end - _start);
            if (allZero && span.ContainsAnyExcept((byte)0)) allZero = false;
            count += span.Length;
            _start = _end;
            _chunk = _start;
        }
        return count;
    }

    /// <summary>Reads more of the source after what is held, keeping the last chunk handed out; false at the end.</summary>
    private bool Fill()
    {
        if (_eof) return false;
        if (_chunk > 0)
        {
            Buffer.BlockCopy(_buffer, _chunk, _buffer, 0, _end - _chunk);
            _end -= _chunk;
            _start -= _chunk;
            _chunk = 0;
        }
        if (_buffer.Length - _end < SourceRead) Array.Resize(ref _buffer, _buffer.Length * 2);
        int read;
        try
        {
            read = _source.Read(_buffer, _end, SourceRead);
        }
        catch
        {
            SourceFailed = true;
            throw;
        }
        if (read == 0)
        {
            _eof = true;
            return false;
        }
        _end += read;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _source.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>What <see cref="DeflateFeed.FindTrailer"/> found.</summary>
internal enum TrailerSearch
{
    Found,
    /// <summary>The length matches where a trailer can be, the CRC-32 does not: the data is damaged.</summary>
    CrcMismatch,
    /// <summary>The CRC-32 matches, the length does not: the trailer's length is damaged.</summary>
    LengthMismatch,
    /// <summary>The input ends inside the trailer.</summary>
    Truncated,
    /// <summary>The input ends where the trailer should be, with neither field matching.</summary>
    MissingOrDamaged,
    /// <summary>Neither field matches, and more input follows.</summary>
    Mismatch,
}
