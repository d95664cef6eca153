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
    }
}
