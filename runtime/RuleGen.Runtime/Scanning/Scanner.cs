using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace RuleGen.Runtime;

/// <summary>
/// Runs a rule set over inputs of any size. One thread reads and splits the input (decompressing gzip on the way)
/// into batches of about two megabytes, cut at document boundaries; the other cores evaluate batches, each with its
/// own <see cref="EventEvaluator"/>; results come back in input order (unless <see cref="ScanOptions.Ordered"/> is
/// off), so alerts are the same whatever the thread count. At most two batches per thread are in flight: memory
/// stays bounded however large the input. Callbacks run on the calling thread.
/// </summary>
public sealed class Scanner
{
    private const int BatchBytes = 2 << 20;

    /// <summary>Documents per batch at most: an array of 3-byte events would otherwise put 700,000 items (33 MB of
    /// bookkeeping) in one 2 MB batch (measured: 581 MB for 40 M tiny elements on two threads).</summary>
    private const int BatchItems = 16_384;

    private readonly RuleSet _rules;
    private readonly ScanOptions _options;
    private readonly EventEvaluator _first;
    private readonly ConcurrentBag<EventEvaluator> _idle = new();
    private readonly List<EventEvaluator> _all = new();
    private long _files;

    public Scanner(RuleSet rules, ScanOptions? options = null)
    {
        _rules = rules;
        _options = options ?? new ScanOptions();
        if (_options.MaxEventBytes is < 1024 or > 1L << 30)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxEventBytes, "MaxEventBytes must be from 1 KiB to 1 GiB");
        }
        _first = NewEvaluator();
    }

    /// <summary>Threads evaluating events: <see cref="ScanOptions.Threads"/>, or every core when it is 0.</summary>
    public int Threads => _options.Threads > 0 ? _options.Threads : Environment.ProcessorCount;

    /// <summary>Counts so far, summed over the evaluators (readable while a scan runs, for progress).</summary>
    public ScanStatistics Statistics
    {
        get
        {
            var total = new ScanStatistics { Files = System.Threading.Interlocked.Read(ref _files) };
            lock (_all)
            {
                foreach (EventEvaluator e in _all) total.Add(e.Statistics);
            }
            return total;
        }
    }

    /// <summary>
    /// Scans a file (or "-" for standard input). Problems are reported as "FILE:LINE: reason"; an input that cannot
    /// be opened (missing, a folder, no permission) or read to its end (an I/O error, damaged gzip) is reported as
    /// "FILE: reason" after everything read before the fault, counted in <see cref="ScanStatistics.InputErrors"/>,
    /// and false is returned. Exceptions thrown by <paramref name="onMatch"/> or <paramref name="onProblem"/> (a
    /// closed output) end the scan and reach the caller.
    /// </summary>
    public bool ScanFile(string path, Action<RuleMatch> onMatch, Action<string> onProblem)
    {
        Stream stream;
        try
        {
            stream = InputReader.Open(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            System.Threading.Interlocked.Increment(ref _files);
            _first.ReportInputError($"{path}: {InputReader.Describe(e, path)}", onProblem);
            return false;
        }
        using (stream)
        {
            return ScanStream(stream, path, onMatch, onProblem);
        }
    }

    /// <summary>Scans a stream named <paramref name="name"/> in reports; see <see cref="ScanFile"/>.</summary>
    public bool ScanStream(Stream stream, string name, Action<RuleMatch> onMatch, Action<string> onProblem)
    {
        try
        {
            ScanStreamCore(stream, name, onMatch, onProblem);
            return true;
        }
        catch (InputFaultException e)
        {
            _first.ReportInputError($"{name}: {e.Message}", onProblem);
            return false;
        }
    }

    private void ScanStreamCore(Stream stream, string name, Action<RuleMatch> onMatch, Action<string> onProblem)
    {
        System.Threading.Interlocked.Increment(ref _files);
        System.Threading.CancellationToken cancel = _options.Cancellation;
        long record = 0;
        LineOptions lineOptions = LineOptionsFor(_options);
        if (Threads == 1)
        {
            InputProblemHandler problem = ReaderProblems(_first, name, onProblem);
            // In NDJSON a document's ordinal is its line, whoever splits the lines (the workers do with 2 threads),
            // elements of an array or Records line included; elsewhere documents are counted.
            bool lines = false;
            InputReader.Read(
                stream,
                (document, line, format) =>
                {
                    cancel.ThrowIfCancellationRequested();
                    long ordinal = lines ? line : ++record;
                    _first.Evaluate(document, new DocumentPosition(name, line, ordinal), format, onMatch, onProblem);
                },
                problem,
                layout: _options.Layout,
                maxEventBytes: _options.MaxEventBytes,
                cancel: cancel,
                onDetected: format => lines = format == InputFormat.NdJson);
            return;
        }

        var inFlight = new List<Task<List<Result>>>();
        Batch batch = new(name, lineOptions);
        void Dispatch()
        {
            if (batch.IsEmpty) return;
            while (inFlight.Count >= Threads * 2) Deliver(inFlight, onMatch, onProblem);
            Batch ready = batch;
            batch = new Batch(name, lineOptions);
            // The reading thread only reads: measured on 2 cores, letting it also evaluate every N-th batch left the
            // workers waiting on it (1.38x against 1.65x for two threads).
            inFlight.Add(Task.Run(() => Evaluate(ready)));
        }
        // A document larger than a batch is evaluated here, where it lies in the reader's buffer, after everything
        // before it has been delivered: copying it into a batch would hold it twice.
        bool Inline(int length)
        {
            if (length < BatchBytes) return false;
            Dispatch();
            while (inFlight.Count > 0) Deliver(inFlight, onMatch, onProblem);
            return true;
        }
        bool delivering = true;
        try
        {
            InputReader.Read(
                stream,
                (document, line, format) =>
                {
                    cancel.ThrowIfCancellationRequested();
                    long ordinal = ++record; // NDJSON lines come as chunks; these are JSON documents
                    if (Inline(document.Length))
                    {
                        _first.Evaluate(document, new DocumentPosition(name, line, ordinal), format, onMatch, onProblem);
                        return;
                    }
                    batch.Add(document, line, ordinal, format, isChunk: false);
                    if (batch.Bytes >= BatchBytes || batch.Items.Count >= BatchItems) Dispatch();
                },
                (line, reason) =>
                {
                    batch.AddProblem($"{name}:{line}: {reason}");
                    if (batch.Items.Count >= BatchItems) Dispatch();
                },
                // NDJSON: whole lines go to the workers, which split them; the reader only cuts at line ends.
                (lines, firstLine) =>
                {
                    cancel.ThrowIfCancellationRequested();
                    if (Inline(lines.Length))
                    {
                        EvaluateLines(_first, lines, firstLine, name, lineOptions, onMatch, onProblem);
                        return;
                    }
                    batch.Add(lines, firstLine, 0, InputFormat.NdJson, isChunk: true);
                    if (batch.Bytes >= BatchBytes) Dispatch();
                },
                _options.Layout,
                _options.MaxEventBytes,
                cancel);
            Dispatch();
        }
        catch (InputFaultException)
        {
            // The documents read before the fault are evaluated and delivered before it is reported.
            Dispatch();
            throw;
        }
        catch (Exception e) when (e is not InputFaultException and not OperationCanceledException)
        {
            // A callback failed (the output is closed or full): deliver nothing more, let it reach the caller.
            delivering = false;
            throw;
        }
        finally
        {
            // Deliver what was read before an input fault or a cancellation, in order, then let it go on. Workers
            // always finish before the scan returns: none outlives it holding a batch.
            while (inFlight.Count > 0)
            {
                if (delivering)
                {
                    try
                    {
                        Deliver(inFlight, onMatch, onProblem);
                        continue;
                    }
                    catch
                    {
                        delivering = false;
                        Task.WaitAll(inFlight.ToArray());
                        inFlight.Clear();
                        batch.Dispose();
                        throw;
                    }
                }
                Task.WaitAll(inFlight.ToArray());
                inFlight.Clear();
            }
            batch.Dispose();
        }
    }

    internal static LineOptions LineOptionsFor(ScanOptions options) => new(options.MaxEventBytes, options.Layout == InputLayout.Detect);

    private static void EvaluateLines(EventEvaluator evaluator, ReadOnlySpan<byte> lines, long firstLine, string name, LineOptions options, Action<RuleMatch> onMatch, Action<string> onProblem) =>
        InputReader.ForEachLine(lines, firstLine, options,
            (document, line, format) => evaluator.Evaluate(document, new DocumentPosition(name, line, line), format, onMatch, onProblem),
            ReaderProblems(evaluator, name, onProblem));

    /// <summary>What a reader finds between documents, reported as "NAME:LINE: reason" and counted as malformed.</summary>
    private static InputProblemHandler ReaderProblems(EventEvaluator evaluator, string name, Action<string> onProblem) =>
        (line, reason) => evaluator.ReportInputProblem($"{name}:{line}: {reason}", onProblem);

    /// <summary>Scans one document (a rule test, an embedding service) on the calling thread.</summary>
    public void ScanDocument(ReadOnlySpan<byte> document, DocumentPosition position, InputFormat format, Action<RuleMatch> onMatch, Action<string> onProblem) =>
        _first.Evaluate(document, position, format, onMatch, onProblem);

    private void Deliver(List<Task<List<Result>>> inFlight, Action<RuleMatch> onMatch, Action<string> onProblem)
    {
        int index = _options.Ordered ? 0 : Task.WaitAny(inFlight.ToArray());
        Task<List<Result>> task = inFlight[index];
        inFlight.RemoveAt(index);
        foreach (Result result in task.Result)
        {
            if (result.Match is not null) onMatch(result.Match);
            else onProblem(result.Problem!);
        }
    }

    private List<Result> Evaluate(Batch batch)
    {
        if (!_idle.TryTake(out EventEvaluator? evaluator)) evaluator = NewEvaluator();
        var results = new List<Result>();
        Action<RuleMatch> onMatch = m => results.Add(new Result(m, null));
        Action<string> onProblem = p => results.Add(new Result(null, p));
        try
        {
            foreach (Batch.Item item in batch.Items)
            {
                if (item.Problem is not null)
                {
                    evaluator.ReportInputProblem(item.Problem, onProblem);
                }
                else if (item.IsChunk)
                {
                    EvaluateLines(evaluator, batch.Document(item), item.Line, batch.Name, batch.LineOptions, onMatch, onProblem);
                }
                else
                {
                    evaluator.Evaluate(batch.Document(item), new DocumentPosition(batch.Name, item.Line, item.Record), item.Format, onMatch, onProblem);
                }
            }
        }
        finally
        {
            _idle.Add(evaluator);
            batch.Dispose();
        }
        return results;
    }

    private EventEvaluator NewEvaluator()
    {
        var evaluator = new EventEvaluator(_rules, _options);
        lock (_all) _all.Add(evaluator);
        return evaluator;
    }

    private readonly record struct Result(RuleMatch? Match, string? Problem);

    /// <summary>Documents copied out of the reader's buffer, with their positions, for one worker.</summary>
    private sealed class Batch : IDisposable
    {
        /// <summary>A document, a chunk of NDJSON lines (<c>IsChunk</c>), or a problem the reader found.</summary>
        public readonly record struct Item(int Offset, int Length, long Line, long Record, InputFormat Format, bool IsChunk, string? Problem);

        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BatchBytes + (BatchBytes >> 2));

        public Batch(string name, LineOptions lineOptions)
        {
            Name = name;
            LineOptions = lineOptions;
        }

        public string Name { get; }

        public LineOptions LineOptions { get; }

        public List<Item> Items { get; } = new();

        public int Bytes { get; private set; }

        public bool IsEmpty => Items.Count == 0;

        public void Add(ReadOnlySpan<byte> document, long line, long record, InputFormat format, bool isChunk)
        {
            if (Bytes + document.Length > _buffer.Length)
            {
                byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, Bytes + document.Length));
                _buffer.AsSpan(0, Bytes).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }
            document.CopyTo(_buffer.AsSpan(Bytes));
            Items.Add(new Item(Bytes, document.Length, line, record, format, isChunk, null));
            Bytes += document.Length;
        }

        public void AddProblem(string problem) => Items.Add(new Item(0, 0, 0, 0, default, false, problem));

        public ReadOnlySpan<byte> Document(Item item) => _buffer.AsSpan(item.Offset, item.Length);

        public void Dispose()
        {
            if (_buffer.Length == 0) return;
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = Array.Empty<byte>();
        }
    }
}
