using System;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace RuleGen.Runtime;

/// <summary>
/// A sliding window over a stream: holds the unconsumed bytes and refills in chunks. It grows only as far as one
/// event needs (the readers never keep more than <see cref="InputReader"/>'s maximum event size plus a chunk), with
/// sizes computed in 64 bits so no length can overflow, and shrinks back once a huge event has been consumed.
/// </summary>
internal sealed class ChunkBuffer
{
    public const int ChunkSize = 1 << 16;
    private const int DefaultCapacity = ChunkSize * 2;
    private const int HugeBuffer = 16 << 20;

    private readonly Stream? _stream;
    private readonly long _limit;
    private readonly CancellationToken _cancel;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _eof;

    /// <param name="stream">The bytes.</param>
    /// <param name="maxEventBytes">The largest event the readers keep: the buffer never grows past it plus two
    /// chunks, so that a reader sees an oversized event (longer than the maximum) before another fill is needed.</param>
    /// <param name="cancel">Also ends a read that waits for input (a quiet pipe, a terminal): the scan can stop on
    /// Ctrl-C without waiting for the next byte.</param>
    public ChunkBuffer(Stream stream, long maxEventBytes = ScanOptions.DefaultMaxEventBytes, CancellationToken cancel = default)
    {
        _stream = stream;
        _cancel = cancel;
        _limit = Math.Min(maxEventBytes + 2L * ChunkSize, Array.MaxLength);
        _buffer = new byte[DefaultCapacity];
    }

    /// <summary>A window over bytes that are all there already: no copy, no refill.</summary>
    public ChunkBuffer(ArraySegment<byte> bytes)
    {
        _buffer = bytes.Array!;
        _start = bytes.Offset;
        _end = bytes.Offset + bytes.Count;
        _eof = true;
    }

    private ExceptionDispatchInfo? _fault;

    private int Read(Memory<byte> target)
    {
        if (!_cancel.CanBeCanceled) return _stream!.Read(target.Span);
        // The read may wait for input as long as it likes; the wait for it ends on cancellation. An abandoned read
        // finishes (or not) on its own: the buffer is never looked at again.
        ValueTask<int> pending = _stream!.ReadAsync(target, _cancel);
        if (pending.IsCompleted) return pending.Result;
        Task<int> task = pending.AsTask();
        task.Wait(_cancel);
        return task.Result;
    }

    /// <summary>What a read fault means to a user: an <see cref="InputFaultException"/> (the gzip reader's own, as it
    /// is), or a read error.</summary>
    private static Exception Fault(Exception e) => e switch
    {
        InputFaultException or OperationCanceledException => e,
        IOException or UnauthorizedAccessException => new InputFaultException($"read error: {e.Message}", e),
        InvalidDataException => new InputFaultException($"damaged compressed data: {e.Message}", e),
        _ => e,
    };

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Whether the stream has ended (no byte will come after <see cref="Span"/>).</summary>
    public bool AtEnd => _eof;

    /// <summary>The capacity now held, for tests of the shrink-back.</summary>
    public int Capacity => _buffer.Length;

    public void Consume(int count) => _start += count;

    public void SkipBom()
    {
        if (Span.StartsWith("\uFEFF"u8)) _start += 3;
    }

    /// <summary>Reads more bytes; false at the end of the stream.</summary>
    public bool Fill()
    {
        if (_fault is not null)
        {
            _eof = true;
            Exception e = _fault.SourceException;
            _fault = null;
            throw Fault(e);
        }
        if (_eof) return false;
        // A source that never waits (/dev/zero read past as one oversized event) must still stop on Ctrl-C.
        _cancel.ThrowIfCancellationRequested();
        int live = _end - _start;
        if (_stream is not null && _buffer.Length > DefaultCapacity * 4 && live < DefaultCapacity / 2)
        {
            // A huge event has gone: give its memory back instead of keeping the high-water mark for good.
            var smaller = new byte[DefaultCapacity];
            _buffer.AsSpan(_start, live).CopyTo(smaller);
            _buffer = smaller;
            _start = 0;
            _end = live;
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, live);
            _end = live;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            long larger = Math.Min((long)_buffer.Length * 2, _limit);
            if (larger <= _buffer.Length) throw new InputFaultException("an event does not fit in the maximum event size");
            Array.Resize(ref _buffer, (int)larger);
            // The array just replaced is garbage on the large object heap, which only a full GC collects, and even then
            // the GC keeps its memory committed for reuse. For a huge event, collect it now and give the memory back
            // (Aggressive decommits), or every doubling on the way stays resident. Measured with
            // tools/huge_line_memory.sh: a matched 100 MB line peaked at 253 MB with a forced collection, 168 MB with
            // this one (41 MB baseline). It runs a handful of times per huge event, never for ordinary ones.
            if (larger >= HugeBuffer) GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        // Streams may return a few bytes at a time (gzip, pipes); format detection wants a real look ahead.
        int free = _buffer.Length - _end;
        int want = Math.Min(free, ChunkSize);
        int read = 0;
        try
        {
            while (read < want)
            {
                int n = Read(_buffer.AsMemory(_end + read, free - read));
                if (n == 0)
                {
                    _eof = true;
                    break;
                }
                read += n;
            }
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (AggregateException e) when (e.InnerException is not null && read > 0)
        {
            _fault = ExceptionDispatchInfo.Capture(e.InnerException);
        }
        catch (Exception e) when (read > 0)
        {
            // A fault (damaged gzip, an I/O error) after some bytes: they are handed over first, the fault on the
            // next fill, so that every document before the fault is read (ReadAtLeast would drop them).
            _fault = ExceptionDispatchInfo.Capture(e);
        }
        catch (Exception e)
        {
            _eof = true;
            throw Fault(e is AggregateException { InnerException: Exception inner } ? inner : e);
        }
        if (read == 0) return false;
        _end += read;
        return true;
    }
}
