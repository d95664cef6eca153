using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;

namespace RuleGen.Runtime;

/// <summary>
/// The decompressed bytes of a gzip input (RFC 1952): every member, one after another, each verified. GZipStream
/// accepts damaged files silently (a missing trailer, deflate data cut off mid-member, trailing garbage) and calls a
/// bad CRC an "unsupported compression method"; a security tool must not lose or accept damaged input unnoticed.
/// Each member's deflate data goes through <see cref="DeflateStream"/> (native zlib-ng: as fast as GZipStream); the
/// header, the trailer (CRC-32 and ISIZE) and what lies between members are checked here.
/// <para>
/// A fault is thrown as <see cref="InputFaultException"/>, and only once every byte decompressed before it has been
/// returned by <see cref="Read(Span{byte})"/>, so the caller handles what was read, then reports the fault. (When
/// zlib rejects damaged deflate data, output it produced in that same call is lost with it.)
/// </para>
/// <para>
/// Zero bytes after the last member are accepted silently: some tools pad files with NULs to a block size, and
/// they hold no data that could be lost. Anything else after the last member is a fault. An empty input gives no
/// bytes; telling gzip from other input is the caller's job (it sniffs the magic bytes first).
/// </para>
/// <para>
/// One damage goes unseen, and loses nothing: a member of no bytes (deflate data <c>03 00</c>, an all-zero trailer)
/// cut in the last byte of its trailer, at the end of the file, reads as whole, because the deflate data's last zero
/// and the seven trailer bytes left are also an all-zero trailer, and DeflateStream does not say which byte it ended at.
/// </para>
/// </summary>
internal sealed class GzipMemberStream : ReadOnlyStream
{
    private readonly DeflateFeed _input;
    private readonly Crc32 _crc = new();
    private DeflateStream? _deflate;
    private int _member;
    private long _memberLength;
    private long _total;
    private bool _ended;
    private InputFaultException? _fault;

    /// <param name="source">The compressed bytes, from the first member's magic bytes on; disposed with this stream.</param>
    public GzipMemberStream(Stream source) => _input = new DeflateFeed(source);

    public override int Read(Span<byte> destination)
    {
        // A fault stays: a caller that reads again is not told "the end".
        if (_fault is not null) throw _fault;
        if (destination.IsEmpty || _ended) return 0;
        while (true)
        {
            if (_deflate is null && !StartMember())
            {
                _ended = true;
                return 0;
            }
            int n = Inflate(destination);
            if (n > 0)
            {
                _crc.Append(destination[..n]);
                _memberLength += n;
                _total += n;
                return n;
            }
            EndMember();
        }
    }


    /// <summary>Reads the next member's header; false at the end of the input (or of its zero padding).</summary>
    private bool StartMember()
    {
        if (!_input.TryReadByte(out byte id1)) return false;
        bool two = _input.TryReadByte(out byte id2);
        if (id1 == 0x1F && two && id2 == 0x8B)
        {
            _member++;
            Guard(() => GzipHeader.ReadAfterMagic(_input, _member));
            _deflate = new DeflateStream(_input, CompressionMode.Decompress, leaveOpen: true);
            return true;
        }
        if (id1 == 0x1F && !two) throw Fail($"gzip member {_member + 1} is truncated (the file ends inside its header)");
        long after = (two ? 2 : 1) + _input.SkipRest(out bool allZero);
        if (id1 == 0 && id2 == 0 && allZero) return false;
        throw Fail(_member == 0
            ? "the input is not gzip (no gzip header)"
            : $"{Count(after)} bytes after the last gzip member are not gzip (trailing garbage)");
    }

    private int Inflate(Span<byte> destination)
    {
        try
        {
            return _deflate!.Read(destination);
        }
        // zlib's verdict on damaged deflate data (InvalidDataException, or ZLibException, an IOException) says
        // nothing a user can act on; an exception from the source itself (a real I/O error) goes on as it is.
        catch (Exception e) when (e is InvalidDataException or IOException && !_input.SourceFailed)
        {
            throw Fail($"gzip member {_member}: damaged compressed data after {Count(_total)} bytes of output", e);
        }
    }

    /// <summary>DeflateStream reported the end of the member's data: checks that the data was whole and matches.</summary>
    private void EndMember()
    {
        // DeflateStream returns 0 both at the end of the deflate data and when its input runs out before it.
        if (_input.DeflateSawEnd) throw Fail($"gzip member {_member} is truncated (the file ends inside its compressed data) after {Count(_total)} bytes of output");
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)_memberLength)); // ISIZE: length mod 2^32
        TrailerSearch found = _input.FindTrailer(trailer);
        string? problem = found switch
        {
            TrailerSearch.Found => null,
            TrailerSearch.CrcMismatch => $"gzip member {_member}: CRC-32 mismatch (damaged data)",
            TrailerSearch.LengthMismatch => $"gzip member {_member}: length mismatch (damaged trailer)",
            TrailerSearch.Truncated => $"gzip member {_member} is truncated (the file ends inside its trailer)",
            TrailerSearch.MissingOrDamaged => $"gzip member {_member}: the trailer is missing or damaged (truncated file?)",
            _ => $"gzip member {_member}: the trailer does not match the data (damaged data)",
        };
        if (problem is not null) throw Fail(problem);
        _deflate!.Dispose();
        _deflate = null;
        _crc.Reset();
        _memberLength = 0;
    }

    private void Guard(Action read)
    {
        try
        {
            read();
        }
        catch (InputFaultException e)
        {
            _fault = e;
            throw;
        }
    }

    private InputFaultException Fail(string message, Exception? inner = null) => _fault = new InputFaultException(message, inner);

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _deflate?.Dispose();
            _input.Dispose();
        }
        base.Dispose(disposing);
    }
}
