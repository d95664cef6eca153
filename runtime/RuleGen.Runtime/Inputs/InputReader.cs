using System;
using System.IO;
using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;

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
public sealed partial class InputReader
{
    private const int ChunkSize = 1 << 16;

    [GeneratedRegex(@"^\{\s*""Records""\s*:\s*\[")]
    private static partial Regex RecordsStart();

    public static Stream Open(string path)
    {
        if (path == "-") return Console.OpenStandardInput();
        if (Directory.Exists(path)) throw new IOException("is a directory");
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.SequentialScan);
    }

    /// <summary>Why <paramref name="path"/> could not be opened or read, as a Unix tool would say it.</summary>
    public static string Describe(Exception e, string path) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file",
        UnauthorizedAccessException => "permission denied",
        IOException { Message: "is a directory" } => "is a directory",
        _ => e.Message.Replace(path, string.Empty, StringComparison.Ordinal).Trim(' ', '\'', ':', '.'),
    };

    /// <summary>Reads every document of <paramref name="input"/>; returns the detected format.</summary>
    /// <param name="input">The bytes, gzip-compressed or not.</param>
    /// <param name="onDocument">Called for each document, with the line it starts on.</param>
    /// <param name="onProblem">Called for problems between documents (truncation, stray text).</param>
    /// <param name="onChunk">When given, NDJSON comes as chunks of whole lines instead of one document at a time, so
    /// that the lines can be split where they are evaluated (on another thread).</param>
    public static InputFormat Read(Stream input, DocumentHandler onDocument, InputProblemHandler onProblem, NdJsonChunkHandler? onChunk = null)
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
            buffer = new ChunkBuffer(Decompress(input));
        }
        buffer.Fill();
        buffer.SkipBom();
        InputFormat format = Detect(buffer);
        switch (format)
        {
            case InputFormat.NdJson:
                ReadLines(buffer, onDocument, onChunk);
                break;
            case InputFormat.CloudTrailRecords:
            case InputFormat.JsonArray:
                // Step inside the (Records) array; its elements are the events.
                int open = buffer.Span.IndexOf((byte)'[') + 1;
                long firstLine = 1 + buffer.Span[..open].Count((byte)'\n');
                buffer.Consume(open);
                ReadElements(buffer, format, inArray: true, firstLine, onDocument, onProblem);
                break;
            default:
                ReadElements(buffer, format, inArray: false, 1, onDocument, onProblem);
                break;
        }
        return format;
    }

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

    private static InputFormat Detect(ChunkBuffer buffer)
    {
        ReadOnlySpan<byte> head = buffer.Span;
        int first = 0;
        while (first < head.Length && IsWhiteSpace(head[first])) first++;
        if (first >= head.Length) return InputFormat.NdJson;
        if (head[first] == (byte)'[') return InputFormat.JsonArray;
        if (head[first] != (byte)'{') return InputFormat.NdJson;

        string start = System.Text.Encoding.UTF8.GetString(head.Slice(first, Math.Min(256, head.Length - first)));
        if (RecordsStart().IsMatch(start)) return InputFormat.CloudTrailRecords;

        // NDJSON when the first line holds a whole object; otherwise objects spread over lines.
        int newline = head.Slice(first).IndexOf((byte)'\n');
        if (newline < 0) return InputFormat.NdJson;
        var splitter = new ElementSplitter(inArray: false);
        foreach (byte b in head.Slice(first, newline))
        {
            splitter.Step(b);
        }
        return splitter.Depth == 0 ? InputFormat.NdJson : InputFormat.JsonStream;
    }

    private static void ReadLines(ChunkBuffer buffer, DocumentHandler onDocument, NdJsonChunkHandler? onChunk)
    {
        long line = 1;
        if (onChunk is null)
        {
            // One pass: each line handed over as it is found.
            while (true)
            {
                ReadOnlySpan<byte> span = buffer.Span;
                int newline = span.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    if (buffer.Fill()) continue;
                    ForEachLine(buffer.Span, line, onDocument);
                    return;
                }
                EmitLine(span[..newline], line++, onDocument);
                buffer.Consume(newline + 1);
            }
        }
        while (true)
        {
            ReadOnlySpan<byte> span = buffer.Span;
            // Whole lines, up to about a chunk's worth (a longer line is taken whole).
            ReadOnlySpan<byte> window = span.Length > MaxChunk ? span[..MaxChunk] : span;
            int last = window.LastIndexOf((byte)'\n');
            if (last < 0 && span.Length > MaxChunk) last = span.IndexOf((byte)'\n');
            if (last < 0)
            {
                if (buffer.Fill()) continue;
                // The last line, without a newline.
                span = buffer.Span;
                if (span.Length > 0) Lines(span, line, onDocument, onChunk);
                return;
            }
            ReadOnlySpan<byte> lines = span[..(last + 1)];
            Lines(lines, line, onDocument, onChunk);
            line += lines.Count((byte)'\n');
            buffer.Consume(last + 1);
        }
    }

    private const int MaxChunk = 1 << 20;

    private static void Lines(ReadOnlySpan<byte> lines, long firstLine, DocumentHandler onDocument, NdJsonChunkHandler? onChunk)
    {
        if (onChunk is not null) onChunk(lines, firstLine);
        else ForEachLine(lines, firstLine, onDocument);
    }

    /// <summary>
    /// The documents of NDJSON text that starts on <paramref name="firstLine"/>: one per line, CR trimmed, blank
    /// lines skipped. For NDJSON a document's record ordinal is its line number, whoever splits the lines.
    /// </summary>
    public static void ForEachLine(ReadOnlySpan<byte> lines, long firstLine, DocumentHandler onDocument)
    {
        long line = firstLine;
        while (!lines.IsEmpty)
        {
            int newline = lines.IndexOf((byte)'\n');
            EmitLine(newline < 0 ? lines : lines[..newline], line++, onDocument);
            lines = newline < 0 ? default : lines[(newline + 1)..];
        }
    }

    /// <summary>One NDJSON line: CR trimmed, blank lines skipped.</summary>
    private static void EmitLine(ReadOnlySpan<byte> text, long line, DocumentHandler onDocument)
    {
        if (text.Length > 0 && text[^1] == (byte)'\r') text = text[..^1];
        if (!text.Trim(" \t"u8).IsEmpty) onDocument(text, line, InputFormat.NdJson);
    }

    private static void ReadElements(ChunkBuffer buffer, InputFormat format, bool inArray, long line, DocumentHandler onDocument, InputProblemHandler onProblem)
    {
        var splitter = new ElementSplitter(inArray);
        int scanned = 0;
        int elementStart = -1;
        long elementLine = 0;
        while (true)
        {
            ReadOnlySpan<byte> span = buffer.Span;
            while (scanned < span.Length)
            {
                // Inside an element the splitter jumps (vectorised) to the next quote, backslash or bracket.
                int at = splitter.Skip(span, scanned);
                line += span[scanned..at].Count((byte)'\n');
                scanned = at;
                if (scanned >= span.Length) break;
                byte b = span[scanned];
                ElementSplitter.Event e = splitter.Step(b);
                if (e == ElementSplitter.Event.Start)
                {
                    elementStart = scanned;
                    elementLine = line;
                }
                if (b == (byte)'\n') line++;
                scanned++;
                if (e == ElementSplitter.Event.End)
                {
                    onDocument(span[elementStart..scanned], elementLine, format);
                    elementStart = -1;
                }
                else if (e == ElementSplitter.Event.Stray)
                {
                    onProblem(line, inArray ? "an array element is not a JSON object; skipped to the next element" : "text between events is not JSON; skipped");
                }
                else if (e == ElementSplitter.Event.Closed)
                {
                    return;
                }
            }
            // Keep only the unfinished element; read more.
            int keep = elementStart >= 0 ? elementStart : scanned;
            buffer.Consume(keep);
            scanned -= keep;
            if (elementStart >= 0) elementStart = 0;
            if (!buffer.Fill())
            {
                if (elementStart >= 0) onProblem(elementLine, "the input ends inside this event (truncated file?)");
                else if (inArray) onProblem(line, "the input ends before the closing ']'");
                return;
            }
        }
    }

    private static bool IsWhiteSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    /// <summary>
    /// Finds where top-level objects start and end, byte by byte, with string and escape tracking, so that brackets
    /// inside strings do not count. In an array it also sees the closing bracket.
    /// </summary>
    internal struct ElementSplitter
    {
        public enum Event : byte { None, Start, End, Stray, Closed }

        private readonly bool _inArray;
        private bool _inString;
        private bool _escaped;
        private bool _stray;

        public ElementSplitter(bool inArray) => _inArray = inArray;

        public int Depth { get; private set; }

        private static readonly System.Buffers.SearchValues<byte> StringSpecial = System.Buffers.SearchValues.Create("\"\\"u8);
        private static readonly System.Buffers.SearchValues<byte> Structural = System.Buffers.SearchValues.Create("\"{}[]"u8);

        /// <summary>
        /// The position of the next byte <see cref="Step"/> must see: inside a string, the next quote or backslash;
        /// inside an element, the next quote or bracket; between elements, the next byte. Bytes skipped over change
        /// nothing but the line count.
        /// </summary>
        public readonly int Skip(ReadOnlySpan<byte> span, int from)
        {
            if (_escaped || (Depth == 0 && !_inString)) return from;
            int found = span[from..].IndexOfAny(_inString ? StringSpecial : Structural);
            return found < 0 ? span.Length : from + found;
        }

        public Event Step(byte b)
        {
            if (_inString)
            {
                if (_escaped) _escaped = false;
                else if (b == (byte)'\\') _escaped = true;
                else if (b == (byte)'"') _inString = false;
                return Event.None;
            }
            if (Depth == 0)
            {
                if (IsWhiteSpace(b) || b == (byte)',')
                {
                    _stray = false;
                    return Event.None;
                }
                if (b == (byte)'{')
                {
                    Depth = 1;
                    _stray = false;
                    return Event.Start;
                }
                if (_inArray && b == (byte)']') return Event.Closed;
                if (b == (byte)'"') _inString = true;
                if (_stray) return Event.None;
                _stray = true;
                return Event.Stray;
            }
            switch (b)
            {
                case (byte)'"':
                    _inString = true;
                    break;
                case (byte)'{':
                case (byte)'[':
                    Depth++;
                    break;
                case (byte)'}':
                case (byte)']':
                    Depth--;
                    if (Depth == 0) return Event.End;
                    break;
            }
            return Event.None;
        }
    }

    /// <summary>A sliding window over a stream: holds the unconsumed bytes, refills in chunks.</summary>
    private sealed class ChunkBuffer
    {
        private readonly Stream? _stream;
        private byte[] _buffer;
        private int _start;
        private int _end;
        private bool _eof;

        public ChunkBuffer(Stream stream)
        {
            _stream = stream;
            _buffer = new byte[ChunkSize * 2];
        }

        /// <summary>A window over bytes that are all there already: no copy, no refill.</summary>
        public ChunkBuffer(ArraySegment<byte> bytes)
        {
            _buffer = bytes.Array!;
            _start = bytes.Offset;
            _end = bytes.Offset + bytes.Count;
            _eof = true;
        }

        public ReadOnlySpan<byte> Span => _buffer.AsSpan(_start, _end - _start);

        public void Consume(int count) => _start += count;

        public void SkipBom()
        {
            if (Span.StartsWith("\uFEFF"u8)) _start += 3;
        }

        /// <summary>Reads more bytes; false at the end of the stream.</summary>
        public bool Fill()
        {
            _fault?.Throw();
            if (_eof) return false;
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            // Streams may return a few bytes at a time (gzip, pipes); format detection wants a real look ahead.
            int free = _buffer.Length - _end;
            int want = Math.Min(free, ChunkSize);
            int read = 0;
            try
            {
                while (read < want)
                {
                    int n = _stream!.Read(_buffer.AsSpan(_end + read, free - read));
                    if (n == 0)
                    {
                        _eof = true;
                        break;
                    }
                    read += n;
                }
            }
            catch (Exception e) when (read > 0)
            {
                // A fault (damaged gzip, an I/O error) after some bytes: they are handed over first, the fault on
                // the next fill, so that every document before the fault is read (ReadAtLeast would drop them).
                _fault = ExceptionDispatchInfo.Capture(e);
            }
            _end += read;
            return read > 0;
        }

        private ExceptionDispatchInfo? _fault;
    }

    /// <summary>Replays bytes already read (the gzip sniff), then the rest of the stream.</summary>
    private sealed class PrefixStream : Stream
    {
        private readonly byte[] _prefix;
        private readonly Stream _inner;
        private int _position;

        public PrefixStream(byte[] prefix, Stream inner)
        {
            _prefix = prefix;
            _inner = inner;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position < _prefix.Length)
            {
                int n = Math.Min(count, _prefix.Length - _position);
                Array.Copy(_prefix, _position, buffer, offset, n);
                _position += n;
                return n < count ? n + _inner.Read(buffer, offset + n, count - n) : n;
            }
            return _inner.Read(buffer, offset, count);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
