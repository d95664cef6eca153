using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Tomlyn;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RuleGen.Cli.Import;

/// <summary>
/// Writes a rule as YAML through YamlDotNet's emitter: the values of a TOML document (strings, integers, floats,
/// booleans, dates, tables, arrays) as one mapping, strings in the style <see cref="YamlScalarStyles"/> chooses.
/// The emitter does all escaping; nothing here writes a scalar by hand.
/// </summary>
public static class RuleYamlWriter
{
    private static readonly EmitterSettings Settings = new(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false,
        maxSimpleKeyLength: 1024, skipAnchorName: false, indentSequences: true, newLine: "\n");

    /// <summary>The YAML of <paramref name="entries"/> (key, TOML value), after a comment line for each of <paramref name="comments"/>.</summary>
    public static string Write(IEnumerable<string> comments, IEnumerable<KeyValuePair<string, object>> entries)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        foreach (string comment in comments) text.Write("# " + OneLine(comment) + "\n");
        var emitter = new Emitter(text, Settings);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));
        foreach (KeyValuePair<string, object> entry in entries)
        {
            String(emitter, entry.Key);
            Value(emitter, entry.Value);
        }
        emitter.Emit(new MappingEnd());
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Value(IEmitter emitter, object? value)
    {
        switch (value)
        {
            case null:
                Plain(emitter, "null");
                return;
            case string text:
                String(emitter, text);
                return;
            case bool flag:
                Plain(emitter, flag ? "true" : "false");
                return;
            case long or int or short or byte or ulong or uint:
                Plain(emitter, ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture));
                return;
            case double or float:
                Plain(emitter, Number(System.Convert.ToDouble(value, CultureInfo.InvariantCulture)));
                return;
            case TomlDateTime or DateTime or DateTimeOffset:
                // YAML has no TOML dates: kept as the text TOML wrote (detection-rules' dates are strings anyway).
                String(emitter, value is TomlDateTime toml ? toml.ToString() : ((IFormattable)value).ToString("o", CultureInfo.InvariantCulture));
                return;
            case IDictionary<string, object?> table:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));
                foreach (KeyValuePair<string, object?> entry in table)
                {
                    String(emitter, entry.Key);
                    Value(emitter, entry.Value);
                }
                emitter.Emit(new MappingEnd());
                return;
            case IEnumerable list:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Block));
                foreach (object? item in list) Value(emitter, item);
                emitter.Emit(new SequenceEnd());
                return;
            default:
                String(emitter, System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                return;
        }
    }

    private static void String(IEmitter emitter, string text) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, YamlScalarStyles.For(text), isPlainImplicit: true, isQuotedImplicit: true));

    private static void Plain(IEmitter emitter, string text) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));

    /// <summary>A float as YAML's core schema writes it.</summary>
    private static string Number(double value) =>
        double.IsNaN(value) ? ".nan"
        : double.IsPositiveInfinity(value) ? ".inf"
        : double.IsNegativeInfinity(value) ? "-.inf"
        : value.ToString("R", CultureInfo.InvariantCulture) is var r && (r.Contains('.') || r.Contains('E')) ? r : r + ".0";

    /// <summary>A comment is one line of printable ASCII: anything that could end it or break the file is replaced.</summary>
    private static string OneLine(string text)
    {
        var line = new StringBuilder(text.Length);
        foreach (char c in text) line.Append(c is >= ' ' and <= '~' ? c : '?');
        return line.ToString();
    }
}
