using System;
using System.IO;

namespace RuleGen.Runtime;

/// <summary>Receives each document of an input, with the line it starts on.</summary>
public delegate void DocumentHandler(ReadOnlySpan<byte> document, long line, InputFormat format);

/// <summary>Receives whole lines of NDJSON (starting on <paramref name="firstLine"/>) for someone else to split.</summary>
public delegate void NdJsonChunkHandler(ReadOnlySpan<byte> lines, long firstLine);

/// <summary>Receives a problem in an input that is not inside one document (a truncated array, …).</summary>
public delegate void InputProblemHandler(long line, string reason);

/// <summary>
/// Streams the documents out of one input, of any size, in bounded memory: gzip is detected by its magic bytes and
/// inflated on the fly (every member, each checked: <see cref="GzipMemberStream"/>), a UTF-8 BOM and CRLF line ends are accepted, and the layout (NDJSON, JSON array, CloudTrail
/// <c>{"Records":[…]}</c>, pretty-printed objects) is detected from the first bytes. Only one document is held at a
/// time. A document's own JSON is not validated here: the scanner does that, so one bad event is one report.
/// </summary>
public sealed class InputReader
{
    private const int ChunkSize = ChunkBuffer.ChunkSize;

    public static Stream Open(string path)
    {
        if (path == "-") return Console.OpenStandardInput();
        if (Directory.Exists(path)) throw new IOException("is a directory");
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
    }

    /// <summary>Whether a folder named in <paramref name="path"/> is a file (ENOTDIR: "f.json/child").</summary>
    private static bool UnderAFile(string path)
    {
        for (string? dir = Path.GetDirectoryName(path); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(dir)) return true;
        }
        return false;
    }

    /// <summary>Why <paramref name="path"/> could not be opened or read, as a Unix tool would say it.</summary>
    public static string Describe(Exception e, string path) => e switch
    {
        DirectoryNotFoundException when UnderAFile(path) => "not a directory",
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied",
        IOException { Message: "is a directory" } => "is a directory",
        _ => e.Message.Replace(path, string.Empty, StringComparison.Ordinal).Trim(' ', '\'', ':', '.'),
    };

    /// <summary>Reads every document of <paramref name="input"/>; returns the layout of its first document.</summary>
    /// <param name="input">The bytes, gzip-compressed or not.</param>
    /// <param name="onDocument">Called for each document, with the line it starts on.</param>
    /// <param name="onProblem">Called for what is not an event (text between documents, a non-object array
    /// element, a broken or oversized event, truncation), with its line.</param>
    /// <param name="onChunk">When given, NDJSON comes as chunks of whole lines instead of one document at a time, so
    /// that the lines can be split where they are evaluated (on another thread) with <see cref="ForEachLine"/>.</param>
    /// <param name="layout">Detected from the first bytes, or forced.</param>
    /// <param name="maxEventBytes">The largest event read; a longer one is reported and skipped unbuffered.</param>
    /// <param name="cancel">Ends the reading, a read that waits for input included (OperationCanceledException).</param>
    /// <param name="onDetected">Told the layout before the first document: NdJson means every document comes from a
    /// line (an array or Records line's elements too), whose number is its record ordinal.</param>
    /// <exception cref="InputFaultException">The input could not be read further (after every document before the
    /// fault was handed over).</exception>
    public static InputFormat Read(Stream input, DocumentHandler onDocument, InputProblemHandler onProblem, NdJsonChunkHandler? onChunk = null,
        InputLayout layout = InputLayout.Detect, long maxEventBytes = ScanOptions.DefaultMaxEventBytes, System.Threading.CancellationToken cancel = default,
        Action<InputFormat>? onDetected = null)
    {
        // Bytes already in memory (a MemoryStream over an array) are read where they are, not copied; gzip aside.
        ChunkBuffer buffer;
        if (input is MemoryStream memory && memory.TryGetBuffer(out ArraySegment<byte> segment)
            && !(segment.Count - (int)memory.Position >= 2 && segment[(int)memory.Position] == 0x1F && segment[(int)memory.Position + 1] == 0x8B))
        {
            buffer = new ChunkBuffer(segment.Slice((int)memory.Position));
        }
        else
        {
            Stream decompressed;
            try
            {
                decompressed = Decompress(input);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputFaultException($"read error: {e.Message}", e);
            }
            // Only a source that can wait for input (a pipe, a FIFO, a terminal: not seekable) needs reads that a
            // cancellation can end; a file's reads stay plain synchronous calls, as fast as they come.
            buffer = new ChunkBuffer(decompressed, maxEventBytes, input.CanSeek ? default : cancel);
        }
        buffer.Fill();
        buffer.SkipBom();
        InputFormat format = Detect(buffer, layout);
        onDetected?.Invoke(format);
        if (format == InputFormat.NdJson)
        {
            LineReader.Read(buffer, new LineOptions(maxEventBytes, layout == InputLayout.Detect), onDocument, onProblem, onChunk);
        }
        else
        {
            new DocumentSequenceReader(buffer, allRecords: layout == InputLayout.Records, maxEventBytes, 1, onDocument, onProblem).Run();
        }
        return format;
    }

    /// <summary>The documents of NDJSON lines handed over as a chunk (see <see cref="Read"/>'s onChunk).</summary>
    public static void ForEachLine(ReadOnlySpan<byte> lines, long firstLine, LineOptions options, DocumentHandler onDocument, InputProblemHandler onProblem) =>
        LineReader.ForEachLine(lines, firstLine, options, onDocument, onProblem);

    /// <summary>Bytes needed to recognise the opening of a Records document.</summary>
    internal const int RecordsLookahead = 256;

    /// <summary>
    /// The length of <c>{"Records":[</c> (any JSON whitespace between the tokens) at the start of
    /// <paramref name="text"/>, or 0. Checked byte by byte, without allocating: every NDJSON line is asked.
    /// </summary>
    internal static int RecordsOpening(ReadOnlySpan<byte> text)
    {
        int i = 0;
        if (!Token(text, ref i, "{"u8) || !Token(text, ref i, "\"Records\""u8) || !Token(text, ref i, ":"u8) || !Token(text, ref i, "["u8)) return 0;
        return i;
    }

    private static bool Token(ReadOnlySpan<byte> text, ref int i, ReadOnlySpan<byte> token)
    {
        while (i < text.Length && IsWhiteSpace(text[i])) i++;
        if (!text[i..].StartsWith(token)) return false;
        i += token.Length;
        return true;
    }

    /// <summary>The report of an event over the maximum size, whichever reader met it.</summary>
    internal static string TooLarge(long max) => $"the event is larger than {Size(max)} (the maximum event size); skipped";

    /// <summary>A size in a user's words: 64 MiB, 1,000 bytes.</summary>
    internal static string Size(long bytes) =>
        bytes % (1 << 20) == 0 ? $"{bytes >> 20:N0} MiB" : bytes % 1024 == 0 ? $"{bytes >> 10:N0} KiB" : $"{bytes:N0} bytes";

    private static Stream Decompress(Stream input)
    {
        var buffered = new BufferedStream(input, ChunkSize);
        Span<byte> magic = stackalloc byte[2];
        // Peek: BufferedStream keeps what it read, so reading and seeking back is not needed; wrap a replaying stream.
        int read = buffered.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        Stream replay = new PrefixStream(magic[..read].ToArray(), buffered);
        // Not GZipStream: it accepts truncated members and trailing garbage silently (see GzipMemberStream).
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B ? new GzipMemberStream(replay) : replay;
    }

    private static InputFormat Detect(ChunkBuffer buffer, InputLayout layout)
    {
        switch (layout)
        {
            case InputLayout.NdJson:
                return InputFormat.NdJson;
            case InputLayout.Records:
                return InputFormat.CloudTrailRecords;
        }
        ReadOnlySpan<byte> head = buffer.Span;
        int first = 0;
        while (first < head.Length && IsWhiteSpace(head[first])) first++;
        if (first >= head.Length) return layout == InputLayout.Json ? InputFormat.JsonStream : InputFormat.NdJson;
        if (head[first] == (byte)'[') return InputFormat.JsonArray;
        if (RecordsOpening(head[first..]) > 0) return InputFormat.CloudTrailRecords;
        if (layout == InputLayout.Json) return InputFormat.JsonStream;
        if (head[first] != (byte)'{') return InputFormat.NdJson;

        // NDJSON when the first line holds a whole object; also when it does not but the next line does (a broken
        // first line must not turn a whole NDJSON file into one pretty-printed "event"). Otherwise objects are
        // spread over lines.
        ReadOnlySpan<byte> rest = head[first..];
        int end = LineEnds.Next(rest, buffer.AtEnd, out int length);
        // Objects glued one after another on the first line (no line ends between them) are a JSON stream, as jq
        // reads them.
        if (GluedObjects(end < 0 ? rest : rest[..end])) return InputFormat.JsonStream;
        if (end < 0 || IsWholeObject(rest[..end])) return InputFormat.NdJson;
        rest = rest[(end + length)..];
        while (true)
        {
            int next = LineEnds.Next(rest, buffer.AtEnd, out length);
            ReadOnlySpan<byte> line = next < 0 ? rest : rest[..next];
            if (!line.Trim(" \t"u8).IsEmpty) return line[0] == (byte)'{' && IsWholeObject(line) ? InputFormat.NdJson : InputFormat.JsonStream;
            if (next < 0) return InputFormat.JsonStream;
            rest = rest[(next + length)..];
        }
    }

    /// <summary>Whether <paramref name="line"/> starts with a whole object followed directly by another '{'.</summary>
    private static bool GluedObjects(ReadOnlySpan<byte> line)
    {
        int end = FirstValueEnd(line);
        if (end < 0) return false;
        ReadOnlySpan<byte> after = line[end..].TrimStart(" \t"u8);
        return !after.IsEmpty && after[0] == (byte)'{';
    }

    /// <summary>Whether <paramref name="line"/> is one value that opens with its first byte and closes on the line.</summary>
    private static bool IsWholeObject(ReadOnlySpan<byte> line)
    {
        int end = FirstValueEnd(line);
        return end >= 0 && line[end..].Trim(" \t"u8).IsEmpty;
    }

    /// <summary>The index after the value that opens <paramref name="line"/> at its first byte, or -1.</summary>
    private static int FirstValueEnd(ReadOnlySpan<byte> line)
    {
        var splitter = new ElementSplitter();
        for (int i = 0; i < line.Length; i++)
        {
            ElementSplitter.Event e = splitter.Step(line[i]);
            if (e == ElementSplitter.Event.Broken || (i == 0 && e != ElementSplitter.Event.Start)) return -1;
            if (e == ElementSplitter.Event.End) return i + 1;
        }
        return -1;
    }

    /// <summary>How CloudTrail begins every record: the mark the readers resynchronise on after damage.</summary>
    internal static ReadOnlySpan<byte> CloudTrailRecordStart => "{\"eventVersion\""u8;

    /// <summary>Whether a raw record holds the start of another record after its own: it is damaged, and the records
    /// inside it can still be recovered.</summary>
    internal static bool HoldsAnotherRecord(ReadOnlySpan<byte> record) =>
        record.Length > 1 && record[1..].IndexOf(CloudTrailRecordStart) >= 0;

    private static bool IsWhiteSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>Replays bytes already read (the gzip sniff), then the rest of the stream.</summary>
    private sealed class PrefixStream : ReadOnlyStream
    {
        private readonly byte[] _prefix;
        private readonly Stream _inner;
        private int _position;

        public PrefixStream(byte[] prefix, Stream inner)
        {
            _prefix = prefix;
            _inner = inner;
        }

        // Span reads pass straight through: Stream's default would rent and copy a buffer as large as the request
        // (measured: 76 MB extra to read one 64 MB event).
        public override int Read(Span<byte> buffer)
        {
            if (_position < _prefix.Length)
            {
                int n = Math.Min(buffer.Length, _prefix.Length - _position);
                _prefix.AsSpan(_position, n).CopyTo(buffer);
                _position += n;
                return n < buffer.Length ? n + _inner.Read(buffer[n..]) : n;
            }
            return _inner.Read(buffer);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
