using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using Tomlyn.Model;

namespace RuleGen.Tests.Esql;

/// <summary>The GROK and DISSECT commands of the ES|QL AWS corpus (tests/RuleGen.Tests/Data/corpus/elastic-esql-aws).</summary>
internal static class EsqlPatternCorpus
{
    // The command, its input, then a string literal: """raw""" or "escaped"; DISSECT may add APPEND_SEPARATOR.
    private static readonly Regex Command = new(
        "\\|\\s*(?<cmd>grok|dissect)\\s+(?<input>[\\w.@]+)\\s+(?:\"\"\"(?<raw>.*?)\"\"\"|\"(?<quoted>(?:[^\"\\\\]|\\\\.)*)\")",
        RegexOptions.IgnoreCase | RegexOptions.Singleline);

    public static List<(string File, string Command, string Pattern)> Commands()
    {
        var found = new List<(string, string, string)>();
        foreach (string file in Directory.GetFiles(Repository.Data("corpus", "elastic-esql-aws"), "*.toml"))
        {
            var table = Tomlyn.TomlSerializer.Deserialize<TomlTable>(File.ReadAllText(file))!;
            string query = (string)((TomlTable)table["rule"])["query"];
            foreach (Match m in Command.Matches(query))
            {
                string pattern = m.Groups["raw"].Success ? m.Groups["raw"].Value : Unescape(m.Groups["quoted"].Value);
                found.Add((Path.GetFileName(file), m.Groups["cmd"].Value.ToUpperInvariant(), pattern));
            }
        }
        return found;
    }

    private static string Unescape(string quoted) => Regex.Replace(quoted, @"\\(.)", m => m.Groups[1].Value switch
    {
        "n" => "\n",
        "t" => "\t",
        "r" => "\r",
        var other => other,
    });
}
