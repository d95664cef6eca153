using System;
using System.IO;

namespace RuleGen.Tests;

/// <summary>Paths inside the repository (found from the test binaries upwards) and inside the copied test data.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine(Root, System.IO.Path.Combine(parts));

    /// <summary>Test data copied next to the test binaries (tests/RuleGen.Tests/Data).</summary>
    public static string Data(params string[] parts) => System.IO.Path.Combine(AppContext.BaseDirectory, "Data", System.IO.Path.Combine(parts));

    /// <summary>
    /// The rule files under rules/ (sub-folders included): every *.yml but the tests files (X.tests.yml), which hold
    /// the examples of the rule beside them.
    /// </summary>
    public static string[] RuleFiles() =>
        Array.FindAll(Directory.GetFiles(Path("rules"), "*.yml", SearchOption.AllDirectories),
            f => !f.EndsWith(".tests.yml", StringComparison.OrdinalIgnoreCase));

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = System.IO.Path.GetDirectoryName(dir))
        {
            if (File.Exists(System.IO.Path.Combine(dir, "RuleGen.sln"))) return dir;
        }
        throw new InvalidOperationException("RuleGen.sln not found above " + AppContext.BaseDirectory);
    }
}
