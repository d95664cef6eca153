using System;

namespace RuleGen.Runtime;

/// <summary>
/// Reads JSON documents one after another, of any kind, however they were concatenated (<c>cat a.json b.json</c>,
/// several gzip members): objects are events; arrays' elements are events; the records of a CloudTrail
/// <c>{"Records":[…]}</c> file are raw CloudTrail events. Values are delimited by their real JSON nesting
/// (<see cref="ElementSplitter"/>). Everything that is not an event is reported, never silently dropped: an array
/// element that is not an object, text between documents, an event larger than the maximum size (skipped without
/// being held whole), a broken event (reported, then reading starts again at a line boundary, so one damaged event
/// never swallows the events after it), and an input that ends inside a document.
/// </summary>
internal sealed class DocumentSequenceReader
{
    private enum Context : byte { Top, Array, RecordsArray, WrapperTail }

    private readonly ChunkBuffer _buffer;
    private readonly bool _allRecords;
    private readonly long _maxEventBytes;
    private readonly DocumentHandler _onDocument;
    private readonly InputProblemHandler _onProblem;

    private ElementSplitter _splitter;
    private Context _context;
    private long _line;
    private int _scanned;
    private int _elementStart = -1;
    private long _elementLine;
    private bool _discard;       // the open value is read past, not handed over (too large, or the wrapper's tail)
    private bool _strayReported; // one report per run of text between documents
    private bool _scalar, _scalarString, _scalarEscaped; // reading past a scalar array element
    private bool _seekingRecord; // after damage in a Records array: looking for the next record

    public DocumentSequenceReader(ChunkBuffer buffer, bool allRecords, long maxEventBytes, long firstLine, DocumentHandler onDocument, InputProblemHandler onProblem)
    {
        _buffer = buffer;
        _allRecords = allRecords;
        _maxEventBytes = maxEventBytes;
        _line = firstLine;
        _onDocument = onDocument;
        _onProblem = onProblem;
    }

    public void Run()
    {
        while (true)
        {
            ReadOnlySpan<byte> span = _buffer.Span;
            while (_scanned < span.Length)
            {
                if (_seekingRecord)
                {
                    SeekRecord(span);
                    if (_seekingRecord) break; // not in these bytes: read more (the kept tail first)
                    continue;
                }
                if (_scalar)
                {
                    ContinueScalar(span);
                    continue;
                }
                if (_splitter.Depth == 0)
                {
                    if (!BetweenValues(ref span)) break;
                    continue;
                }
                InsideValue(span);
            }
            // Keep only the unfinished value (unless it is being read past); read more.
            int keep = _elementStart >= 0 && !_discard ? _elementStart : _scanned;
            _buffer.Consume(keep);
            _scanned -= keep;
            if (_elementStart >= 0) _elementStart = _discard ? -1 : 0;
            if (!_buffer.Fill())
            {
                Finish();
                return;
            }
        }
    }

    /// <summary>One step between values; false when more bytes are needed first.</summary>
    private bool BetweenValues(ref ReadOnlySpan<byte> span)
    {
        byte b = span[_scanned];
        if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            if (b == (byte)'\n') _line++;
            _scanned++;
            return true;
        }
        switch (_context)
        {
            case Context.Top when b == (byte)'{':
                if (span.Length - _scanned < InputReader.RecordsLookahead && !_buffer.AtEnd) return MoreBytes(ref span);
                int open = InputReader.RecordsOpening(span[_scanned..]);
                if (open > 0)
                {
                    _line += span.Slice(_scanned, open).Count((byte)'\n');
                    _scanned += open;
                    _context = Context.RecordsArray;
                    _strayReported = false;
                    return true;
                }
                StartValue(b);
                return true;
            case Context.Top when b == (byte)'[':
                _context = Context.Array;
                _strayReported = false;
                _scanned++;
                return true;
            case Context.Top:
                Stray(span, "text between events is not JSON; skipped");
                return true;
            case Context.WrapperTail:
                if (b == (byte)'}')
                {
                    _context = Context.Top;
                    _scanned++;
                    return true;
                }
                // More keys after "Records": read past them to the wrapper's closing brace, and say so (CloudTrail
                // writes nothing there; a second "Records" key or garbage would otherwise vanish).
                _onProblem(_line, "the Records document goes on after its array; what follows is not read as events");
                _splitter.Step((byte)'{');
                _discard = true;
                _elementStart = _scanned;
                _elementLine = _line;
                return true;
            default: // inside an array
                if (b == (byte)',')
                {
                    _scanned++;
                    return true;
                }
                if (b == (byte)']')
                {
                    _context = _context == Context.RecordsArray ? Context.WrapperTail : Context.Top;
                    _scanned++;
                    return true;
                }
                if (b is (byte)'{' or (byte)'[')
                {
                    StartValue(b);
                    return true;
                }
                SkipScalar(span);
                return true;
        }
    }

    private bool MoreBytes(ref ReadOnlySpan<byte> span)
    {
        // Nothing is open: drop what was scanned, then read until the lookahead is there (or the input ends).
        _buffer.Consume(_scanned);
        _scanned = 0;
        while (_buffer.Span.Length < InputReader.RecordsLookahead && _buffer.Fill()) { }
        span = _buffer.Span;
        return true;
    }

    private void StartValue(byte b)
    {
        _splitter.Step(b);
        _elementStart = _scanned;
        _elementLine = _line;
        _discard = false;
        _strayReported = false;
        _scanned++;
    }

    private void InsideValue(ReadOnlySpan<byte> span)
    {
        int at = _splitter.Skip(span, _scanned);
        _scanned = at;
        if (at < span.Length)
        {
            byte b = span[at];
            ElementSplitter.Event e = _splitter.Step(b);
            if (e == ElementSplitter.Event.Broken)
            {
                Broken(span, b);
                return;
            }
            if (b == (byte)'\n') _line++;
            _scanned++;
            if (e == ElementSplitter.Event.End)
            {
                Ended(span);
                return;
            }
        }
        if (!_discard && _scanned - _elementStart > _maxEventBytes)
        {
            _onProblem(_elementLine, InputReader.TooLarge(_maxEventBytes));
            _discard = true;
        }
    }

    private void Ended(ReadOnlySpan<byte> span)
    {
        bool wasObject = _splitter.IsObject;
        _splitter.Reset();
        int start = _elementStart;
        _elementStart = -1;
        if (_discard)
        {
            if (_context == Context.WrapperTail) _context = Context.Top;
            _discard = false;
            return;
        }
        if (!wasObject)
        {
            _onProblem(_elementLine, "an array element is an array, not a JSON object; skipped");
            return;
        }
        InputFormat format = _allRecords || _context == Context.RecordsArray ? InputFormat.CloudTrailRecords
            : _context == Context.Array ? InputFormat.JsonArray : InputFormat.JsonStream;
        _onDocument(span[start.._scanned], _elementLine, format);
    }

    /// <summary>
    /// A value that cannot be a JSON value: report it, then start again where the damage cannot reach: at the line
    /// that starts a new event, or after the line end where the damage was seen.
    /// </summary>
    private void Broken(ReadOnlySpan<byte> span, byte at)
    {
        string damage = _splitter.Damage!;
        if (!_discard) _onProblem(_elementLine, $"malformed event: {damage} (line {_line}); the reader starts again at the next {(_context == Context.RecordsArray ? "record" : "line")}");
        if (_context == Context.WrapperTail) _context = Context.Top;
        _splitter.Reset();
        _elementStart = -1;
        _discard = false;
        if (at == (byte)'{') return; // a new event starts here: read it
        if (_context == Context.RecordsArray)
        {
            // In a CloudTrail file (often one line) the next line may be the end of the file: start again at the next
            // record instead; CloudTrail begins every record with {"eventVersion".
            _seekingRecord = true;
            return;
        }
        int end = LineEnds.Next(span[_scanned..], final: true, out int length);
        if (end < 0)
        {
            _scanned = span.Length;
            return;
        }
        _line += span.Slice(_scanned, end + length).Count((byte)'\n');
        _scanned += end + length;
    }

    /// <summary>Reads past bytes up to the next <c>{"eventVersion"</c>, across buffer refills (the last bytes of a
    /// buffer are kept, in case the mark is cut between two).</summary>
    private void SeekRecord(ReadOnlySpan<byte> span)
    {
        int at = span[_scanned..].IndexOf(InputReader.CloudTrailRecordStart);
        if (at >= 0)
        {
            _line += span.Slice(_scanned, at).Count((byte)'\n');
            _scanned += at;
            _seekingRecord = false;
            return;
        }
        int keep = _buffer.AtEnd ? 0 : Math.Min(InputReader.CloudTrailRecordStart.Length - 1, span.Length - _scanned);
        int skip = span.Length - _scanned - keep;
        _line += span.Slice(_scanned, skip).Count((byte)'\n');
        _scanned += skip;
    }

    /// <summary>A number, string, true, false or null where an array element should be an object: reported, then
    /// read past (across buffer refills: the state lives in fields).</summary>
    private void SkipScalar(ReadOnlySpan<byte> span)
    {
        if (!_strayReported) _onProblem(_line, "an array element is not a JSON object; skipped");
        _strayReported = true;
        _scalar = true;
        _scalarString = span[_scanned] == (byte)'"';
        _scalarEscaped = false;
        _scanned++;
        ContinueScalar(span);
    }

    private void ContinueScalar(ReadOnlySpan<byte> span)
    {
        int i = _scanned;
        for (; i < span.Length; i++)
        {
            byte b = span[i];
            if (_scalarString)
            {
                if (_scalarEscaped) _scalarEscaped = false;
                else if (b == (byte)'\\') _scalarEscaped = true;
                else if (b == (byte)'"') _scalarString = false;
                else if (b == (byte)'\n') break;
                continue;
            }
            if (b is (byte)',' or (byte)']' or (byte)'\n' or (byte)'{' or (byte)'[' or (byte)' ' or (byte)'\t' or (byte)'\r') break;
        }
        _scanned = i;
        if (i < span.Length) _scalar = false;
    }

    /// <summary>Text where a document should start: reported once, skipped to the next '{' or '['.</summary>
    private void Stray(ReadOnlySpan<byte> span, string reason)
    {
        if (!_strayReported) _onProblem(_line, reason);
        _strayReported = true;
        int next = span[(_scanned + 1)..].IndexOfAny((byte)'{', (byte)'[');
        int end = next < 0 ? span.Length : _scanned + 1 + next;
        _line += span[_scanned..end].Count((byte)'\n');
        _scanned = end;
    }

    private void Finish()
    {
        if (_splitter.Depth > 0 && !_discard)
        {
            _onProblem(_elementLine, "the input ends inside this event (truncated file?)");
            // Damage that swallowed the rest of a CloudTrail file (a flipped quote): the records inside are still
            // whole; hand the event over so that the evaluator reports it and recovers them.
            ReadOnlySpan<byte> open = _buffer.Span[_elementStart..];
            if ((_allRecords || _context == Context.RecordsArray) && InputReader.HoldsAnotherRecord(open))
            {
                _onDocument(open, _elementLine, InputFormat.CloudTrailRecords);
            }
        }
        else if (_context is Context.Array or Context.RecordsArray) _onProblem(_line, "the input ends before the closing ']'");
        else if (_context == Context.WrapperTail) _onProblem(_line, "the input ends before the Records file's closing '}'");
    }
}
