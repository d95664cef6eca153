using System;

namespace RuleGen.Runtime;

/// <summary>
/// NDJSON: one event per line, whatever the line ends (LF, CRLF, a lone CR). A line longer than the maximum event
/// size is reported and read past without being held. Lines can be handed over one by one, or as chunks of whole
/// lines for another thread to split with <see cref="ForEachLine"/>: both number lines the same way.
/// </summary>
internal static class LineReader
{
    /// <summary>About how many bytes of whole lines make one chunk.</summary>
    private const int MaxChunk = 1 << 20;

    public static void Read(ChunkBuffer buffer, LineOptions options, DocumentHandler onDocument, InputProblemHandler onProblem, NdJsonChunkHandler? onChunk)
    {
        long line = 1;
        while (true)
        {
            ReadOnlySpan<byte> span = buffer.Span;
            int end;
            if (onChunk is null)
            {
                int at = LineEnds.Next(span, buffer.AtEnd, out int length);
                end = at < 0 ? -1 : at + length;
                if (end >= 0)
                {
                    EmitLine(span[..at], line++, options, onDocument, onProblem);
                    buffer.Consume(end);
                    continue;
                }
            }
            else
            {
                // Whole lines, up to about a chunk's worth (a longer line is taken whole).
                ReadOnlySpan<byte> window = span.Length > MaxChunk ? span[..MaxChunk] : span;
                end = LineEnds.LastEnd(window, buffer.AtEnd && window.Length == span.Length);
                if (end < 0 && span.Length > MaxChunk)
                {
                    int at = LineEnds.Next(span, buffer.AtEnd, out int length);
                    end = at < 0 ? -1 : at + length;
                }
                if (end >= 0)
                {
                    ReadOnlySpan<byte> lines = span[..end];
                    onChunk(lines, line);
                    line += LineEnds.Count(lines);
                    buffer.Consume(end);
                    continue;
                }
            }
            if (span.Length > options.MaxEventBytes)
            {
                onProblem(line, InputReader.TooLarge(options.MaxEventBytes));
                if (!SkipLine(buffer)) return;
                line++;
                continue;
            }
            if (buffer.Fill()) continue;
            // The last line, without a line end.
            span = buffer.Span;
            if (span.IsEmpty) return;
            if (onChunk is null) EmitLine(span, line, options, onDocument, onProblem);
            else onChunk(span, line);
            return;
        }
    }

    /// <summary>Reads past the rest of an oversized line, holding at most a buffer of it; false at the end of input.</summary>
    private static bool SkipLine(ChunkBuffer buffer)
    {
        while (true)
        {
            ReadOnlySpan<byte> span = buffer.Span;
            int at = LineEnds.Next(span, buffer.AtEnd, out int length);
            if (at >= 0)
            {
                buffer.Consume(at + length);
                return true;
            }
            // Keep a trailing CR: it may be the first half of a CRLF.
            buffer.Consume(span.Length > 0 && span[^1] == (byte)'\r' ? span.Length - 1 : span.Length);
            if (!buffer.Fill()) return false;
        }
    }

    /// <summary>
    /// The documents of NDJSON text that starts on <paramref name="firstLine"/>: one per line, blank lines
    /// skipped. For NDJSON a document's record ordinal is its line number, whoever splits the lines.
    /// </summary>
    public static void ForEachLine(ReadOnlySpan<byte> lines, long firstLine, LineOptions options, DocumentHandler onDocument, InputProblemHandler onProblem)
    {
        long line = firstLine;
        while (!lines.IsEmpty)
        {
            int at = LineEnds.Next(lines, final: true, out int length);
            if (at < 0)
            {
                EmitLine(lines, line, options, onDocument, onProblem);
                return;
            }
            EmitLine(lines[..at], line++, options, onDocument, onProblem);
            lines = lines[(at + length)..];
        }
    }

    /// <summary>One NDJSON line: blank lines skipped; a line that holds an array or a CloudTrail Records document
    /// (a file cat'ed after NDJSON) is read as the documents it holds, when the layout was detected.</summary>
    private static void EmitLine(ReadOnlySpan<byte> text, long line, LineOptions options, DocumentHandler onDocument, InputProblemHandler onProblem)
    {
        // A BOM at the start of a line is the start of another file (cat a.ndjson b.ndjson): not part of the event.
        if (text.StartsWith("\uFEFF"u8)) text = text[3..];
        ReadOnlySpan<byte> trimmed = text.TrimStart(" \t"u8);
        if (trimmed.TrimEnd(" \t"u8).IsEmpty) return;
        if (text.Length > options.MaxEventBytes)
        {
            onProblem(line, InputReader.TooLarge(options.MaxEventBytes));
            return;
        }
        if (options.ExpandDocuments && (trimmed[0] == (byte)'[' || InputReader.RecordsOpening(trimmed) > 0))
        {
            var buffer = new ChunkBuffer(new ArraySegment<byte>(text.ToArray()));
            new DocumentSequenceReader(buffer, allRecords: false, options.MaxEventBytes, line, onDocument, onProblem).Run();
            return;
        }
        onDocument(text, line, InputFormat.NdJson);
    }
}

/// <summary>How NDJSON lines are read.</summary>
/// <param name="MaxEventBytes">A longer line is reported and skipped.</param>
/// <param name="ExpandDocuments">Lines holding an array or a Records document yield their elements (detected
/// layout); off when NDJSON was forced, where every line is one event.</param>
public readonly record struct LineOptions(long MaxEventBytes, bool ExpandDocuments);
