using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using RuleGen.Runtime;
using RuleGen.Tests.Rules;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// The hostile-input matrix of docs/reliability.md: events partly written by attackers and files damaged on the way.
/// Every case is scanned in every configuration (1 and 2 threads, ordered and not, prefilter on and off): no scan
/// aborts, every valid event around a bad one is evaluated, every bad one is reported with file and line, and the
/// verdicts never depend on the configuration.
/// </summary>
public class HostileInputTests
{
    private static RuleSet Seed => CompiledRules.All.Select(new[] { EventFixtures.SeedRuleId }, out _);

    private static string Raw(string id = "made-1") => EventFixtures.Compact(EventFixtures.RawPositive(id));

    private static string Ecs() => EventFixtures.Compact(EventFixtures.EcsPositive());

    public static readonly ScanOptions[] Configurations =
    {
        new() { Threads = 1 },
        new() { Threads = 1, Prefilter = false },
        new() { Threads = 2 },
        new() { Threads = 2, Prefilter = false, Ordered = false },
    };

    /// <summary>Scans in every configuration; asserts they agree (alerts and reports), returns the first.</summary>
    private static EventFixtures.ScanResult ScanAll(string name, byte[] bytes, Func<ScanOptions, ScanOptions>? adjust = null)
    {
        EventFixtures.ScanResult? first = null;
        foreach (ScanOptions configuration in Configurations)
        {
            ScanOptions options = adjust is null ? configuration : adjust(configuration);
            var result = EventFixtures.Scan(Seed, name, bytes, options);
            if (first is null)
            {
                first = result;
                continue;
            }
            string Describe(EventFixtures.ScanResult r) => string.Join("\n", r.Matches.Select(m => $"{m.Position.Line}/{m.Position.Record}").Order()
                .Concat(r.Problems.Order()).Append($"{r.Statistics.Events} events"));
            Assert.Equal(Describe(first), Describe(result));
        }
        return first!;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Join(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    [Fact]
    public void InvalidUtf8IsAMalformedEventWithAndWithoutThePrefilter()
    {
        byte[] bad = Utf8(Raw().Replace("aws-cli/2.22.0", "aws-cli/\u00ff"));
        int at = Array.IndexOf(bad, (byte)0xC3);
        bad[at] = 0xFF; // a byte that never occurs in UTF-8, inside a matching event
        byte[] quiet = Utf8("{\"x\":\"\u00e9\"}");
        quiet[7] = 0xC3; quiet[8] = 0x28; // an invalid two-byte sequence in an event no rule could match
        byte[] text = Join(Utf8(Raw() + "\n"), bad, Utf8("\n"), quiet, Utf8("\n" + Raw() + "\n"));
        var result = ScanAll("bad-utf8.ndjson", text);
        Assert.Equal(new long[] { 1, 4 }, result.Matches.Select(m => m.Position.Line));
        Assert.Equal(2, result.Problems.Count);
        Assert.StartsWith("bad-utf8.ndjson:2: malformed event: invalid UTF-8 (byte 0xFF at offset ", result.Problems[0], StringComparison.Ordinal);
        Assert.Contains("bad-utf8.ndjson:3: malformed event: invalid UTF-8 (byte 0xC3", result.Problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void LoneSurrogatesAreReadAsTheReplacementCharacterAsElasticsearchIndexesThem()
    {
        // 13 bytes that used to abort the scan: a lone surrogate in a property name.
        var tiny = ScanAll("tiny.ndjson", Utf8("{\"\\ud800\":1}"));
        Assert.Empty(tiny.Problems);
        Assert.Equal(1, tiny.Statistics.Events);

        // In a field the seed rule reads, and in a kept field: the event still matches, the alert carries U+FFFD.
        JsonObject ecs = EventFixtures.EcsPositive();
        string text = EventFixtures.Compact(ecs).Replace("{passwordResetRequired=false}", "{passwordResetRequired=false}\\udc00x")
            .Replace("\"203.0.113.7\"", "\"203.0.113.7\\ud83d\"");
        var result = ScanAll("surrogates.ndjson", Utf8(text + "\n" + Ecs().Replace("\"Root\"", "\"Ro\\ud800ot\"") + "\n"));
        Assert.Empty(result.Problems);
        RuleMatch match = Assert.Single(result.Matches);
        Assert.Equal(1, match.Position.Line);
        Assert.Contains(match.Columns, c => c.Name == "source.address" && c.RawJson == "\"203.0.113.7\\uFFFD\"");

        // A proper pair is one character, and stays as it is.
        var pair = ScanAll("pair.ndjson", Utf8(Ecs().Replace("\"203.0.113.7\"", "\"203.0.113.7\\ud83d\\ude00\"") + "\n"));
        Assert.Contains(Assert.Single(pair.Matches).Columns, c => c.Name == "source.address" && c.RawJson == "\"203.0.113.7\\ud83d\\ude00\"");
    }

    [Theory]
    [InlineData("\"eventTime\":\"2024-12-02T10:05:00Z\"", "\"eventTime\":1733133900", true)]
    [InlineData("\"eventTime\":\"2024-12-02T10:05:00Z\"", "\"eventTime\":[\"2024-12-02T10:05:00Z\"]", true)]
    [InlineData("\"eventTime\":\"2024-12-02T10:05:00Z\"", "\"eventTime\":{\"t\":1}", true)]
    [InlineData("\"eventName\":\"CreateLoginProfile\"", "\"eventName\":[\"CreateLoginProfile\"]", true)]
    [InlineData("\"eventName\":\"CreateLoginProfile\"", "\"eventName\":[\"CreateLoginProfile\",\"X\"]", false)]
    [InlineData("\"eventName\":\"CreateLoginProfile\"", "\"eventName\":42", false)]
    [InlineData("\"eventName\":\"CreateLoginProfile\"", "\"eventName\":{\"n\":1}", false)]
    [InlineData("\"userIdentity\":{", "\"userIdentity\":7,\"x\":{", false)]
    [InlineData("\"sourceIPAddress\":\"203.0.113.7\"", "\"sourceIPAddress\":[1,2]", true)]
    [InlineData("\"requestParameters\":{\"passwordResetRequired\":false}", "\"requestParameters\":\"text\"", true)]
    [InlineData("\"responseElements\":{", "\"responseElements\":[1],\"r\":{", true)]
    [InlineData("\"readOnly\":false", "\"readOnly\":{\"a\":[]}", true)]
    public void WrongTypedFieldsInRawRecordsMapAsThePipelineWouldAndNeverAbort(string field, string replacement, bool matches)
    {
        string record = Raw();
        Assert.Contains(field, record, StringComparison.Ordinal);
        string hostile = record.Replace(field, replacement);
        var result = ScanAll("typed.json", Utf8("{\"Records\":[" + hostile + "," + record + "]}"));
        Assert.Empty(result.Problems);
        Assert.Equal(matches ? new long[] { 1, 2 } : new long[] { 2 }, result.Matches.Select(m => m.Position.Record));
    }

    [Fact]
    public void AnEventTimeThePipelineCannotParseIsAPipelineError()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        CloudTrailNormalizer.Normalize(Utf8(Raw().Replace("\"2024-12-02T10:05:00Z\"", "1733133900")), buffer);
        var ecs = JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
        Assert.Equal("pipeline_error", (string?)ecs["event.kind"]);
        Assert.Equal("eventTime: cannot parse the number 1733133900 as an ISO 8601 date", (string?)ecs["error.message"]);
        Assert.False(ecs.ContainsKey("@timestamp"));
    }

    [Fact]
    public void ConcatenatedDocumentsOfEveryKindAreAllRead()
    {
        string records = "{\"Records\":[" + Raw("a") + "," + Raw("b") + "]}";
        string array = "[" + Ecs() + "," + Ecs() + "]";
        // cat a.json b.json (no newline between), an array, a pretty object, then NDJSON-ish objects.
        string text = records + records + "\n" + array + "\n" + "{\n  \"x\": 1\n}\n" + Ecs() + "\n" + records + "\n";
        var result = ScanAll("cat.json", Utf8(text));
        Assert.Empty(result.Problems);
        Assert.Equal(9, result.Matches.Count);
        Assert.Equal(10, result.Statistics.Events);

        // The same, forced: --format json reads it the same way; --format records reads every object as raw CloudTrail.
        var forced = ScanAll("cat.json", Utf8(records + "\n" + records), o => With(o, layout: InputLayout.Json));
        Assert.Equal(4, forced.Matches.Count);
        var asRecords = ScanAll("records.json", Utf8(Raw() + "\n" + Raw() + "\n"), o => With(o, layout: InputLayout.Records));
        Assert.Equal(2, asRecords.Matches.Count);
    }

    [Fact]
    public void AnArrayLineInNdjsonNumbersItsElementsByItsLineWhateverTheThreads()
    {
        // Found by EventFuzzTests (seed 6BK0vhhoUEE1): one thread counted the elements of an array line across the
        // file, two threads (workers split the lines) used the line: "record 1" against "record 4".
        string text = Ecs() + "\n" + Ecs() + "\n" + Ecs() + "\n[{\"x\":1},{\"event\":{\"action\":\"CreateLoginProfile\"},\"y\":tru}," + Ecs() + "]\n";
        var result = ScanAll("lines.ndjson", Utf8(text));
        Assert.Equal(new long[] { 1, 2, 3, 4 }, result.Matches.Select(m => m.Position.Record));
        Assert.Equal("lines.ndjson:4: record 4: malformed event", string.Join(":", Assert.Single(result.Problems).Split(':').Take(4)));
    }

    [Theory]
    [InlineData("{\"@timestamp\":\"2024-12-02T10:00:00.000Z\",\"event.action\":\"CreateLoginProfile\",\"event.provider\":\"iam.amazonaws.com\",\"event.outcome\":\"success\",\"aws.cloudtrail.user_identity.type\":\"Root\",\"aws.cloudtrail.user_identity.access_key_id\":\"K\",\"aws.cloudtrail.request_parameters\":\"{}\"}")]
    [InlineData("{\"event\":{\"action\":\"CreateLoginProfile\",\"provider\":\"iam.amazonaws.com\",\"outcome\":\"success\"},\"aws\":{\"cloudtrail.user_identity.type\":\"Root\",\"cloudtrail.user_identity.access_key_id\":\"K\",\"cloudtrail.request_parameters\":\"{}\"}}")]
    public void DottedCloudTrailFieldsMakeAnEcsCloudTrailDocumentToo(string ecs)
    {
        // Found by trying hostile events: spelt with dots, the aws.cloudtrail fields did not mark the document, so it
        // got no event.dataset and the seed rule (FROM logs-aws.cloudtrail*) never fired.
        Assert.Single(ScanAll("dotted.ndjson", Utf8(ecs + "\n")).Matches);
    }

    [Fact]
    public void WhatFollowsTheRecordsArrayIsReportedNotDropped()
    {
        var result = ScanAll("tail.json", Utf8("{\"Records\":[" + Raw() + "],\"Records\":[" + Raw() + "]}\n" + Ecs() + "\n"));
        Assert.Equal(2, result.Matches.Count);
        Assert.Equal("tail.json:1: the Records document goes on after its array; what follows is not read as events", Assert.Single(result.Problems));
    }

    [Fact]
    public void TheBomOfASecondNdjsonFileIsNotPartOfItsFirstEvent()
    {
        byte[] file = Join(Utf8("\uFEFF"), Utf8(Ecs() + "\n"));
        var result = ScanAll("two-boms.ndjson", Join(file, file));
        Assert.Empty(result.Problems);
        Assert.Equal(new long[] { 1, 2 }, result.Matches.Select(m => m.Position.Line));
    }

    [Theory]
    [InlineData("quote")]
    [InlineData("bracket")]
    public void ADamagedRecordInAOneLineCloudTrailFileLosesOnlyItself(string damage)
    {
        // Found by trying hostile files: a flipped quote made the framing end the damaged record 65 records late
        // (they vanished into it), a wrong bracket sent the reader to the next line, which in a one-line CloudTrail
        // file is the end of the buffer.
        var records = Enumerable.Range(0, 40).Select(i => Raw($"r{i}")).ToList();
        string bad = records[20];
        int cut = bad.IndexOf("\"userAgent\"", StringComparison.Ordinal);
        records[20] = damage == "quote" ? bad[..cut] + "x" + bad[(cut + 1)..] : bad[..(cut - 1)] + "]" + bad[cut..];
        var result = ScanAll("damaged.json", Utf8("{\"Records\":[" + string.Join(",", records) + "]}"));
        Assert.Equal(39, result.Matches.Count);
        // Ruled out by the prefilter or not, the damaged record is parsed, so the records inside it are counted
        // the same (found by EventFuzzTests, seed 8IsjSwoReGz1: 1 event against 8).
        Assert.DoesNotContain(result.Matches, m => m.Columns.Any(c => c.RawJson.Contains("r20", StringComparison.Ordinal)));
        Assert.StartsWith("damaged.json:1: ", result.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void RecordsInsideADamagedRecordAreCountedWithAndWithoutThePrefilter()
    {
        // No rule literal anywhere, so the prefilter rules every record out: the damaged one must still be parsed
        // (ScanAll requires the same event count in every configuration).
        var records = Enumerable.Range(0, 10).Select(i => Raw($"q{i}").Replace("CreateLoginProfile", "ListBuckets").Replace("iam.amazonaws.com", "s3.amazonaws.com")).ToList();
        int cut = records[3].IndexOf("\"userAgent\"", StringComparison.Ordinal);
        records[3] = records[3][..cut] + "x" + records[3][(cut + 1)..];
        var result = ScanAll("quiet.json", Utf8("{\"Records\":[" + string.Join(",", records) + "]}"));
        Assert.Empty(result.Matches);
        Assert.Equal(10, result.Statistics.Events);
    }

    [Fact]
    public void TwoGzipMembersOfCloudTrailAreBothRead()
    {
        byte[] member = EventFixtures.Gzip(Utf8("{\"Records\":[" + Raw("a") + "," + Raw("b") + "]}"));
        var result = ScanAll("two.json.gz", Join(member, member));
        Assert.Empty(result.Problems);
        Assert.Equal(4, result.Matches.Count);
    }

    [Fact]
    public void ANonObjectArrayElementIsReportedAndTheArrayGoesOn()
    {
        string text = "[" + Raw("a") + ",[],\n[1,[2,{\"x\":\"]\"}]],7,\"s]\",null,\n" + Raw("b") + "]";
        var result = ScanAll("array.json", Utf8(text), o => With(o, layout: InputLayout.Records));
        Assert.Equal(2, result.Matches.Count);
        Assert.Equal(new[]
        {
            "array.json:1: an array element is an array, not a JSON object; skipped",
            "array.json:2: an array element is an array, not a JSON object; skipped",
            "array.json:2: an array element is not a JSON object; skipped",
        }, result.Problems);

        // The same inside a Records file.
        var records = ScanAll("records.json", Utf8("{\"Records\":[" + Raw("a") + ",[],[1,2]," + Raw("b") + "]}"));
        Assert.Equal(2, records.Matches.Count);
        Assert.Equal(2, records.Problems.Count);
    }

    [Fact]
    public void ABrokenFirstLineDoesNotSwallowAnNdjsonFile()
    {
        var lines = new List<string> { "{\"eventName\": \"CreateLoginProfile\", \"a\": {" };
        lines.AddRange(Enumerable.Repeat(Ecs(), 1000));
        var result = ScanAll("first.ndjson", Utf8(string.Join("\n", lines) + "\n"));
        Assert.Equal(1000, result.Matches.Count);
        Assert.Equal("first.ndjson:1: malformed event", string.Join(":", Assert.Single(result.Problems).Split(':').Take(3)));

        // An unterminated string on the first line of a pretty-printed-looking file: the same.
        var quote = ScanAll("quote.json", Utf8("{\"a\": \"x\n" + string.Join("\n", Enumerable.Repeat(Ecs(), 10)) + "\n"));
        Assert.Equal(10, quote.Matches.Count);
        Assert.Single(quote.Problems);
    }

    [Fact]
    public void ABrokenEventInsidePrettyPrintedObjectsLosesOnlyItself()
    {
        string pretty = System.Text.Json.JsonSerializer.Serialize(EventFixtures.EcsPositive(), new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        string broken = "{\n  \"event\": {\"action\": \"CreateLoginProfile\",\n  \"x\": ]\n}\n";
        var result = ScanAll("pretty.json", Utf8(pretty + "\n" + broken + pretty + "\n" + pretty + "\n"));
        Assert.Equal(3, result.Matches.Count);
        Assert.NotEmpty(result.Problems);
        Assert.All(result.Problems, p => Assert.StartsWith("pretty.json:", p, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void EveryLineEndWorksAndNumbersLinesTheSame(string end)
    {
        string text = string.Join(end, Ecs(), "", "not json", Ecs(), Ecs()) + end;
        var result = ScanAll("ends.ndjson", Utf8(text));
        Assert.Equal(new long[] { 1, 4, 5 }, result.Matches.Select(m => m.Position.Line));
        Assert.StartsWith("ends.ndjson:3: malformed event", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void GluedObjectsOnOneLineAreReportedEvenWhenThePrefilterRulesThemOut()
    {
        // In NDJSON (the first line says so) a line is one event. (A file that starts with glued objects is a JSON
        // stream, where they are two documents, as jq reads them.)
        var result = ScanAll("glued.ndjson", Utf8("{\"c\":0}\n{\"a\":1}{\"b\":2}\n{\"a\":1} {\"b\":2}\n{\"a\":\"}{\"}\n" + Ecs() + "\n"));
        Assert.Equal(new[] { 2, 3 }, result.Problems.Select(p => int.Parse(p.Split(':')[1])));
        Assert.All(result.Problems, p => Assert.Contains("malformed event", p, StringComparison.Ordinal));
        Assert.Equal(5, Assert.Single(result.Matches).Position.Line);
    }

    [Fact]
    public void AnEventOverTheMaximumSizeIsReportedAndItsNeighboursAreRead()
    {
        string big = "{\"pad\":\"" + new string('x', 5000) + "\"," + Ecs()[1..];
        string text = Ecs() + "\n" + big + "\n" + Ecs() + "\n";
        var result = ScanAll("big.ndjson", Utf8(text), o => With(o, max: 1024));
        Assert.Equal(new long[] { 1, 3 }, result.Matches.Select(m => m.Position.Line));
        Assert.Equal("big.ndjson:2: the event is larger than 1 KiB (the maximum event size); skipped", Assert.Single(result.Problems));

        string array = "[" + Ecs() + ",\n" + big + ",\n" + Ecs() + "]";
        var elements = ScanAll("big.json", Utf8(array), o => With(o, max: 1024));
        Assert.Equal(2, elements.Matches.Count);
        Assert.Equal("big.json:2: the event is larger than 1 KiB (the maximum event size); skipped", Assert.Single(elements.Problems));
    }

    [Fact]
    public void AHugeLineIsReadPastWithoutBeingHeldWhole()
    {
        // A 16 MiB line, 1 MiB maximum: the reader holds at most about twice the maximum, never the line.
        byte[] huge = Utf8("{\"pad\":\"" + new string('y', 16 << 20) + "\"}");
        using var stream = new NonSeekable(Join(Utf8(Ecs() + "\n"), huge, Utf8("\n" + Ecs() + "\n")));
        var scanner = new Scanner(Seed, new ScanOptions { Threads = 1, MaxEventBytes = 1 << 20 });
        var matches = new List<RuleMatch>();
        var problems = new List<string>();
        long before = GC.GetAllocatedBytesForCurrentThread();
        scanner.ScanStream(stream, "huge.ndjson", matches.Add, problems.Add);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(2, matches.Count);
        Assert.Single(problems);
        Assert.True(allocated < 8 << 20, $"{allocated:N0} bytes allocated to read past a 16 MiB line");
    }

    [Fact]
    public void WhatTheOutputThrowsEndsTheScanAndReachesTheCaller()
    {
        byte[] text = Utf8(string.Join("\n", Enumerable.Repeat(Ecs(), 20000)) + "\n");
        foreach (ScanOptions options in Configurations)
        {
            int written = 0;
            var scanner = new Scanner(Seed, options);
            var e = Assert.Throws<IOException>(() => scanner.ScanStream(new MemoryStream(text), "out.ndjson", _ =>
            {
                if (++written == 3) throw new IOException("Broken pipe");
            }, _ => { }));
            Assert.Equal("Broken pipe", e.Message);
            Assert.Equal(3, written);
        }
    }

    [Fact]
    public void CancellationDeliversWhatWasEvaluatedThenStops()
    {
        byte[] text = Utf8(string.Join("\n", Enumerable.Repeat(Ecs(), 50000)) + "\n");
        foreach (ScanOptions options in Configurations)
        {
            using var cancel = new CancellationTokenSource();
            var scanner = new Scanner(Seed, With(options, cancel: cancel.Token));
            var lines = new List<long>();
            Assert.ThrowsAny<OperationCanceledException>(() => scanner.ScanStream(new MemoryStream(text), "c.ndjson", m =>
            {
                lines.Add(m.Position.Line);
                if (lines.Count == 10) cancel.Cancel();
            }, _ => { }));
            Assert.InRange(lines.Count, 10, 49999);
            if (options.Ordered) Assert.Equal(Enumerable.Range(1, lines.Count).Select(i => (long)i), lines);
        }
    }

    [Fact]
    public void CancellationEndsAReadThatWaitsForInput()
    {
        foreach (ScanOptions options in Configurations)
        {
            using var cancel = new CancellationTokenSource();
            using var quiet = new QuietPipe(Utf8(string.Join("\n", Enumerable.Repeat(Ecs(), 3)) + "\n"));
            var scanner = new Scanner(Seed, With(options, cancel: cancel.Token));
            // The pipe gives three events, then goes quiet for good; a signal arrives while the reader waits.
            var scan = System.Threading.Tasks.Task.Run(() => scanner.ScanStream(quiet, "pipe", _ => { }, _ => { }));
            quiet.Drained.Wait();
            cancel.Cancel();
            // A hang detector, not a timing claim: without cancellable reads the scan waits forever.
            Assert.True(((IAsyncResult)scan).AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(30)), "the scan did not stop");
            Assert.ThrowsAny<OperationCanceledException>(() => scan.GetAwaiter().GetResult());
        }
    }

    /// <summary>A pipe that gives its bytes, then blocks in Read until disposed, as a quiet producer does.</summary>
    private sealed class QuietPipe : ReadOnlyStream
    {
        private readonly MemoryStream _bytes;
        private readonly ManualResetEventSlim _closed = new();

        public QuietPipe(byte[] bytes) => _bytes = new MemoryStream(bytes);

        public ManualResetEventSlim Drained { get; } = new();

        public override int Read(Span<byte> buffer)
        {
            int n = _bytes.Read(buffer);
            if (n > 0) return n;
            Drained.Set();
            _closed.Wait();
            return 0;
        }

        protected override void Dispose(bool disposing)
        {
            _closed.Set();
            base.Dispose(disposing);
        }
    }

    [Fact]
    public void BuffersShrinkBackAfterAHugeEvent()
    {
        var stream = new NonSeekable(Join(Utf8("{\"a\":\"" + new string('z', 4 << 20) + "\"}\n"), Utf8(new string(' ', 100000))));
        var window = new ChunkBuffer(stream);
        while (window.Span.Length < 4 << 20 && window.Fill()) { }
        Assert.True(window.Capacity >= 4 << 20);
        // The huge event is consumed: the next fill gives its memory back.
        window.Consume(window.Span.Length);
        window.Fill();
        Assert.True(window.Capacity <= 1 << 18, $"capacity {window.Capacity:N0} after the event was consumed");
    }

    [Fact]
    public void AnInputThatCannotBeOpenedIsReportedAndCounted()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"rulegen-open-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var scanner = new Scanner(Seed);
            var problems = new List<string>();
            Assert.False(scanner.ScanFile(dir, _ => { }, problems.Add));
            Assert.False(scanner.ScanFile(Path.Combine(dir, "missing.json"), _ => { }, problems.Add));
            string file = Path.Combine(dir, "f.ndjson");
            File.WriteAllText(file, Ecs() + "\n");
            Assert.False(scanner.ScanFile(Path.Combine(file, "child"), _ => { }, problems.Add));
            var matches = new List<RuleMatch>();
            Assert.True(scanner.ScanFile(file, matches.Add, problems.Add));
            Assert.Single(matches);
            Assert.Equal(new[] { $"{dir}: is a directory", $"{dir}/missing.json: no such file", $"{file}/child: not a directory" }, problems);
            Assert.Equal(3, scanner.Statistics.InputErrors);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData(1023L)]
    [InlineData((1L << 30) + 1)]
    public void AMaximumEventSizeOutsideItsRangeIsRefused(long max) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Scanner(Seed, new ScanOptions { MaxEventBytes = max }));

    private static ScanOptions With(ScanOptions o, InputLayout? layout = null, long? max = null, CancellationToken? cancel = null) => new()
    {
        Threads = o.Threads,
        Prefilter = o.Prefilter,
        Ordered = o.Ordered,
        Dataset = o.Dataset,
        Layout = layout ?? o.Layout,
        MaxEventBytes = max ?? o.MaxEventBytes,
        Cancellation = cancel ?? o.Cancellation,
    };

    /// <summary>A stream that is not a MemoryStream, so the reader streams it in chunks as it does files and pipes.</summary>
    private sealed class NonSeekable : ReadOnlyStream
    {
        private readonly MemoryStream _inner;

        public NonSeekable(byte[] bytes) => _inner = new MemoryStream(bytes);

        public override int Read(Span<byte> buffer) => _inner.Read(buffer);
    }
}
