using System.Globalization;
using System.Text;
using RuleGen.Generator.Limits;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Generator.Parsing
{
    /// <summary>
    /// Writes a YAML node as JSON, for the example events of rule tests. Plain scalars follow YAML's core schema
    /// (null, true/false, numbers); quoted scalars are always strings.
    /// </summary>
    internal static class YamlJson
    {
        /// <summary>Writes <paramref name="node"/>, which passed <see cref="YamlPreflight"/> (scalar keys, bounded depth).</summary>
        public static void Write(YamlNode node, StringBuilder json) => Write(node, json, new DepthGuard(RuleLimits.YamlNesting, "The YAML"));

        private static void Write(YamlNode node, StringBuilder json, DepthGuard guard)
        {
            using DepthGuard.Level level = guard.Enter();
            switch (node)
            {
                case YamlMappingNode mapping:
                    json.Append('{');
                    bool first = true;
                    foreach (var child in mapping.Children)
                    {
                        if (!first) json.Append(',');
                        first = false;
                        WriteString((child.Key as YamlScalarNode)?.Value ?? string.Empty, json);
                        json.Append(':');
                        Write(child.Value, json, guard);
                    }
                    json.Append('}');
                    break;
                case YamlSequenceNode sequence:
                    json.Append('[');
                    for (int i = 0; i < sequence.Children.Count; i++)
                    {
                        if (i > 0) json.Append(',');
                        Write(sequence.Children[i], json, guard);
                    }
                    json.Append(']');
                    break;
                case YamlScalarNode scalar:
                    WriteScalar(scalar, json);
                    break;
                default:
                    json.Append("null");
                    break;
            }
        }

        /// <summary>The JSON type a scalar is written as.</summary>
        public enum ScalarKind { Null, Boolean, Number, String }

        public static ScalarKind KindOf(YamlScalarNode scalar) => KindOf(scalar, out _);

        private static ScalarKind KindOf(YamlScalarNode scalar, out string json)
        {
            string value = scalar.Value ?? string.Empty;
            json = value;
            if (scalar.Style != ScalarStyle.Plain) return ScalarKind.String;
            switch (value)
            {
                case "null" or "Null" or "NULL" or "~" or "":
                    json = "null";
                    return ScalarKind.Null;
                case "true" or "True" or "TRUE":
                    json = "true";
                    return ScalarKind.Boolean;
                case "false" or "False" or "FALSE":
                    json = "false";
                    return ScalarKind.Boolean;
            }
            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
            {
                json = integer.ToString(CultureInfo.InvariantCulture);
                return ScalarKind.Number;
            }
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double real) && !double.IsInfinity(real) && !double.IsNaN(real))
            {
                // YAML accepts "1.", ".5" and "+1.5", JSON does not: those are written in .NET's round-trip form.
                json = JsonNumber.IsMatch(value) ? value : real.ToString("R", CultureInfo.InvariantCulture);
                return ScalarKind.Number;
            }
            return ScalarKind.String;
        }

        private static readonly System.Text.RegularExpressions.Regex JsonNumber =
            new(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

        private static void WriteScalar(YamlScalarNode scalar, StringBuilder json)
        {
            if (KindOf(scalar, out string text) == ScalarKind.String) WriteString(text, json);
            else json.Append(text);
        }

        public static void WriteString(string value, StringBuilder json)
        {
            json.Append('"');
            foreach (char c in value)
            {
                switch (c)
                {
                    case '"': json.Append("\\\""); break;
                    case '\\': json.Append("\\\\"); break;
                    case '\n': json.Append("\\n"); break;
                    case '\r': json.Append("\\r"); break;
                    case '\t': json.Append("\\t"); break;
                    default:
                        if (c < 0x20) json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else json.Append(c);
                        break;
                }
            }
            json.Append('"');
        }
    }
}
