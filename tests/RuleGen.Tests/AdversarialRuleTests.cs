using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using RuleGen.Generator;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// The generator never throws and never hits its internal-error path, whatever the rule file holds: every rule of
/// the repository cut short at many points, with lines deleted, and with characters of ES|QL and YAML syntax
/// sprayed into it. Each mangled file either compiles or gets located diagnostics.
/// </summary>
public class AdversarialRuleTests
{
    public static IEnumerable<object[]> Rules() =>
        Directory.GetFiles(Repository.Path("rules"), "*.yml").OrderBy(f => f).Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(Rules))]
    public void MangledRulesGiveDiagnosticsNotExceptions(string file)
    {
        string text = File.ReadAllText(Repository.Path("rules", file));
        var random = new Random(file.Length);
        var variants = new List<string>();
        for (int cut = 0; cut < text.Length; cut += 17) variants.Add(text[..cut]);
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++) variants.Add(string.Join('\n', lines.Where((_, j) => j != i)));
        string noise = "\"'`|()[]{}:,-*?\\\t\n#&@!=<>~%";
        for (int n = 0; n < 300; n++)
        {
            char[] chars = text.ToCharArray();
            for (int k = 0; k < 3; k++) chars[random.Next(chars.Length)] = noise[random.Next(noise.Length)];
            variants.Add(new string(chars));
        }

        foreach (string variant in variants)
        {
            CompiledRuleFile model = RuleCompiler.Compile(new RuleSourceFile("/repo/rules/" + file, variant), CancellationToken.None);
            DiagnosticInfo? internalError = model.Diagnostics.FirstOrDefault(d => d.Id == "RG9999");
            Assert.True(internalError is null, $"internal error on a mangled {file}: {string.Join(" ", internalError?.Arguments ?? default)}\n--- input ---\n{variant}");
            Assert.True(model.CanEmit || model.Diagnostics.Any(d => d.IsError), "a rule that cannot be emitted must say why");
            Assert.All(model.Diagnostics, d => Assert.NotNull(d.Location));
        }
    }
}
