using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using RuleGen.Cli;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// `rulegen scan` run in process (the CLI's own ScanCommand) over files with a rule set: the alerts it wrote (NDJSON,
/// each line parsed) and its summary (stderr). The scan must succeed; its stderr is the failure message otherwise.
/// </summary>
internal static class InProcessScan
{
    public static (JsonElement[] Alerts, string Summary) Run(IReadOnlyList<string> files, RuleSet rules, WindowOptions? windows = null, int threads = 2)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        int exit = ScanCommand.Run(files, rules, new ScanOptions { Threads = threads }, stdout, interactive: false, stderr, windows ?? WindowOptions.Default);
        Assert.True(exit == 0, stderr.ToString());
        JsonElement[] alerts = Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
        return (alerts, stderr.ToString());
    }
}
