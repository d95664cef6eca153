using System;
using System.IO;
using System.Threading;

namespace RuleGen.Cli;

/// <summary>
/// `rulegen scan --follow FILE`: the file as a stream that does not end at its end, as <c>tail -f</c> reads it. At the
/// end, a read waits for the file to grow (polling); it ends, as an ordinary end of input, when SIGINT asks it to or,
/// with <c>--idle</c>, once the file has not grown for that long. So the scan's last tick and the summary still run
/// when following stops (docs/tick-engine.md, "Streaming").
/// </summary>
internal sealed class FollowStream : Stream
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly FileStream _file;
    private readonly TimeSpan? _idle;
    private readonly CancellationToken _stop;

    public FollowStream(string path, TimeSpan? idle, CancellationToken stop)
    {
        if (Directory.Exists(path)) throw new IOException("is a directory");
        _file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        _idle = idle;
        _stop = stop;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        DateTime quietSince = DateTime.UtcNow;
        while (true)
        {
            int n = _file.Read(buffer);
            if (n > 0) return n;
            if (_stop.IsCancellationRequested) return 0;
            if (_idle is TimeSpan idle && DateTime.UtcNow - quietSince >= idle) return 0;
            // WaitOne returns at once on SIGINT, so stopping does not wait for the poll.
            _stop.WaitHandle.WaitOne(Poll);
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _file.Position;
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) _file.Dispose();
        base.Dispose(disposing);
    }
}
