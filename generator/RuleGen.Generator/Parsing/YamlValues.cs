using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using RuleGen.Generator.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Generator.Parsing
{
    /// <summary>
    /// Reads typed values out of a rule file's YAML nodes, reporting a value of the wrong shape where it is written.
    /// Shared by the readers of the rule's keys, so that every key says "must be …" the same way.
    /// </summary>
    internal sealed class YamlValues
    {
        // YAML 1.2 core schema numbers (and YAML 1.1's), as a plain scalar resolves them.
        private static readonly Regex Number = new(
            @"^([-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o[0-7_]+|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$",
            RegexOptions.CultureInvariant);

        public YamlValues(SourceLines lines, DiagnosticBag diagnostics)
        {
            Lines = lines;
            Diagnostics = diagnostics;
        }

        public SourceLines Lines { get; }

        public DiagnosticBag Diagnostics { get; }

        public LocationInfo Loc(YamlNode node, int length = 0) => Lines.Of(node, length);

        /// <summary>A key's location: its name's characters.</summary>
        public LocationInfo KeyLoc(YamlScalarNode key) => Lines.Of(key, (key.Value ?? string.Empty).Length);

        public static string Describe(YamlNode node) => node switch
        {
            YamlSequenceNode => "a list",
            YamlMappingNode => "a mapping",
            YamlScalarNode => "a single value",
            _ => "something else",
        };

        /// <summary>YAML's null: a plain <c>null</c>, <c>~</c> or nothing.</summary>
        public static bool IsNull(YamlScalarNode scalar) =>
            scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "null" or "Null" or "NULL" or "~";

        /// <summary>What a plain scalar resolves to in YAML's core schema; a quoted scalar is always a string.</summary>
        public static bool IsPlainBoolean(YamlScalarNode scalar) =>
            scalar.Style == ScalarStyle.Plain && scalar.Value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE";

        public static bool IsPlainNumber(YamlScalarNode scalar) =>
            scalar.Style == ScalarStyle.Plain && scalar.Value is not null && Number.IsMatch(scalar.Value);

        /// <summary>A mapping's entries by key name; a key outside <paramref name="allowed"/> is RG0003 with a did-you-mean.</summary>
        public Dictionary<string, (YamlScalarNode Key, YamlNode Value)> Entries(YamlMappingNode mapping, string[] allowed, string where, string unknownSuffix = "")
        {
            var result = new Dictionary<string, (YamlScalarNode, YamlNode)>(StringComparer.Ordinal);
            foreach (KeyValuePair<YamlNode, YamlNode> entry in mapping.Children)
            {
                if (entry.Key is not YamlScalarNode key || key.Value is null)
                {
                    Diagnostics.Add(DiagnosticCatalog.WrongValueShape, Loc(entry.Key), "A key", "a plain name");
                    continue;
                }
                if (Array.IndexOf(allowed, key.Value) < 0)
                {
                    string suggestion = unknownSuffix.Length > 0 ? unknownSuffix : DidYouMean.Suffix(key.Value, allowed, Diagnostics);
                    Diagnostics.Add(DiagnosticCatalog.UnknownKey, KeyLoc(key), where + "." + key.Value, suggestion);
                    continue;
                }
                result[key.Value] = (key, entry.Value);
            }
            return result;
        }

        /// <summary>The node as a mapping, or RG0005 saying what <paramref name="key"/> must be.</summary>
        public YamlMappingNode? Mapping(YamlNode node, string key, string expected)
        {
            if (node is YamlMappingNode mapping) return mapping;
            Diagnostics.Add(DiagnosticCatalog.WrongValueShape, Loc(node), key, expected);
            return null;
        }

        /// <summary>A string that is not null and not blank; RG0005 otherwise.</summary>
        public string? NonEmptyString(YamlNode node, string key, string expected = "a non-empty string")
        {
            if (node is YamlScalarNode scalar && !IsNull(scalar) && !string.IsNullOrWhiteSpace(scalar.Value)) return scalar.Value;
            Diagnostics.Add(DiagnosticCatalog.WrongValueShape, Loc(node), key, expected);
            return null;
        }

        /// <summary>One of <paramref name="choices"/>, exactly as written; RG0005 otherwise.</summary>
        public string? OneOf(YamlNode node, string key, params string[] choices)
        {
            if (node is YamlScalarNode { Value: not null } scalar && Array.IndexOf(choices, scalar.Value) >= 0) return scalar.Value;
            Diagnostics.Add(DiagnosticCatalog.WrongValueShape, Loc(node), key, "one of " + string.Join(", ", choices));
            return null;
        }

        /// <summary>A plain whole number of at least <paramref name="minimum"/>; RG0009 otherwise.</summary>
        public int? WholeNumber(YamlNode node, string key, int minimum)
        {
            if (node is YamlScalarNode scalar
                && scalar.Style == ScalarStyle.Plain
                && int.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int number)
                && number >= minimum)
            {
                return number;
            }
            string found = node is YamlScalarNode s ? s.Value ?? string.Empty : Describe(node);
            Diagnostics.Add(DiagnosticCatalog.InvalidNumber, Loc(node), key,
                "a whole number of at least " + minimum.ToString(CultureInfo.InvariantCulture), found);
            return null;
        }

        /// <summary>A plain <c>true</c> or <c>false</c>; RG0005 otherwise.</summary>
        public bool? Boolean(YamlNode node, string key)
        {
            if (node is YamlScalarNode scalar && IsPlainBoolean(scalar)) return scalar.Value!.ToLowerInvariant() == "true";
            Diagnostics.Add(DiagnosticCatalog.WrongValueShape, Loc(node), key, "true or false");
            return null;
        }

        /// <summary>
        /// A list of non-empty strings, with each one's node (for positions); a single string counts as a list of one
        /// when <paramref name="singleAllowed"/>. Null when the node is not a list; bad items are reported and left out.
        /// </summary>
        public List<(string Value, YamlScalarNode Node)>? Strings(YamlNode node, string key, bool singleAllowed, string expected = "a list of non-empty strings")
        {
            var items = new List<(string, YamlScalarNode)>();
            if (singleAllowed && node is YamlScalarNode single)
            {
                string? value = NonEmptyString(single, key, expected);
                if (value is not null) items.Add((value, single));
                return items;
            }
            if (node is not YamlSequenceNode sequence)
            {
                Diagnostics.Add(DiagnosticCatalog.WrongValueShape, Loc(node), key, expected);
                return null;
            }
            foreach (YamlNode item in sequence.Children)
            {
                if (item is YamlScalarNode scalar && !IsNull(scalar) && !string.IsNullOrWhiteSpace(scalar.Value)) items.Add((scalar.Value!, scalar));
                else Diagnostics.Add(DiagnosticCatalog.WrongValueShape, Loc(item), key, expected);
            }
            return items;
        }
    }
}
