using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace RuleGen.Runtime;

/// <summary>
/// Evaluates a rule set on one document at a time, on one thread: the prefilter rules events out from their bytes,
/// the document is read once (<see cref="DocumentScanner"/>), raw CloudTrail is normalised to ECS first, stream
/// constants are supplied, the candidate rules are evaluated on the slots, and each match is projected to its KEEP
/// columns. A malformed document is reported with file and line. Holds reusable buffers: nothing is allocated for
/// an event that matches no rule.
/// </summary>
internal sealed class EventEvaluator
{
    private readonly RuleSet _rules;
    private readonly ScanOptions _options;
    private readonly FieldTable _table;
    private readonly ByteArena _aux = new();
    private readonly ByteArena _scratch = new();
    private readonly DocumentScanner _scanner;
    private ArrayBufferWriter<byte> _normalized = new(4096);
    private readonly Dictionary<string, IReadOnlyList<KeyValuePair<string, string>>> _constants = new(StringComparer.Ordinal);

    private readonly Prefilter? _prefilter;
    private readonly PrefilterThrottle _throttle = new();
    private readonly DispatchIndex? _dispatch;
    private readonly CompiledRule[] _ruleArray;
    private readonly bool[] _stateful;
    private readonly bool[] _reached;
    private readonly bool[] _evaluate;
    private readonly bool[] _candidates;

    public EventEvaluator(RuleSet rules, ScanOptions options)
    {
        _rules = rules;
        _options = options;
        _table = new FieldTable(rules.Fields);
        _scanner = new DocumentScanner(_table, _aux);
        _candidates = new bool[rules.Rules.Count];
        if (_options.Prefilter)
        {
            var prefilter = new Prefilter(rules);
            if (prefilter.IsActive) _prefilter = prefilter;
        }
        // Without a prefilter every rule is a candidate for every event, once and for all.
        if (_prefilter is null) _candidates.AsSpan().Fill(true);
        _ruleArray = rules.Rules.ToArray();
        _stateful = Array.ConvertAll(_ruleArray, r => r.Stateful is not null);
        _dispatch = DispatchIndex.For(rules);
        PrepareConstants();
        _reached = new bool[rules.Rules.Count];
        _evaluate = new bool[rules.Rules.Count];
    }

    public ScanStatistics Statistics { get; } = new();

    /// <summary>
    /// Scans one document. <paramref name="format"/> CloudTrailRecords means: a raw CloudTrail record. Whatever the
    /// document holds, it is evaluated or reported: nothing thrown while reading, normalising, evaluating or
    /// projecting it escapes (but cancellation); what <paramref name="onMatch"/> throws does, after the matches
    /// found before it.
    /// </summary>
    public void Evaluate(ReadOnlySpan<byte> document, DocumentPosition position, InputFormat format, Action<RuleMatch> onMatch, Action<string> onProblem)
    {
        Statistics.Events++;
        Statistics.Bytes += document.Length;
        // The text check comes first, for every event: whether an event exists never depends on the prefilter.
        string? invalid = JsonText.InvalidUtf8(document);
        if (invalid is not null)
        {
            Malformed(position, format, invalid, line: 0, onProblem);
            return;
        }
        if (_prefilter is not null)
        {
            if (_throttle.ShouldRun())
            {
                // A damaged raw record that holds others is parsed even when ruled out, so that they are recovered.
                bool ruledOut = _prefilter.Select(document, _candidates) == 0 && LooksLikeOneObject(document)
                    && !(format == InputFormat.CloudTrailRecords && InputReader.HoldsAnotherRecord(document));
                _throttle.Ran(ruledOut);
                if (ruledOut)
                {
                    Statistics.Skipped++;
                    return;
                }
            }
            else
            {
                _candidates.AsSpan().Fill(true);
            }
        }
        _matches.Clear();
        try
        {
            try
            {
                Match(document, position, format);
            }
            catch (InvalidOperationException) when (JsonText.HasLoneSurrogate(document))
            {
                // System.Text.Json will not decode a lone surrogate; read the event as Elasticsearch indexes it.
                _matches.Clear();
                if (_sanitized.Length < document.Length) _sanitized = new byte[document.Length];
                Span<byte> copy = _sanitized.AsSpan(0, document.Length);
                JsonText.ReplaceLoneSurrogates(document, copy);
                Match(copy, position, format);
            }
        }
        catch (JsonException e)
        {
            Malformed(position, format, Reason(e), e.LineNumber ?? 0, onProblem);
            if (format == InputFormat.CloudTrailRecords && !_salvaging) Salvage(document, position, onMatch, onProblem);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A defect of RuleGen's, not of the event: say so, with what it was, and go on.
            Malformed(position, format, $"cannot be evaluated ({e.GetType().Name}: {e.Message})", line: 0, onProblem);
            return;
        }
        finally
        {
            TrimBuffers(document.Length);
        }
        foreach (RuleMatch match in _matches) onMatch(match);
    }

    private bool _salvaging;


    /// <summary>
    /// A damaged CloudTrail record (a flipped quote, a lost byte) can make the framing see its end far too late, so
    /// that the records after the damage arrive inside it. CloudTrail writes every record as
    /// <c>{"eventVersion":…}</c>: each such object found whole inside the damaged one is evaluated on its own
    /// (same file, line and ordinal as the damaged record), and the report says how many were recovered.
    /// </summary>
    private void Salvage(ReadOnlySpan<byte> document, DocumentPosition position, Action<RuleMatch> onMatch, Action<string> onProblem)
    {
        ReadOnlySpan<byte> start = InputReader.CloudTrailRecordStart;
        int recovered = 0, from = 1;
        _salvaging = true;
        try
        {
            while (from < document.Length)
            {
                int at = document[from..].IndexOf(start);
                if (at < 0) break;
                at += from;
                var reader = new Utf8JsonReader(document[at..], new JsonReaderOptions { MaxDepth = 256 });
                int length;
                try
                {
                    reader.Read();
                    reader.Skip();
                    length = (int)reader.BytesConsumed;
                }
                catch (JsonException)
                {
                    from = at + 1;
                    continue;
                }
                // A copy: evaluating reuses this evaluator's buffers, and the span may lie in one of them.
                byte[] record = document.Slice(at, length).ToArray();
                Evaluate(record, position, InputFormat.CloudTrailRecords, onMatch, onProblem);
                recovered++;
                from = at + length;
            }
        }
        finally
        {
            _salvaging = false;
        }
        if (recovered > 0)
        {
            onProblem($"{position.File}:{position.Line}: record {position.Record}: {recovered} whole record(s) found inside the malformed one were evaluated");
        }
    }

    private readonly List<RuleMatch> _matches = new();
    private byte[] _sanitized = Array.Empty<byte>();

    /// <summary>Reads one valid-UTF-8 document and adds a match per rule it satisfies to <see cref="_matches"/>.</summary>
    private void Match(ReadOnlySpan<byte> document, DocumentPosition position, InputFormat format)
    {
        _aux.Reset();
        _scratch.Reset();
        ReadOnlySpan<byte> ecs = document;
        bool raw = false;
        if (format == InputFormat.CloudTrailRecords)
        {
            ecs = Normalize(document);
            raw = true;
        }
        _scanner.Scan(ecs, gatherRoot: !raw);
        if (!raw && _scanner.Kind == FieldTable.Marker.RawCloudTrail)
        {
            ecs = Normalize(document);
            raw = true;
            _aux.Reset();
            _scanner.Scan(ecs, gatherRoot: false);
        }
        // A keyword search over a raw record sees the record's own values, not what the normaliser added to it
        // (event.outcome "success", the Java map strings): the whole-document subtree comes from the raw bytes,
        // which are also the bytes the prefilter read (docs/semantics.md, "Sigma").
        if (raw && _scanner.WantsRoot) _scanner.GatherRoot(document);

        string? dataset = _options.Dataset ?? (raw || _scanner.Kind == FieldTable.Marker.EcsCloudTrail ? "aws.cloudtrail" : null);
        Slot[] slots = _scanner.Slots;
        if (dataset is not null) SupplyConstants(dataset, slots);

        CompiledRule[] rules = _ruleArray;
        bool[] evaluate = _candidates;
        if (_dispatch is not null)
        {
            _candidates.AsSpan().CopyTo(_evaluate);
            _dispatch.Narrow(ecs, _aux.Written, slots, _evaluate, _reached);
            evaluate = _evaluate;
        }
        int[][] maps = _rules.SlotMaps;
        // Raw records were normalised above; an ECS document is one the scanner saw aws.cloudtrail.* fields in.
        DocumentForm form = !raw && _scanner.Kind == FieldTable.Marker.EcsCloudTrail ? DocumentForm.Ecs : DocumentForm.Raw;
        for (int r = 0; r < rules.Length; r++)
        {
            if (!evaluate[r]) continue;
            var view = new EventView(ecs, _aux.Written, slots, maps[r], _scratch, form);
            if (!rules[r].Evaluate(view).IsTrue) continue;
            List<KeptColumn> columns = KeepProjection.Project(ecs, rules[r].Keep, ConstantsOf(dataset), out string? time);
            // A stateful rule's stages (an EQL sequence's) are told apart only for the events its filter keeps.
            ulong stages = _stateful[r] ? rules[r].StageMask(view) : 1UL;
            if (rules[r].Pipeline is Pipeline.EsqlPipeline pipeline)
            {
                Pipeline.EsqlRows.Evaluate(rules[r], pipeline, view, position, time, columns, _matches);
                continue;
            }
            _matches.Add(new RuleMatch(rules[r], position, time, columns) { StageMask = stages });
        }
        Statistics.Alerts += _matches.Count;
    }

    private void Malformed(DocumentPosition position, InputFormat format, string reason, long line, Action<string> onProblem)
    {
        Statistics.Malformed++;
        string record = format is InputFormat.JsonArray or InputFormat.CloudTrailRecords && position.Record > 0 ? $"record {position.Record}: " : string.Empty;
        onProblem($"{position.File}:{position.Line + line}: {record}malformed event: {reason}");
    }

    /// <summary>After a huge event, buffers go back to their usual size instead of keeping the high-water mark.</summary>
    private void TrimBuffers(int documentLength)
    {
        const int Large = 1 << 20;
        if (documentLength < Large) return;
        if (_normalized.Capacity > Large) _normalized = new ArrayBufferWriter<byte>(4096);
        if (_sanitized.Length > Large) _sanitized = Array.Empty<byte>();
        _aux.Trim(Large);
        _scratch.Trim(Large);
        _scanner.Trim(Large);
    }

    /// <summary>A problem the input reader found between documents (truncation, stray text): counted as malformed.</summary>
    public void ReportInputProblem(string problem, Action<string> onProblem)
    {
        Statistics.Malformed++;
        onProblem(problem);
    }

    /// <summary>An input that could not be opened or read to its end.</summary>
    public void ReportInputError(string problem, Action<string> onProblem)
    {
        Statistics.InputErrors++;
        onProblem(problem);
    }

    /// <summary>A cheap shape check for skipped events: one object, not a truncated line. (Glued objects are parse
    /// marks of the prefilter's.)</summary>
    private static bool LooksLikeOneObject(ReadOnlySpan<byte> document)
    {
        ReadOnlySpan<byte> trimmed = document.Trim(" \t\r\n"u8);
        return trimmed.Length >= 2 && trimmed[0] == (byte)'{' && trimmed[^1] == (byte)'}';
    }

    private ReadOnlySpan<byte> Normalize(ReadOnlySpan<byte> record)
    {
        _normalized.ResetWrittenCount();
        CloudTrailNormalizer.Normalize(record, _normalized);
        return _normalized.WrittenSpan;
    }

    private IReadOnlyList<KeyValuePair<string, string>> ConstantsOf(string? dataset)
    {
        if (dataset is null) return Array.Empty<KeyValuePair<string, string>>();
        if (!_constants.TryGetValue(dataset, out var constants)) _constants[dataset] = constants = StreamConstants.For(dataset);
        return constants;
    }

    /// <summary>
    /// Stream constants per dataset, written once at the start of the arena (kept across events) when the evaluator
    /// is made, for the only datasets a scan can meet (the configured one, and aws.cloudtrail which is detected), so
    /// supplying them to an event is only filling slots.
    /// </summary>
    private readonly Dictionary<string, (int Slot, Slot Value)[]> _constantValues = new(StringComparer.Ordinal);
    private string? _lastDataset;
    private (int Slot, Slot Value)[] _lastConstants = Array.Empty<(int, Slot)>();

    private void PrepareConstants()
    {
        foreach (string? dataset in new[] { _options.Dataset, "aws.cloudtrail" })
        {
            if (dataset is null || _constantValues.ContainsKey(dataset)) continue;
            var values = new List<(int, Slot)>();
            foreach (var constant in ConstantsOf(dataset))
            {
                int slot = IndexOf(_rules.Fields, constant.Key);
                if (slot < 0) continue;
                byte[] bytes = System.Text.Encoding.UTF8.GetBytes(constant.Value);
                int start = _aux.Append(bytes);
                values.Add((slot, new Slot { Kind = ValueKind.String, InAux = true, Start = start, Length = bytes.Length, Count = 1 }));
            }
            _constantValues[dataset] = values.ToArray();
        }
        _aux.KeepWritten();
    }

    private void SupplyConstants(string dataset, Slot[] slots)
    {
        if (!ReferenceEquals(dataset, _lastDataset))
        {
            _lastConstants = _constantValues.TryGetValue(dataset, out var values) ? values : Array.Empty<(int, Slot)>();
            _lastDataset = dataset;
        }
        foreach ((int slot, Slot value) in _lastConstants)
        {
            if (slots[slot].Kind == ValueKind.Null) slots[slot] = value;
        }
    }

    private static int IndexOf(IReadOnlyList<string> fields, string field)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            if (fields[i] == field) return i;
        }
        return -1;
    }

    private static string Reason(JsonException e)
    {
        string message = e.Message;
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0) message = message[..cut].TrimEnd();
        if (e.BytePositionInLine is long column) message += $" (column {column + 1})";
        return message;
    }
}
