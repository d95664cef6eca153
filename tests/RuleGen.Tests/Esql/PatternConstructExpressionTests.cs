using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RuleGen.Generator.Languages.Esql.Patterns;
using RuleGen.Runtime.Pipeline;
using RuleGen.Runtime.Pipeline.Patterns;
using Xunit;

namespace RuleGen.Tests.Esql;

/// <summary>
/// The C# the generator emits to build the runtime patterns compiles against the runtime (global:: names, literal
/// escaping) and builds a pattern that behaves like the one the tests build directly.
/// </summary>
public class PatternConstructExpressionTests
{
    private static object Build(string expression)
    {
        string source = "public static class Made { public static object Make() => " + expression + "; }";
        var compilation = CSharpCompilation.Create("made" + Guid.NewGuid().ToString("N"),
            new[] { CSharpSyntaxTree.ParseText(source) }, GeneratorHarness.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        Assembly assembly = Assembly.Load(stream.ToArray());
        return assembly.GetType("Made")!.GetMethod("Make")!.Invoke(null, null)!;
    }

    [Fact]
    public void The_emitted_grok_construction_compiles_and_matches()
    {
        GrokCompileResult r = GrokCompiler.Compile("user=\"%{DATA:user.name}\" id=%{NUMBER:id:int}(?<rest>\\s.*)?");
        var grok = (GrokPattern)Build(GrokCompiler.ConstructExpression(r));
        Assert.Equal(new[] { "id", "rest", "user.name" }, grok.Columns);
        var captures = new EsqlValue[3];
        // DATA is lazy up to the first '" id=': the escaped quotes stay in the value.
        Assert.True(grok.TryMatch("user=\"Bob \\\"B\\\"\" id=42 tail", captures));
        Assert.Equal(new[] { EsqlValue.Integer(42), EsqlValue.Keyword(" tail"), EsqlValue.Keyword("Bob \\\"B\\\"") }, captures);
    }

    [Fact]
    public void The_emitted_dissect_construction_compiles_and_matches()
    {
        DissectParseResult r = DissectParser.Parse("\"%{a}\" %{+a/2} %{+a/1->} \t%{?x}\\%{b}", "\"|");
        var dissect = (DissectPattern)Build(r.ConstructExpression!);
        Assert.Equal(new[] { "a", "b" }, dissect.Columns);
        var keys = new EsqlValue[2];
        // "one" runs to the first " \t" (its delimiter): the spaces before it are part of the value; -> only skips
        // repeats of the delimiter itself. Appends: /1 before /2, the plain key that others append to first.
        Assert.True(dissect.TryMatch("\"q\" two one   \tskip\\last", keys));
        Assert.Equal(new[] { EsqlValue.Keyword("q\"|one  \"|two"), EsqlValue.Keyword("last") }, keys);
    }
}
