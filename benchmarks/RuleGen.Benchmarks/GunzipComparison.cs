using System;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;

namespace RuleGen.Benchmarks;

/// <summary>
/// GzipMemberStream (verifying every member) against plain GZipStream on one gzip file held in memory, so that
/// only decompression is timed: runs alternate between the two, and the median of each is printed.
/// </summary>
internal static class GunzipComparison
{
    public static void Run(string path, int runs)
    {
        byte[] gzip = File.ReadAllBytes(path);
        var buffer = new byte[1 << 16]; // what InputReader asks for
        long Drain(Stream s)
        {
            long total = 0;
            int n;
            while ((n = s.Read(buffer)) > 0) total += n;
            return total;
        }
        long plain = Drain(new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress));
        if (Drain(new Runtime.GzipMemberStream(new MemoryStream(gzip))) != plain) throw new InvalidOperationException("outputs differ");
        var framework = new double[runs];
        var checkedMembers = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            framework[i] = Time(() => Drain(new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress)));
            checkedMembers[i] = Time(() => Drain(new Runtime.GzipMemberStream(new MemoryStream(gzip))));
        }
        double Median(double[] v) => v.Order().ElementAt(v.Length / 2);
        double mb = plain / 1e6;
        Console.WriteLine($"{path}: {gzip.Length / 1e6:F1} MB gzip, {mb:F1} MB out, {runs} runs each (median)");
        Console.WriteLine($"  GZipStream        {Median(framework) * 1000,8:F1} ms  {mb / Median(framework),7:F0} MB/s");
        Console.WriteLine($"  GzipMemberStream  {Median(checkedMembers) * 1000,8:F1} ms  {mb / Median(checkedMembers),7:F0} MB/s");
        // Runs of a pair are back to back, so the pair's ratio is less disturbed by other load than the medians.
        Console.WriteLine($"  ratio (GzipMemberStream time / GZipStream time): {Median(checkedMembers) / Median(framework):F3} of the medians, "
            + $"{Median(checkedMembers.Zip(framework, (c, f) => c / f).ToArray()):F3} median of the pairs");
        byte[] output = new byte[plain];
        int at = 0;
        using (var s = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress))
        {
            int n;
            while ((n = s.Read(output.AsSpan(at))) > 0) at += n;
        }
        double crc = Enumerable.Range(0, runs).Select(_ => Time(() => System.IO.Hashing.Crc32.HashToUInt32(output))).Order().ElementAt(runs / 2);
        Console.WriteLine($"  of which CRC-32 alone {crc * 1000,8:F1} ms  {mb / crc,7:F0} MB/s");
    }

    private static double Time(Func<long> action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }
}
