using System;
using System.IO;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// Golden files: the expected text lives in tests/RuleGen.Tests/Snapshots. A missing or different snapshot fails
/// the test and writes NAME.received.txt beside it; RULEGEN_ACCEPT_SNAPSHOTS=1 accepts the received text instead.
/// </summary>
public static class Snapshot
{
    public static void Match(string name, string actual)
    {
        string directory = Repository.Path("tests", "RuleGen.Tests", "Snapshots");
        Directory.CreateDirectory(directory);
        string expectedPath = Path.Combine(directory, name + ".txt");
        string receivedPath = Path.Combine(directory, name + ".received.txt");
        actual = actual.Replace("\r\n", "\n");
        bool accept = Environment.GetEnvironmentVariable("RULEGEN_ACCEPT_SNAPSHOTS") == "1";

        if (File.Exists(expectedPath) && File.ReadAllText(expectedPath).Replace("\r\n", "\n") == actual)
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }
        if (accept)
        {
            File.WriteAllText(expectedPath, actual);
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }
        File.WriteAllText(receivedPath, actual);
        Assert.Fail(File.Exists(expectedPath)
            ? $"{name} differs from its snapshot; see {receivedPath} (RULEGEN_ACCEPT_SNAPSHOTS=1 accepts it)"
            : $"{name} has no snapshot; review {receivedPath} and accept it with RULEGEN_ACCEPT_SNAPSHOTS=1");
    }
}
