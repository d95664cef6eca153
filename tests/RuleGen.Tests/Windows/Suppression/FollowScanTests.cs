using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using RuleGen.Cli;
using Xunit;

namespace RuleGen.Tests.Windows.Suppression;

/// <summary>
/// `rulegen scan --follow --idle` with the built-in "AWS S3 Credential File Retrieved from Bucket" rule (suppressed by
/// source.ip and cloud.account.id for 5 minutes): the file grows while it is followed, and the scan ends after the idle
/// time with every event read and the suppressed alert as it finally stands.
/// </summary>
public class FollowScanTests
{
    [Fact]
    public async Task AFollowedFileIsReadAsItGrows()
    {
        string dir = Directory.CreateTempSubdirectory("rulegen-follow-").FullName;
        try
        {
            string[] lines = File.ReadAllLines(Repository.Data("suppression", "made-s3-credentials-follow.ndjson"));
            string input = Path.Combine(dir, "live.ndjson");
            File.WriteAllText(input, lines[0] + "\n");
            var stdout = new MemoryStream();
            var stderr = new StringWriter();
            Task<int> scan = Task.Run(() => Program.Run(new[] { "scan", "--rule", "AWS S3 Credential File Retrieved from Bucket", "--follow", "--idle", "5s", input }, stdout, stderr));
            // Well inside the 5 s idle time even when the test host is busy (1.5 s was once too short under a full suite).
            await Task.Delay(400);
            Assert.False(scan.IsCompleted, "rulegen stopped at the end of the file instead of following it");
            File.AppendAllText(input, lines[1] + "\n" + lines[2] + "\n");
            int exit = await scan.WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(exit == 0, stderr.ToString());

            JsonElement alert = JsonDocument.Parse(Assert.Single(Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
            // 10:05: f1 f2 (docs 1); 10:10: f3 updates it (now-5m = 10:05 finds the alert started at 10:05): docs 2, end 10:08.
            Assert.Equal("2024-12-02T10:05:00.000Z", alert.GetProperty("@timestamp").GetString());
            Assert.Equal(2, alert.GetProperty("kibana.alert.suppression.docs_count").GetInt32());
            Assert.Equal("2024-12-02T10:08:00.000Z", alert.GetProperty("kibana.alert.suppression.end").GetString());
            Assert.Equal("f1", alert.GetProperty("event.id").GetString());
            Assert.Contains("suppression: 1 rule(s)", stderr.ToString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("--lateness", "5x", "--lateness takes a duration such as 0, 90s or 5m, found '5x'")]
    [InlineData("--idle", "0", "--idle takes a duration such as 500ms, 10s or 1m, found '0'")]
    public void BadDurationsAreUsageErrors(string option, string value, string message)
    {
        var stderr = new StringWriter();
        int exit = Program.Run(new[] { "scan", option, value, "x.json" }, new MemoryStream(), stderr);
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr.ToString());
    }
}
