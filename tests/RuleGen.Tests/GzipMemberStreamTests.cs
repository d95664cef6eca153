using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.IO.Hashing;
using System.Linq;
using System.Text;
using RuleGen.Runtime;
using RuleGen.Tests.Rules;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// GzipMemberStream over real gzip files (Data/gzip, made with gzip and Python), GZipStream output and hand-built
/// members: whole files decompress exactly, and every damaged one ends in an InputFaultException after all the
/// output before the damage, never in silent loss or another exception.
/// </summary>
public class GzipMemberStreamTests
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Repository.Data("gzip", name));

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>Everything Read returned, and the fault that ended it (any other exception fails the test).</summary>
    private static (byte[] Output, InputFaultException? Fault) ReadAll(byte[] gzip, int readSize = 1 << 16)
    {
        var output = new MemoryStream();
        using var stream = new GzipMemberStream(new MemoryStream(gzip));
        var buffer = new byte[readSize];
        try
        {
            int n;
            while ((n = stream.Read(buffer, 0, readSize)) > 0) output.Write(buffer, 0, n);
        }
        catch (InputFaultException e)
        {
            return (output.ToArray(), e);
        }
        return (output.ToArray(), null);
    }

    private static void AssertWhole(byte[] expected, byte[] gzip, int readSize = 1 << 16)
    {
        var (output, fault) = ReadAll(gzip, readSize);
        Assert.Null(fault);
        Assert.Equal(expected.Length, output.Length);
        Assert.True(expected.AsSpan().SequenceEqual(output));
    }

    private static byte[] GZipStreamCompress(byte[] data, CompressionLevel level)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, level)) gzip.Write(data);
        return output.ToArray();
    }

    /// <summary>A member with the given header fields, built by hand (RFC 1952) around .NET's raw deflate.</summary>
    private static byte[] Member(byte[] data, byte[]? extra = null, string? name = null, string? comment = null, bool headerCrc = false,
        byte method = 8, byte extraFlags = 0)
    {
        byte flags = (byte)((headerCrc ? 0x02 : 0) | (extra is not null ? 0x04 : 0) | (name is not null ? 0x08 : 0) | (comment is not null ? 0x10 : 0) | extraFlags);
        var header = new List<byte> { 0x1F, 0x8B, method, flags, 0x4C, 0x86, 0x4D, 0x67, 0, 3 };
        if (extra is not null)
        {
            header.Add((byte)extra.Length);
            header.Add((byte)(extra.Length >> 8));
            header.AddRange(extra);
        }
        if (name is not null) header.AddRange(Encoding.Latin1.GetBytes(name + "\0"));
        if (comment is not null) header.AddRange(Encoding.Latin1.GetBytes(comment + "\0"));
        if (headerCrc)
        {
            uint crc = Crc32.HashToUInt32(header.ToArray());
            header.Add((byte)crc);
            header.Add((byte)(crc >> 8));
        }
        var deflated = new MemoryStream();
        using (var deflate = new DeflateStream(deflated, CompressionLevel.Optimal)) deflate.Write(data);
        header.AddRange(deflated.ToArray());
        header.AddRange(BitConverter.GetBytes(Crc32.HashToUInt32(data)));
        header.AddRange(BitConverter.GetBytes((uint)data.Length));
        return header.ToArray();
    }

    /// <summary>Several MB that neither compress to nothing nor stay as they are: JSON lines and random runs.</summary>
    private static byte[] Mixed(int seed, int size)
    {
        var random = new Random(seed);
        var bytes = new byte[size];
        int at = 0;
        while (at < size)
        {
            int run = Math.Min(size - at, random.Next(1, 4096));
            if (random.Next(2) == 0)
            {
                random.NextBytes(bytes.AsSpan(at, run));
            }
            else
            {
                byte[] line = Encoding.UTF8.GetBytes($"{{\"eventName\":\"GetObject\",\"n\":{random.Next()}}}\n");
                for (int i = 0; i < run; i++) bytes[at + i] = line[i % line.Length];
            }
            at += run;
        }
        return bytes;
    }

    [Theory]
    [InlineData("one.ndjson.gz", "one.ndjson")]
    [InlineData("two.ndjson.gz", "two.ndjson")]
    [InlineData("python-fname.ndjson.gz", "one.ndjson")]
    public void OneMemberMadeByATool(string gzip, string plain) => AssertWhole(Fixture(plain), Fixture(gzip));

    [Fact]
    public void ConcatenatedMembersIncludingEmptyOnes()
    {
        byte[] empty = Fixture("empty.gz");
        AssertWhole([], empty);
        AssertWhole([], Concat(empty, empty));
        byte[] expected = Concat(Fixture("one.ndjson"), Fixture("two.ndjson"), Fixture("one.ndjson"));
        AssertWhole(expected, Concat(empty, Fixture("one.ndjson.gz"), empty, Fixture("two.ndjson.gz"), empty, Fixture("python-fname.ndjson.gz"), empty));
    }

    [Fact]
    public void HeaderFieldsAreSkipped()
    {
        byte[] data = Fixture("one.ndjson");
        // An extra field holding zeros and a 0x1F 0x8B pair, so that skipping it by its length is what is tested.
        byte[] member = Member(data, extra: [0x41, 0x70, 4, 0, 0, 0x1F, 0x8B, 0], name: "events.ndjson", comment: "made by hand", headerCrc: true);
        // zlib (through GZipStream) agrees that the hand-built header is valid, header CRC included.
        using (var check = new GZipStream(new MemoryStream(member), CompressionMode.Decompress))
        {
            var output = new MemoryStream();
            check.CopyTo(output);
            Assert.Equal(data, output.ToArray());
        }
        AssertWhole(data, member);
        AssertWhole(Concat(data, data), Concat(member, Member(data, headerCrc: true)));
    }

    [Fact]
    public void DamagedHeadersAreFaults()
    {
        byte[] data = Fixture("one.ndjson");
        byte[] badCrc = Member(data, name: "x", headerCrc: true);
        badCrc[12]++; // inside the header CRC (10 fixed bytes, "x\0")
        Assert.Equal("gzip member 1: header CRC mismatch (damaged header)", ReadAll(badCrc).Fault?.Message);
        Assert.Equal("gzip member 2: reserved header flags are set (damaged header)", ReadAll(Concat(Fixture("one.ndjson.gz"), Member(data, extraFlags: 0x20))).Fault?.Message);
        Assert.Equal("gzip member 1: unknown compression method 7 (only 8, deflate, exists)", ReadAll(Member(data, method: 7)).Fault?.Message);
        // A name that never ends runs into the end of the file.
        byte[] endlessName = Member(data, name: "x")[..11];
        Assert.Equal("gzip member 1 is truncated (the file ends inside its header)", ReadAll(endlessName).Fault?.Message);
    }

    [Fact]
    public void LargeMembersAnyReadSize()
    {
        // Members of megabytes: DeflateStream's read-ahead spans many chunks, and each member's end must be found.
        byte[] a = Mixed(1, 3 << 20), b = Mixed(2, 5 << 20), c = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":1}\n", 500_000)));
        byte[] gzip = Concat(GZipStreamCompress(a, CompressionLevel.Fastest), GZipStreamCompress(b, CompressionLevel.SmallestSize),
            GZipStreamCompress(c, CompressionLevel.Optimal), GZipStreamCompress(a, CompressionLevel.NoCompression));
        byte[] expected = Concat(a, b, c, a);
        foreach (int readSize in new[] { 4093, 1 << 16, 1 << 20, 16 << 20 }) AssertWhole(expected, gzip, readSize);
        // Byte by byte over a smaller pair of members (a whole pass at one byte a read takes seconds).
        byte[] small = Concat(GZipStreamCompress(a[..(300 << 10)], CompressionLevel.Optimal), Fixture("two.ndjson.gz"));
        AssertWhole(Concat(a[..(300 << 10)], Fixture("two.ndjson")), small, readSize: 1);
    }

    [Fact]
    public void EveryTruncationPointIsWholeOrAFaultAfterAllOutputBeforeIt()
    {
        byte[] one = Fixture("one.ndjson.gz"), empty = Fixture("empty.gz"), two = Fixture("two.ndjson.gz");
        byte[] file = Concat(one, empty, two);
        byte[] oneText = Fixture("one.ndjson"), twoText = Fixture("two.ndjson");
        byte[] whole = Concat(oneText, twoText);
        // Where the file may end: at the start, after a member; everywhere else a fault is due.
        var ends = new Dictionary<int, byte[]> { [0] = [], [one.Length] = oneText, [one.Length + empty.Length] = oneText, [file.Length] = whole };
        for (int length = 0; length <= file.Length; length++)
        {
            foreach (int readSize in new[] { 1, 1 << 16 })
            {
                var (output, fault) = ReadAll(file[..length], readSize);
                if (length == one.Length + empty.Length - 1)
                {
                    // The empty member without its trailer's last zero: taken as whole (see GzipMemberStream), and
                    // nothing is lost.
                    Assert.Equal(oneText, output);
                    continue;
                }
                if (ends.TryGetValue(length, out byte[]? expected))
                {
                    Assert.Null(fault);
                    Assert.Equal(expected, output);
                    continue;
                }
                Assert.True(fault is not null, $"a file cut at {length} bytes read without a fault");
                Assert.True(whole.AsSpan().StartsWith(output), $"cut at {length}: output that is not the file's");
                // A member whose deflate data is all there gives all its output before the fault.
                if (length >= one.Length - 8) Assert.True(output.Length >= oneText.Length, $"cut at {length}: member 1 lost");
                if (length >= file.Length - 8) Assert.Equal(whole, output);
                Assert.True(fault!.Message.Contains("truncated", StringComparison.Ordinal), $"cut at {length} ({readSize}-byte reads): {fault.Message}");
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EveryTrailerByteIsChecked(bool lastMember)
    {
        byte[] one = Fixture("one.ndjson.gz");
        byte[] rest = lastMember ? [] : Fixture("two.ndjson.gz");
        for (int i = 0; i < 8; i++)
        {
            byte[] file = Concat(one, rest);
            file[one.Length - 8 + i] ^= 0x40;
            var (output, fault) = ReadAll(file);
            Assert.Equal(Fixture("one.ndjson"), output);
            Assert.Equal(i < 4 ? "gzip member 1: CRC-32 mismatch (damaged data)" : "gzip member 1: length mismatch (damaged trailer)", fault?.Message);
        }
    }

    [Fact]
    public void DamagedDeflateDataIsNeverSilent()
    {
        byte[] gzip = Fixture("one.ndjson.gz"), text = Fixture("one.ndjson");
        for (int i = 10; i < gzip.Length - 8; i++)
        {
            foreach (byte mask in new byte[] { 0x01, 0x80, 0xFF })
            {
                byte[] damaged = (byte[])gzip.Clone();
                damaged[i] ^= mask;
                var (output, fault) = ReadAll(damaged);
                // Flipping padding bits after the last block changes nothing; any other change must be a fault.
                Assert.True(fault is not null || output.AsSpan().SequenceEqual(text), $"byte {i} ^ {mask:X2} gave wrong output silently");
            }
        }
    }

    [Fact]
    public void TrailingBytes()
    {
        byte[] one = Fixture("one.ndjson.gz"), text = Fixture("one.ndjson");
        var (output, fault) = ReadAll(Concat(one, "hello\n"u8.ToArray()));
        Assert.Equal(text, output);
        Assert.Equal("6 bytes after the last gzip member are not gzip (trailing garbage)", fault?.Message);

        var garbage = new byte[1024];
        new Random(7).NextBytes(garbage);
        garbage[0] = 0x1F; // a first magic byte is not a member yet
        garbage[1] = 0x00;
        (output, fault) = ReadAll(Concat(one, Fixture("two.ndjson.gz"), garbage));
        Assert.Equal(Concat(text, Fixture("two.ndjson")), output);
        Assert.Equal("1,024 bytes after the last gzip member are not gzip (trailing garbage)", fault?.Message);

        // NUL padding to a block size is accepted; NULs followed by anything else are not padding.
        AssertWhole(text, Concat(one, new byte[4096]));
        AssertWhole(text, Concat(one, new byte[1]));
        (output, fault) = ReadAll(Concat(one, new byte[100], "x"u8.ToArray()));
        Assert.Equal(text, output);
        Assert.Equal("101 bytes after the last gzip member are not gzip (trailing garbage)", fault?.Message);
    }

    [Fact]
    public void AFaultStays()
    {
        byte[] cut = Fixture("one.ndjson.gz")[..100];
        using var stream = new GzipMemberStream(new MemoryStream(cut));
        var buffer = new byte[1 << 16];
        var first = Assert.Throws<InputFaultException>(() => { while (stream.Read(buffer) > 0) { } });
        Assert.StartsWith("gzip member 1 is truncated (the file ends inside its compressed data) after ", first.Message, StringComparison.Ordinal);
        Assert.Equal(first.Message, Assert.Throws<InputFaultException>(() => stream.Read(buffer)).Message);
    }

    [Theory]
    [InlineData(1, 4 << 20)]
    [InlineData(2, 4 << 20)]
    // Small: the fault comes inside the reader's first fill, with the output before it in the same fill.
    [InlineData(1, 8 << 10)]
    [InlineData(2, 8 << 10)]
    public void ScannerEvaluatesEveryEventBeforeAFaultThenReportsIt(int threads, int firstMemberBytes)
    {
        // Member 1: positives (MBs of them: several batches in flight on two threads); member 2 cut inside its data.
        string positive = EventFixtures.Compact(EventFixtures.RawPositive());
        int positives = firstMemberBytes / positive.Length;
        byte[] first = EventFixtures.Gzip(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(positive + "\n", positives))));
        string other = EventFixtures.Compact(EventFixtures.RawNearMisses().First());
        // Events that differ, so that half the compressed member holds whole lines.
        byte[] second = EventFixtures.Gzip(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 50).Select(i => other.Replace("miss-user", $"miss-{i * 7919}") + "\n"))));
        byte[] file = Concat(first, second[..(second.Length / 2)]);

        var scanner = new Scanner(CompiledRules.All.Select([EventFixtures.SeedRuleId], out _), new ScanOptions { Threads = threads, Prefilter = false });
        var log = new List<string>();
        bool whole = scanner.ScanStream(new MemoryStream(file), "cut.ndjson.gz", m => log.Add("alert"), log.Add);

        Assert.False(whole);
        Assert.Equal(positives, log.Count(l => l == "alert"));
        Assert.Equal(positives, log.TakeWhile(l => l == "alert").Count());
        Assert.StartsWith("cut.ndjson.gz: gzip member 2 is truncated (the file ends inside its compressed data) after ", log[^1], StringComparison.Ordinal);
        Assert.Equal(positives + 1, log.Count);
        Assert.Equal(1, scanner.Statistics.InputErrors);
        Assert.True(scanner.Statistics.Events > positives, "the readable part of member 2 was not evaluated");
    }
}
