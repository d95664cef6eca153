using System.IO;
using System.Linq;
using System.Text;
using RuleGen.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace RuleGen.Tests;

public class TmpNewSigma
{
    private readonly ITestOutputHelper _o;
    public TmpNewSigma(ITestOutputHelper o) => _o = o;

    [Fact]
    public void Try()
    {
        foreach (string f in Directory.GetFiles("/tmp/newsigma", "*.yml").OrderBy(x => x))
        {
            var run = GeneratorHarness.Run(new InMemoryRuleFile("/repo/rules/" + Path.GetFileName(f), File.ReadAllText(f)));
            _o.WriteLine("== " + Path.GetFileName(f));
            foreach (var d in run.GeneratorDiagnostics) _o.WriteLine("  " + d);
            foreach (var d in run.CompileDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)) _o.WriteLine("  C# " + d);
            if (run.GeneratorDiagnostics.Any(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)) continue;
            var scanner = new Scanner(GeneratorHarness.Load(run));
            foreach (string e in File.ReadAllLines("/tmp/newsigma/events.ndjson"))
            {
                bool fired = false;
                scanner.ScanDocument(Encoding.UTF8.GetBytes(e), new DocumentPosition("t", 1), InputFormat.NdJson, _ => fired = true, p => _o.WriteLine("  problem " + p));
                if (fired) _o.WriteLine("  FIRES on " + e.Substring(0, System.Math.Min(150, e.Length)));
            }
        }
    }
}
