using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using RuleGen.Cli;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;
using RuleGen.Tests.Rules;
using Xunit;

namespace RuleGen.Tests.Windows;

/// <summary>
/// Every stateful kind at once, as `rulegen scan` runs them: the rules of rules/ (threshold, new_terms, the sequence,
/// the suppressed query rule, the Sigma correlations, beside every single-event rule) over all the MADE streams of the
/// stateful tests and the README's brute-force sample in one input. Shuffled, split over 1–4 files (some gzip) and scanned on 1–3 threads, the alerts are
/// the same multiset, ids included; only where each alert's event was read (rulegen.input.*) may differ.
/// </summary>
public class AllKindsOrderPropertyTests
{
    // made-identity.ndjson is left out on purpose: its events carry no id, so their identity is their file and line.
    private static readonly string[] Folders = { "threshold", "new_terms", "sequence", "suppression", "correlations" };

    private static List<string> Lines() =>
        Folders.SelectMany(folder => Directory.GetFiles(Repository.Data(folder), "*.ndjson"))
            .Where(f => Path.GetFileName(f) != "made-identity.ndjson")
            .OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(File.ReadAllLines)
            .Where(l => l.Trim().Length > 0)
            // The README's raw CloudTrail brute force (the pack's threshold rule fires on it), one record per line.
            .Concat(JsonNode.Parse(File.ReadAllText(Repository.Path("samples", "logs", "made-root-brute-force-cloudtrail.json")))!["Records"]!
                .AsArray().Select(r => r!.ToJsonString()))
            .ToList();

    private static List<string> Scan(IReadOnlyList<string> files, int threads)
    {
        var alerts = new List<string>();
        foreach (JsonElement written in InProcessScan.Run(files, CompiledRules.All, threads: threads).Alerts)
        {
            JsonObject alert = JsonNode.Parse(written.GetRawText())!.AsObject();
            foreach (string key in alert.Select(p => p.Key).Where(k => k.StartsWith("rulegen.input.", StringComparison.Ordinal)).ToList()) alert.Remove(key);
            alerts.Add(alert.ToJsonString());
        }
        alerts.Sort(StringComparer.Ordinal);
        return alerts;
    }

    private static string[] Write(string folder, IReadOnlyList<string> lines, int files, bool gzip)
    {
        Directory.CreateDirectory(folder);
        var paths = new string[files];
        for (int f = 0; f < files; f++)
        {
            // The same names whatever the split: _index (the file name) is part of some Elastic ids.
            bool zipped = gzip && f % 2 == 1;
            paths[f] = Path.Combine(folder, $"part{f}.ndjson" + (zipped ? ".gz" : ""));
            string text = string.Join("\n", lines.Where((_, i) => i % files == f)) + "\n";
            using Stream file = File.Create(paths[f]);
            using Stream output = zipped ? new GZipStream(file, CompressionLevel.Fastest) : file;
            output.Write(Encoding.UTF8.GetBytes(text));
        }
        return paths;
    }

    [Fact]
    public void OrderSplitGzipAndThreadsDoNotChangeAnyKindsAlerts()
    {
        List<string> lines = Lines();
        string root = Path.Combine(Path.GetTempPath(), "rulegen-allkinds-" + Guid.NewGuid().ToString("N"));
        try
        {
            List<string> expected = Scan(Write(Path.Combine(root, "base"), lines, 1, gzip: false), threads: 1);
            // Every kind fires, so the comparison is about each of them.
            string all = string.Join("\n", expected);
            foreach (string field in new[] { "kibana.alert.threshold_result", "kibana.alert.new_terms", "kibana.alert.group.id", "kibana.alert.suppression.docs_count", "rulegen.correlation" })
                Assert.True(all.Contains($"\"{field}\"", StringComparison.Ordinal), $"no alert carries {field}");

            int run = 0;
            Gen.Select(Gen.Int, Gen.Int[1, 4], Gen.Int[1, 3], Gen.Bool).Sample((seed, files, threads, gzip) =>
            {
                var random = new Random(seed);
                string[] shuffled = lines.OrderBy(_ => random.Next()).ToArray();
                // Each split file must keep the same name set across runs for _index-based ids, so the split goes into
                // files part0..partN of a fresh folder; ids that hash _index are compared per split size below.
                string[] paths = Write(Path.Combine(root, $"run{run++}"), shuffled, files, gzip);
                List<string> actual = Scan(paths, threads);
                Assert.Equal(Normalise(expected), Normalise(actual));
            }, iter: 12, threads: 1);
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// Ids that hash the input file's name as _index (new_terms, suppression) change with the split's file names by
    /// design (Elastic's _index is where the document was stored); they are replaced by a marker, every other field
    /// (times, terms, groups, counts, sequence and correlation ids) must be equal.
    /// </summary>
    private static List<string> Normalise(List<string> alerts)
    {
        var result = new List<string>(alerts.Count);
        foreach (string line in alerts)
        {
            JsonObject alert = JsonNode.Parse(line)!.AsObject();
            if (alert.ContainsKey("kibana.alert.new_terms") || alert.ContainsKey("kibana.alert.suppression.docs_count"))
            {
                alert["kibana.alert.uuid"] = "(hashes _index)";
                if (alert.ContainsKey("kibana.alert.instance.id")) alert["kibana.alert.instance.id"] = "(hashes _index)";
            }
            result.Add(alert.ToJsonString());
        }
        result.Sort(StringComparer.Ordinal);
        return result;
    }
}
