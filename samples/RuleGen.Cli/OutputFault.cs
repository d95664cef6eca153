using System;
using System.IO;
using System.Runtime.InteropServices;

namespace RuleGen.Cli;

/// <summary>
/// Standard output could not be written. Not an <see cref="IOException"/> on purpose: a write fault crosses the
/// scanner (it comes out of the alert callback), and must never be taken for a fault reading an input.
/// </summary>
internal sealed class OutputFaultException : Exception
{
    public OutputFaultException(IOException inner) : base(inner.Message, inner) => Fault = inner;

    public IOException Fault { get; }

    /// <summary>
    /// The reader went away (EPIPE; on Windows, a broken or closing pipe): `rulegen scan … | head -1` is done, as
    /// ripgrep and grep treat it, and nothing more is said.
    /// </summary>
    public bool ReaderClosed => OperatingSystem.IsWindows()
        ? (Fault.HResult & 0xFFFF) is 109 or 232
        : Fault.HResult == 32;

    /// <summary>What went wrong in the OS's words, without a path: "No space left on device".</summary>
    public string Reason =>
        // On Unix .NET puts errno in HResult; strerror's text is what every other tool prints.
        !OperatingSystem.IsWindows() && Fault.HResult is > 0 and < 4096 ? Marshal.GetPInvokeErrorMessage(Fault.HResult) : Fault.Message;
}

/// <summary>A stream that turns write faults of the stream it wraps into <see cref="OutputFaultException"/>.</summary>
internal sealed class GuardedOutput : Stream
{
    private readonly Stream _inner;

    public GuardedOutput(Stream inner) => _inner = inner;

    public override void Write(byte[] buffer, int offset, int count) => Write(new ReadOnlySpan<byte>(buffer, offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            _inner.Write(buffer);
        }
        catch (IOException e)
        {
            throw new OutputFaultException(e);
        }
    }

    public override void Flush()
    {
        try
        {
            _inner.Flush();
        }
        catch (IOException e)
        {
            throw new OutputFaultException(e);
        }
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
