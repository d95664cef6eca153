using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using RuleGen.Generator.Languages.Esql.Types;
using RuleGen.Generator.Limits;

namespace RuleGen.Generator.Languages.Esql.Patterns
{
    /// <summary>
    /// First half of GROK compilation: replaces every <c>%{SYNTAX}</c>, <c>%{SYNTAX:name}</c>,
    /// <c>%{SYNTAX:name:type}</c> and <c>%{SYNTAX=definition}</c> by its definition, recursively, as Elasticsearch's
    /// Grok does: textually, before the regex is parsed. A reference with a name becomes a named group whose name is
    /// <see cref="CaptureMarker"/> and an index into <see cref="Captures"/> (raw <c>(?&lt;name&gt;…)</c> groups are left
    /// for <see cref="OnigurumaTranslator"/>); one without a name becomes <c>(?:…)</c>. Every output character
    /// remembers the offset in the user's pattern it came from, so later errors are located.
    /// </summary>
    internal sealed class GrokExpander
    {
        /// <summary>Starts a group name made here; no pattern can contain it (the name charset excludes control characters).</summary>
        public const char CaptureMarker = '\u0001';

        // Elasticsearch's reference syntax: %{PATTERN[:name[:type]][=definition]}. PATTERN is [A-z0-9]+ there (A-z takes
        // in [\]^_` too), the name charset is [[:alnum:]@\[\]_:.-]. The definition is (?:[^{}]+|\.+)+ there, which is
        // [^{}]+ without the nested quantifier.
        private static readonly Regex Reference = new(
            @"\G%\{(?<pattern>[A-z0-9]+)(?::(?<subname>[\p{L}\p{Nd}@\[\]_:.-]+))?(?:=(?<definition>[^{}]+))?\}",
            RegexOptions.CultureInvariant);

        private readonly StringBuilder _text = new();
        private readonly List<int> _offsets = new();
        private readonly List<string> _active = new();
        private readonly DepthGuard _guard = new(RuleLimits.GrokNesting, "The grok pattern's references");

        private readonly IReadOnlyDictionary<string, string>? _extra;

        /// <param name="extraPatterns">Patterns looked up before the built-in library (tests; user pattern banks).</param>
        public GrokExpander(IReadOnlyDictionary<string, string>? extraPatterns = null) => _extra = extraPatterns;

        public List<GrokCapture> Captures { get; } = new();

        public string Text => _text.ToString();

        public IReadOnlyList<int> Offsets => _offsets;

        /// <summary>Expands the user's pattern; throws <see cref="GrokException"/> or <see cref="LimitExceededException"/>.</summary>
        public void Expand(string pattern) => Append(pattern, topLevel: true, origin: 0);

        private void Append(string text, bool topLevel, int origin)
        {
            int i = 0;
            while (i < text.Length)
            {
                Match reference = text[i] == '%' ? Reference.Match(text, i) : Match.Empty;
                if (!reference.Success)
                {
                    Emit(text[i].ToString(), topLevel ? i : origin);
                    i++;
                    continue;
                }
                int at = topLevel ? i : origin;
                string name = reference.Groups["pattern"].Value;
                string definition;
                if (reference.Groups["definition"].Success) definition = reference.Groups["definition"].Value;
                else if (!(_extra is not null && _extra.TryGetValue(name, out definition)) && !GrokPatternLibrary.TryGet(name, out definition))
                    throw new GrokException($"Unable to find pattern [{name}] in Grok's pattern dictionary", at);
                if (_active.Contains(name))
                    throw new GrokException($"circular reference in pattern [{name}] (through [{string.Join("] [", _active)}])", at);

                string? column = null;
                EsqlDataType type = EsqlDataType.Keyword;
                if (reference.Groups["subname"].Success)
                {
                    // Elasticsearch splits "PATTERN:name:type" at ':': the name is the second part, the type the third
                    // when there are exactly three; int/long/float/double/boolean, anything else is a string.
                    string[] parts = reference.Groups["subname"].Value.Split(':');
                    column = FieldName(parts[0]);
                    if (parts.Length == 2) type = CaptureType(parts[1]);
                }

                using (_guard.Enter(at, reference.Length))
                {
                    _active.Add(name);
                    if (column is null) Emit("(?:", at);
                    else
                    {
                        Emit("(?<" + CaptureMarker + Captures.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + ">", at);
                        Captures.Add(new GrokCapture(column, type));
                    }
                    Append(definition, topLevel: false, origin: at);
                    Emit(")", at);
                    _active.RemoveAt(_active.Count - 1);
                }
                i += reference.Length;
            }
        }

        /// <summary>
        /// ECS patterns name fields in Logstash's bracket form, <c>[process][name]</c>; Elasticsearch's grok gives the
        /// column the dotted name <c>process.name</c> (GrokTests.testSimpleSyslogLine, ECS case).
        /// </summary>
        internal static string FieldName(string name)
        {
            if (name.Length < 3 || name[0] != '[' || name[name.Length - 1] != ']') return name;
            string[] parts = name.Substring(1, name.Length - 2).Split(new[] { "][" }, System.StringSplitOptions.None);
            foreach (string part in parts)
                if (part.Length == 0 || part.IndexOf('[') >= 0 || part.IndexOf(']') >= 0) return name;
            return string.Join(".", parts);
        }

        /// <summary>
        /// ES's GrokCaptureType names, mapped to the column type ES|QL gives them (Grok.java: float is widened to double
        /// by <c>widenSmallNumeric</c>). ES|QL's grok has no datetime conversion: <c>:datetime</c> is a keyword column.
        /// </summary>
        internal static EsqlDataType CaptureType(string name) => name switch
        {
            "int" => EsqlDataType.Integer,
            "long" => EsqlDataType.Long,
            "float" or "double" => EsqlDataType.Double,
            "boolean" => EsqlDataType.Boolean,
            _ => EsqlDataType.Keyword,
        };

        private void Emit(string text, int offset)
        {
            if (_text.Length + text.Length > RuleLimits.GrokExpandedLength)
                throw LimitExceededException.Size("The grok pattern, expanded, is too long", RuleLimits.GrokExpandedLength, offset, 1);
            _text.Append(text);
            for (int k = 0; k < text.Length; k++) _offsets.Add(offset);
        }
    }

    /// <summary>A GROK pattern Elasticsearch would reject, at an offset in the user's pattern.</summary>
    internal sealed class GrokException : System.Exception
    {
        public GrokException(string message, int offset) : base(message) => Offset = offset;

        public int Offset { get; }
    }
}
