using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using RuleGen.Generator.Languages.Sigma;
using RuleGen.Generator.Parsing;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Tests.Sigma;

/// <summary>Reads Sigma YAML text the way the front end will, and prints the syntax model compactly for golden files.</summary>
internal static class SigmaTestSupport
{
    public static (SigmaRule Rule, List<SigmaProblem> Problems) Read(string text, string path = "rule.yml")
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var problems = new List<SigmaProblem>();
        SigmaRule rule = SigmaRuleReader.Read((YamlMappingNode)stream.Documents[0].RootNode, new SourceLines(path, text), problems);
        return (rule, problems);
    }

    /// <summary>"line:column message" with 1-based coordinates, as an editor shows them.</summary>
    public static string Describe(SigmaProblem p) =>
        $"{p.Location.LineSpan.Start.Line + 1}:{p.Location.LineSpan.Start.Character + 1}{(p.NotSupported ? " not supported:" : "")} {p.Message}";

    public static string Compact(SigmaRule rule)
    {
        var s = new StringBuilder();
        foreach (SigmaSearch search in rule.Searches)
        {
            switch (search.Kind)
            {
                case SigmaSearchKind.Map:
                    s.Append("  ").Append(search.Name).Append(": ").AppendLine(Map(search.Maps[0]));
                    break;
                case SigmaSearchKind.ListOfMaps:
                    s.Append("  ").Append(search.Name).Append(": any of").AppendLine();
                    foreach (IReadOnlyList<SigmaFieldItem> map in search.Maps) s.Append("    - ").AppendLine(Map(map));
                    break;
                case SigmaSearchKind.Keywords:
                    s.Append("  ").Append(search.Name).Append(": keywords ").AppendLine(Values(search.Keywords, true));
                    break;
            }
        }
        foreach (SigmaConditionText condition in rule.Conditions)
            s.Append("  condition: ").AppendLine(condition.Parsed is null ? "<error>" : Condition(condition.Parsed));
        return s.ToString();
    }

    private static string Map(IReadOnlyList<SigmaFieldItem> items) =>
        string.Join(" AND ", items.Select(i =>
            i.Field + string.Concat(i.Modifiers.Select(m => "|" + m.Name)) + " = " + Values(i.Values, i.IsList)));

    private static string Values(IReadOnlyList<SigmaValue> values, bool list) =>
        list ? "[" + string.Join(", ", values.Select(Value)) + "]" : Value(values[0]);

    /// <summary>Quoted values in '…', plain as written, null as &lt;null&gt; (so a YAML 1.1 word like No shows as plain No).</summary>
    public static string Value(SigmaValue v) => v.IsNull ? "<null>" : v.Quoted ? "'" + v.Text + "'" : v.Text;

    /// <summary>An S-expression: (and a b), (or …), (not x), (1-of pattern), (all-of them).</summary>
    public static string Condition(SigmaCondition c) => c switch
    {
        SigmaIdentifierCondition id => id.Name,
        SigmaQuantifiedCondition q => $"({(q.All ? "all" : "1")}-of {q.Pattern ?? "them"})",
        SigmaNotCondition n => $"(not {Condition(n.Operand)})",
        SigmaBinaryCondition b => $"({(b.IsAnd ? "and" : "or")} {string.Join(" ", b.Operands.Select(Condition))})",
        _ => "?",
    };
}
