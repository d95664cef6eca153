using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RuleGen.Generator.Languages.Esql.Patterns;
using RuleGen.Runtime.Pipeline;
using RuleGen.Runtime.Pipeline.Patterns;
using Xunit;

namespace RuleGen.Tests.Esql;

/// <summary>Every row of docs/esql-grok-dissect.md's semantics table, run through the compiled pattern and the runtime.</summary>
public class GrokDissectSemanticsTests
{
    public static IEnumerable<object[]> Rows()
    {
        string doc = File.ReadAllText(Repository.Path("docs", "esql-grok-dissect.md"));
        int start = doc.IndexOf("<!-- semantics-table -->", StringComparison.Ordinal);
        int end = doc.IndexOf("<!-- /semantics-table -->", StringComparison.Ordinal);
        foreach (string line in doc.Substring(start, end - start).Split('\n').Skip(3))
        {
            if (!line.StartsWith("| ", StringComparison.Ordinal)) continue;
            // Cells split at '|' not escaped as '\|'; code spans hold the values.
            string[] cells = Regex.Split(line.Trim().Trim('|'), @"(?<!\\)\|").Select(c => c.Trim().Replace("\\|", "|")).ToArray();
            yield return new object[] { cells[0], Code(cells[1]), Code(cells[2]), Code(cells[3]) };
        }
    }

    private static string Code(string cell) => cell.Length >= 2 && cell[0] == '`' && cell[^1] == '`' ? cell[1..^1] : throw new FormatException(cell);

    [Fact]
    public void The_table_has_its_rows() => Assert.Equal(19, Rows().Count());

    [Theory]
    [MemberData(nameof(Rows))]
    public void Row(string command, string pattern, string inputJson, string expectedJson)
    {
        string[] columns;
        Action<EsqlValue, EsqlValue[]> extract;
        if (command == "GROK")
        {
            GrokCompileResult r = GrokCompiler.Compile(pattern);
            Assert.True(r.Succeeded, r.Error);
            var grok = new GrokPattern(r.DotNetPattern!, r.GroupNames.ToArray(), r.GroupTypes.Select(t => Enum.Parse<EsqlType>(t.ToString())).ToArray());
            columns = grok.Columns;
            extract = grok.Extract;
        }
        else
        {
            DissectParseResult r = DissectParser.Parse(pattern, null);
            Assert.True(r.Succeeded, r.Error);
            var dissect = new DissectPattern(r.LeadingDelimiter, r.Parts.Select(p => new DissectKey(p.Name, (RuleGen.Runtime.Pipeline.Patterns.DissectKeyKind)(int)p.Kind, p.AppendOrder, p.SkipRightPadding, p.Delimiter)).ToArray(), r.AppendSeparator, r.Keys.ToArray());
            columns = dissect.Columns;
            extract = dissect.Extract;
        }
        var values = new EsqlValue[columns.Length];
        extract(Input(inputJson), values);
        string actual = values.All(v => v.IsNull) && expectedJson == "null" ? "null" : Render(columns, values);
        Assert.Equal(Normalize(expectedJson), Normalize(actual));
    }

    private static EsqlValue Input(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return doc.RootElement.ValueKind switch
        {
            JsonValueKind.Null => EsqlValue.Null,
            JsonValueKind.String => EsqlValue.Keyword(doc.RootElement.GetString()),
            JsonValueKind.Array => EsqlValue.Multi(EsqlType.Keyword, doc.RootElement.EnumerateArray().Select(e => EsqlValue.Keyword(e.GetString())).ToList()),
            _ => throw new FormatException(json),
        };
    }

    private static string Render(string[] columns, EsqlValue[] values)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            for (int i = 0; i < columns.Length; i++)
            {
                writer.WritePropertyName(columns[i]);
                values[i].WriteJson(writer);
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Normalize(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
