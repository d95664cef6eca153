namespace RuleGen.Runtime;

/// <summary>How a scan reads its inputs.</summary>
public sealed class ScanOptions
{
    /// <summary>
    /// The data stream the events belong to (e.g. <c>aws.cloudtrail</c>), which supplies event.dataset,
    /// event.module and data_stream.* when a document lacks them. Null: detect per document (raw CloudTrail records
    /// and ECS documents with aws.cloudtrail fields are aws.cloudtrail; others get no constants).
    /// </summary>
    public string? Dataset { get; init; }

    /// <summary>
    /// Skip events whose bytes hold none of the literals the rules require, without parsing them (default on).
    /// Off, every event is parsed and validated; on, an event that cannot match any rule is only checked to look
    /// like one object ({…}), so a malformed event that could not have matched may go unreported.
    /// </summary>
    public bool Prefilter { get; init; } = true;

    /// <summary>Threads that evaluate events; 0 (the default) means one per core.</summary>
    public int Threads { get; init; }

    /// <summary>Deliver results in input order (the default); off, as batches finish.</summary>
    public bool Ordered { get; init; } = true;

    /// <summary>How the inputs are laid out: detected from their first bytes (the default), or forced.</summary>
    public InputLayout Layout { get; init; } = InputLayout.Detect;

    /// <summary>The default <see cref="MaxEventBytes"/>: 64 MiB.</summary>
    public const long DefaultMaxEventBytes = 64L << 20;

    /// <summary>
    /// The largest event (one NDJSON line, one array element, one object) that is read; a longer one is reported
    /// with its file and line and skipped without being buffered whole. At least 1 KiB; at most 1 GiB.
    /// </summary>
    public long MaxEventBytes { get; init; } = DefaultMaxEventBytes;

    /// <summary>Stops a scan between documents: what was evaluated before is delivered, then the scan throws
    /// <see cref="System.OperationCanceledException"/>.</summary>
    public System.Threading.CancellationToken Cancellation { get; init; }
}

/// <summary>How a scan splits its inputs into events (<c>--format</c>).</summary>
public enum InputLayout
{
    /// <summary>From the first bytes of each input (and of each gzip member / concatenated document).</summary>
    Detect,
    /// <summary>One JSON object per line; a line that is not one object is one malformed event.</summary>
    NdJson,
    /// <summary>JSON documents one after another: objects, arrays of objects, <c>{"Records":[…]}</c> files.</summary>
    Json,
    /// <summary>Raw CloudTrail: <c>{"Records":[…]}</c> files, or records one after another.</summary>
    Records,
}

/// <summary>Counts from a scan.</summary>
public sealed class ScanStatistics
{
    // Each thread's evaluator bumps its own counters for every event; padding keeps two threads' counters off one
    // cache line (false sharing doubled the CPU time of a two-thread scan).
#pragma warning disable CS0169, IDE0051
    private readonly long _pad0, _pad1, _pad2, _pad3, _pad4, _pad5, _pad6, _pad7;
#pragma warning restore CS0169, IDE0051

    public long Events { get; internal set; }
    public long Malformed { get; internal set; }
    /// <summary>Events the prefilter ruled out without parsing.</summary>
    public long Skipped { get; internal set; }
    public long Alerts { get; internal set; }
    public long Files { get; internal set; }
    public long Bytes { get; internal set; }
    /// <summary>Inputs that could not be opened or read to their end (missing, unreadable, damaged gzip).</summary>
    public long InputErrors { get; internal set; }

#pragma warning disable CS0169, IDE0051
    private readonly long _pad8, _pad9, _pad10, _pad11, _pad12, _pad13, _pad14, _pad15;
#pragma warning restore CS0169, IDE0051

    internal void Add(ScanStatistics other)
    {
        Events += other.Events;
        Malformed += other.Malformed;
        Skipped += other.Skipped;
        Alerts += other.Alerts;
        Bytes += other.Bytes;
        InputErrors += other.InputErrors;
    }
}
