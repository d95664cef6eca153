using System;
using System.Diagnostics;
using System.IO;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// The packed RuleGen package in a fresh console app, the way a user meets it: a local folder feed, a rule dropped
/// into rules/, dotnet build. The good rule becomes a detector that runs; a bad rule fails the build at its line.
/// The app builds with IsAotCompatible and warnings as errors, so generated code with a trim/AOT warning fails too.
/// </summary>
public class PackageTests : IDisposable
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "rulegen-package-" + Guid.NewGuid().ToString("N"));

    private static readonly string NuGetCache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    public PackageTests() => Directory.CreateDirectory(_work);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_work, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (int Exit, string Output) Dotnet(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using Process process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "dotnet " + string.Join(' ', args) + " timed out");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [Fact]
    public void APackedRuleGenWorksInAFreshApp()
    {
        // A version of its own, so no package cache can hand back an older build.
        string version = "0.1.0-test." + Guid.NewGuid().ToString("N")[..8];
        string feed = Path.Combine(_work, "feed");
        var pack = Dotnet(Repository.Root, "pack", Repository.Path("runtime", "RuleGen.Runtime", "RuleGen.Runtime.csproj"), "-c", "Release", "-o", feed,
            "-p:UseSharedCompilation=false", "-p:PackageVersion=" + version);
        Assert.True(pack.Exit == 0, pack.Output);
        Assert.True(File.Exists(Path.Combine(feed, $"RuleGen.{version}.nupkg")), pack.Output);

        string app = Path.Combine(_work, "app");
        Directory.CreateDirectory(Path.Combine(app, "rules"));
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(app, "App.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <IsAotCompatible>true</IsAotCompatible>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <RuleGenNamespace>MyCompany.Detections</RuleGenNamespace>
                <!-- RuleGen from this run's feed; everything else from the user's package cache. -->
                <RestorePackagesPath>{Path.Combine(_work, "packages")}</RestorePackagesPath>
                <RestoreAdditionalProjectFallbackFolders>{NuGetCache}</RestoreAdditionalProjectFallbackFolders>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="RuleGen" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using System;
            using System.IO;
            using System.Text;
            using RuleGen.Runtime;

            var scanner = new Scanner(MyCompany.Detections.CompiledRules.All);
            int alerts = 0;
            scanner.ScanStream(new MemoryStream(Encoding.UTF8.GetBytes(args[0])), "input", m =>
            {
                alerts++;
                Console.WriteLine(MyCompany.Detections.AwsIamLoginProfileAddedForRoot.ToAlert(m).AwsCloudtrailUserIdentityType);
            }, Console.Error.WriteLine);
            Console.WriteLine($"alerts={alerts}");
            """);
        File.Copy(Repository.Path("rules", "persistence_iam_create_login_profile_for_root.yml"), Path.Combine(app, "rules", "root.yml"));

        var build = Dotnet(app, "build", "-p:UseSharedCompilation=false");
        Assert.True(build.Exit == 0, build.Output);
        var run = Dotnet(app, "bin/Debug/net10.0/App.dll", EventFixtures.Compact(EventFixtures.RawPositive()));
        Assert.True(run.Exit == 0, run.Output);
        Assert.Contains("Root", run.Output, StringComparison.Ordinal);
        Assert.Contains("alerts=1", run.Output, StringComparison.Ordinal);

        // A warning (risk outside its band) builds; a .globalconfig can raise it to an error.
        File.WriteAllText(Path.Combine(app, "rules", "warn.yml"), RuleYaml.With("from logs-aws.cloudtrail-*\n| where event.action == \"x\"", "risk_score: 73", "risk_score: 99", name: "Warn", id: "warn-1"));
        var warned = Dotnet(app, "build", "-p:UseSharedCompilation=false", "-p:TreatWarningsAsErrors=false");
        Assert.True(warned.Exit == 0, warned.Output);
        Assert.Contains(Path.Combine("rules", "warn.yml") + "(5,13): warning RG0040", warned.Output, StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(app, ".globalconfig"), "is_global = true\ndotnet_diagnostic.RG0040.severity = error\n");
        var raised = Dotnet(app, "build", "-p:UseSharedCompilation=false", "-p:TreatWarningsAsErrors=false");
        Assert.NotEqual(0, raised.Exit);
        Assert.Contains(Path.Combine("rules", "warn.yml") + "(5,13): error RG0040", raised.Output, StringComparison.Ordinal);
        File.Delete(Path.Combine(app, ".globalconfig"));
        File.Delete(Path.Combine(app, "rules", "warn.yml"));

        // A bad rule dropped beside it fails the build at its line and column, even when a .globalconfig tries to
        // silence the error (errors are NotConfigurable).
        File.WriteAllText(Path.Combine(app, "rules", "bad.yml"), RuleYaml.With("from logs-*\n| where event.action == \"x\"", "severity: high", "severity: urgent", name: "Bad", id: "bad-1"));
        File.WriteAllText(Path.Combine(app, ".globalconfig"), "is_global = true\ndotnet_diagnostic.RG0006.severity = none\n");
        var broken = Dotnet(app, "build", "-p:UseSharedCompilation=false");
        Assert.NotEqual(0, broken.Exit);
        Assert.Contains(Path.Combine("rules", "bad.yml") + "(4,11): error RG0006", broken.Output, StringComparison.Ordinal);
    }
}
