using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RuleGen.Tests.Fuzzing;

/// <summary>One way to damage a rule file: text in, text out, driven by a seeded random and the target's tokens.</summary>
public sealed record Mutator(string Name, Func<string, Random, IReadOnlyList<string>, string> Apply);

/// <summary>The mutators: structural (lines), byte-level, token soup, and the extremes that broke the generator before (deep nesting, huge values).</summary>
public static class Mutators
{
    public static readonly IReadOnlyList<Mutator> All = new Mutator[]
    {
        new("delete line", (t, r, _) => Lines(t, r, (lines, i) => lines.RemoveAt(i))),
        new("duplicate line", (t, r, _) => Lines(t, r, (lines, i) => lines.Insert(i, lines[i]))),
        new("swap lines", (t, r, _) => Lines(t, r, (lines, i) => { int j = r.Next(lines.Count); (lines[i], lines[j]) = (lines[j], lines[i]); })),
        new("flip byte", (t, r, _) => t.Length == 0 ? t : Replace(t, r.Next(t.Length), 1, ((char)(t[r.Next(t.Length)] ^ (1 << r.Next(7)))).ToString())),
        new("random char", (t, r, _) => Insert(t, r, ((char)r.Next(0, 0x3000)).ToString())),
        new("truncate", (t, r, _) => t.Substring(0, r.Next(t.Length + 1))),
        new("token", (t, r, tokens) => Insert(t, r, tokens[r.Next(tokens.Count)])),
        new("token soup", (t, r, tokens) => Insert(t, r, string.Concat(Enumerable.Range(0, r.Next(2, 12)).Select(_ => tokens[r.Next(tokens.Count)])))),
        new("replace token", (t, r, tokens) => t.Length == 0 ? t : Replace(t, r.Next(t.Length), r.Next(1, 8), tokens[r.Next(tokens.Count)])),
        new("deep nesting", (t, r, _) =>
        {
            string[] shapes = { "(", "TO_LOWER(", "NOT ", "[", "{a: ", "- " };
            string open = shapes[r.Next(shapes.Length)];
            int depth = r.Next(2) == 0 ? r.Next(90, 110) : r.Next(150, 3000);
            string close = open switch { "(" or "TO_LOWER(" => ")", "[" => "]", "{a: " => "}", _ => "" };
            return Insert(t, r, string.Concat(Enumerable.Repeat(open, depth)) + "x" + string.Concat(Enumerable.Repeat(close, depth)));
        }),
        new("long chain", (t, r, tokens) =>
        {
            string[] joins = { " OR ", " AND ", ", ", " + " };
            string join = joins[r.Next(joins.Length)];
            return Insert(t, r, string.Join(join, Enumerable.Range(0, r.Next(10, 6000)).Select(i => $"event.action == \"a{i}\"")));
        }),
        new("huge value", (t, r, tokens) => Insert(t, r, string.Concat(Enumerable.Repeat(tokens[r.Next(tokens.Count)], r.Next(100, 20000))))),
        new("unicode", (t, r, _) =>
        {
            string[] odd = { "é", "✓", "𝄞", "\u200b", "\u202e", "\ufeff", "\u0000", "\r", "\r\n", "\t", "\u2028", "\ud800", "\udfff", "Ⅻ", "ﬁ", "İ" };
            return Insert(t, r, odd[r.Next(odd.Length)]);
        }),
        new("crlf", (t, _, _) => t.Replace("\n", "\r\n")),
        new("quote block", (t, r, _) => QuoteBlock(t, r)),
    };

    /// <summary>
    /// Rewrites one <c>key: |</c> block (the query, a note) as a double-quoted scalar, so that YAML escapes in it
    /// (\u2028, \x85, \0: tokens of the target) reach the front end; a block can hold none of them.
    /// </summary>
    private static string QuoteBlock(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        var blocks = Enumerable.Range(0, lines.Count).Where(i => lines[i].TrimEnd().EndsWith(": |", StringComparison.Ordinal) || lines[i].TrimEnd().EndsWith(": |-", StringComparison.Ordinal)).ToList();
        if (blocks.Count == 0) return text;
        int at = blocks[random.Next(blocks.Count)];
        int end = at + 1;
        while (end < lines.Count && (lines[end].StartsWith("  ", StringComparison.Ordinal) || lines[end].Trim().Length == 0)) end++;
        string body = string.Join("\\n", lines.Skip(at + 1).Take(end - at - 1).Select(l => l.Trim().Replace("\\", "\\\\").Replace("\"", "\\\"")));
        string head = lines[at].Substring(0, lines[at].LastIndexOf('|'));
        lines.RemoveRange(at, end - at);
        lines.Insert(at, head + "\"" + body + "\"");
        return string.Join("\n", lines);
    }

    /// <summary>Applies <paramref name="count"/> mutators chosen by <paramref name="random"/>; returns the mutant and their names.</summary>
    public static (string Text, string Applied) Mutate(string text, int count, Random random, IReadOnlyList<string> tokens)
    {
        var applied = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            Mutator mutator = All[random.Next(All.Count)];
            text = mutator.Apply(text, random, tokens);
            applied.Append(i == 0 ? "" : ", ").Append(mutator.Name);
        }
        return (text, applied.ToString());
    }

    private static string Lines(string text, Random random, Action<List<string>, int> edit)
    {
        var lines = text.Split('\n').ToList();
        edit(lines, random.Next(lines.Count));
        return string.Join("\n", lines);
    }

    private static string Insert(string text, Random random, string piece) => text.Insert(random.Next(text.Length + 1), piece);

    private static string Replace(string text, int at, int length, string piece) => text.Remove(at, Math.Min(length, text.Length - at)).Insert(at, piece);
}
