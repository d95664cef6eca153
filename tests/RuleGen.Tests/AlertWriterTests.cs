using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests;

/// <summary>The alert bytes (pinned by a snapshot taken before the writer was buffered) and how they reach the OS.</summary>
public class AlertWriterTests
{
    private static List<RuleMatch> SampleMatches()
    {
        var scanner = new Scanner(Rules.CompiledRules.All, new ScanOptions { Threads = 1 });
        var matches = new List<RuleMatch>();
        foreach (string file in Directory.GetFiles(Repository.Path("samples", "logs")).OrderBy(f => f, System.StringComparer.Ordinal))
        {
            using FileStream input = File.OpenRead(file);
            // The name as the README's main job gives it, so the snapshot does not depend on where the clone is.
            scanner.ScanStream(input, "samples/logs/" + Path.GetFileName(file), matches.Add, problem => Assert.Fail(problem));
        }
        return matches;
    }

    [Fact]
    public void TheSampleAlertsAreTheSnapshotByteForByte()
    {
        var output = new MemoryStream();
        using (var writer = new AlertWriter(output))
        {
            // As rulegen scan writes them: the single-event alerts, then the stateful rules' alerts per tick.
            var windows = new Runtime.Windows.WindowStages(Runtime.Windows.WindowOptions.Default, writer.Write);
            foreach (RuleMatch match in SampleMatches())
                if (!windows.Take(match)) writer.Write(match);
            windows.Finish();
        }
        Snapshot.Match("sample-alerts.ndjson", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void AlertsReachTheStreamInFewLargeWritesOfWholeLines()
    {
        List<RuleMatch> sample = SampleMatches();
        var output = new CountingStream();
        using (var writer = new AlertWriter(output))
        {
            for (int i = 0; i < 200; i++)
            {
                foreach (RuleMatch match in sample) writer.Write(match);
            }
            Assert.Equal(0, output.Flushes);
        }
        string one = Encoding.UTF8.GetString(Write(sample));
        Assert.Equal(string.Concat(Enumerable.Repeat(one, 200)), Encoding.UTF8.GetString(output.ToArray()));
        // 2,000 alerts (about 2.9 MB) in 64 KiB writes, each of whole lines, and one flush at the end; the writer
        // that flushed its JSON writer per alert made 2,000 writes and 2,000 flushes.
        int longest = one.Split('\n').Max(l => l.Length) + 1;
        Assert.Equal(1, output.Flushes);
        Assert.InRange(output.Writes.Count, output.Length / AlertWriter.DefaultBufferBytes, output.Length / (AlertWriter.DefaultBufferBytes - longest) + 1);
        Assert.All(output.Writes, w => Assert.Equal((byte)'\n', w.Last));
        Assert.All(output.Writes.SkipLast(1), w => Assert.True(w.Count > AlertWriter.DefaultBufferBytes - longest, $"a write of {w.Count} bytes"));
    }

    [Fact]
    public void AnAlertLargerThanTheBufferGoesOutWholeInOneWrite()
    {
        List<RuleMatch> sample = SampleMatches();
        var output = new CountingStream();
        using (var writer = new AlertWriter(output, bufferBytes: 100))
        {
            foreach (RuleMatch match in sample) writer.Write(match);
        }
        Assert.Equal(sample.Count, output.Writes.Count);
        Assert.Equal(Write(sample), output.ToArray());
        Assert.All(output.Writes, w => Assert.Equal((byte)'\n', w.Last));
    }

    [Fact]
    public void FlushingEachAlertHandsEveryLineOverAtOnce()
    {
        List<RuleMatch> sample = SampleMatches();
        var output = new CountingStream();
        using var writer = new AlertWriter(output, flushEachAlert: true);
        foreach (RuleMatch match in sample) writer.Write(match);
        Assert.Equal(sample.Count, output.Writes.Count);
        Assert.Equal(sample.Count, output.Flushes);
        Assert.Equal(Write(sample), output.ToArray());
    }

    private static byte[] Write(List<RuleMatch> matches)
    {
        var output = new MemoryStream();
        using (var writer = new AlertWriter(output))
        {
            foreach (RuleMatch match in matches) writer.Write(match);
        }
        return output.ToArray();
    }

    /// <summary>A stream that keeps what it is given, records each Write (its size and last byte) and counts flushes.</summary>
    private sealed class CountingStream : Stream
    {
        private readonly MemoryStream _bytes = new();

        public List<(int Count, byte Last)> Writes { get; } = new();

        public int Flushes { get; private set; }

        public byte[] ToArray() => _bytes.ToArray();

        public override void Write(byte[] buffer, int offset, int count) => Write(new System.ReadOnlySpan<byte>(buffer, offset, count));

        public override void Write(System.ReadOnlySpan<byte> buffer)
        {
            Writes.Add((buffer.Length, buffer[^1]));
            _bytes.Write(buffer);
        }

        public override void Flush() => Flushes++;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _bytes.Length;
        public override long Position { get => _bytes.Length; set => throw new System.NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new System.NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new System.NotSupportedException();
        public override void SetLength(long value) => throw new System.NotSupportedException();
    }
}
