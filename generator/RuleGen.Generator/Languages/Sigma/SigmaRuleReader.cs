using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Limits;
using RuleGen.Generator.Parsing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Generator.Languages.Sigma
{
    /// <summary>
    /// Reads a Sigma rule's YAML (sigma-rules-specification.md v2.1) into the <see cref="SigmaRule"/> syntax model,
    /// collecting located <see cref="SigmaProblem"/>s instead of throwing. It checks the shape the spec gives
    /// detection (maps, lists of maps, keyword lists), the modifier chains (<see cref="SigmaModifierChain"/>), the
    /// value rules of "Special Field Values" and the <c>all</c> modifier, and the condition (parsed, and every
    /// identifier and pattern resolved against the search identifiers). Not wired into the compiler yet (issue 9).
    /// </summary>
    internal sealed class SigmaRuleReader
    {
        private readonly SourceLines _lines;
        private readonly List<SigmaProblem> _problems;

        private SigmaRuleReader(SourceLines lines, List<SigmaProblem> problems)
        {
            _lines = lines;
            _problems = problems;
        }

        public static SigmaRule Read(YamlMappingNode root, SourceLines lines, List<SigmaProblem> problems) =>
            new SigmaRuleReader(lines, problems).ReadRule(root);

        private SigmaRule ReadRule(YamlMappingNode root)
        {
            YamlNode? logsource = Child(root, "logsource");
            SigmaLogSource source = logsource is YamlMappingNode ls
                ? new SigmaLogSource(Text(ls, "product"), Text(ls, "service"), Text(ls, "category"))
                : new SigmaLogSource(null, null, null);
            if (logsource is not null and not YamlMappingNode) Error("'logsource' must be a map of product, service, category", logsource);

            var searches = new List<SigmaSearch>();
            var conditions = new List<SigmaConditionText>();
            YamlNode? detection = Child(root, "detection");
            if (detection is YamlMappingNode detectionMap) ReadDetection(detectionMap, searches, conditions);
            else if (detection is null) _problems.Add(new SigmaProblem("a Sigma rule needs 'detection'", _lines.FileStart, false));
            else Error("'detection' must be a map of search identifiers and 'condition'", detection);

            return new SigmaRule(
                Text(root, "title"), Text(root, "id"), Text(root, "status"), Text(root, "level"), Text(root, "description"),
                Text(root, "author"), Strings(root, "references"), Strings(root, "falsepositives"), Strings(root, "tags"),
                source, Strings(root, "fields"), searches, conditions);
        }

        private void ReadDetection(YamlMappingNode detection, List<SigmaSearch> searches, List<SigmaConditionText> conditions)
        {
            YamlNode? condition = null;
            // Every identifier the rule defines, valid or not: a broken search is reported once, not again at each use.
            var names = new List<string>();
            foreach (KeyValuePair<YamlNode, YamlNode> entry in detection.Children)
            {
                if (entry.Key is not YamlScalarNode key) { Error("a search identifier must be a plain name", entry.Key); continue; }
                string name = key.Value ?? "";
                if (name == "condition") { condition = entry.Value; continue; }
                if (name == "timeframe")
                {
                    // Obsolete with the pipe aggregations (correlation spec): a correlation rule's 'timespan' replaces it.
                    _problems.Add(new SigmaProblem("'timeframe' in detection is obsolete Sigma and not supported; use a correlation rule with 'timespan' instead", Loc(key), true));
                    continue;
                }
                names.Add(name);
                SigmaSearch? search = ReadSearch(name, key, entry.Value);
                if (search is not null) searches.Add(search);
            }
            if (condition is null) { Error("'detection' needs a 'condition'", detection); return; }
            if (condition is YamlSequenceNode list)
            {
                // A list of conditions: each generates a query, OR-ed (spec "Condition").
                if (list.Children.Count == 0) Error("the list of conditions is empty", list);
                foreach (YamlNode item in list.Children) ReadCondition(item, names, conditions);
            }
            else
            {
                ReadCondition(condition, names, conditions);
            }
        }

        private SigmaSearch? ReadSearch(string name, YamlScalarNode key, YamlNode value)
        {
            switch (value)
            {
                case YamlMappingNode map:
                    return new SigmaSearch(name, SigmaSearchKind.Map, new[] { ReadMap(map) }, Array.Empty<SigmaValue>(), Loc(key));
                case YamlSequenceNode list when list.Children.Count > 0 && list.Children.All(c => c is YamlMappingNode):
                    return new SigmaSearch(name, SigmaSearchKind.ListOfMaps,
                        list.Children.Select(c => (IReadOnlyList<SigmaFieldItem>)ReadMap((YamlMappingNode)c)).ToList(), Array.Empty<SigmaValue>(), Loc(key));
                case YamlSequenceNode list when list.Children.Count > 0 && list.Children.All(c => c is YamlScalarNode):
                    return new SigmaSearch(name, SigmaSearchKind.Keywords, Array.Empty<IReadOnlyList<SigmaFieldItem>>(),
                        list.Children.Select(c => Value((YamlScalarNode)c)).ToList(), Loc(key));
                case YamlSequenceNode list when list.Children.Count == 0:
                    Error($"search identifier '{name}' is an empty list", value);
                    return null;
                case YamlSequenceNode list:
                    YamlNode odd = list.Children.FirstOrDefault(c => c is YamlSequenceNode) ?? list;
                    Error($"search identifier '{name}' must be a list of maps or a list of keywords, not a mix or nested lists", odd);
                    return null;
                default:
                    Error($"search identifier '{name}' must be a map or a list (spec 'Search-Identifier')", value);
                    return null;
            }
        }

        private List<SigmaFieldItem> ReadMap(YamlMappingNode map)
        {
            var items = new List<SigmaFieldItem>();
            if (map.Children.Count == 0) Error("an empty map matches nothing", map);
            foreach (KeyValuePair<YamlNode, YamlNode> entry in map.Children)
            {
                if (entry.Key is not YamlScalarNode key) { Error("a field name must be a plain string", entry.Key); continue; }
                SigmaFieldItem? item = ReadItem(key, entry.Value);
                if (item is not null) items.Add(item);
            }
            return items;
        }

        private SigmaFieldItem? ReadItem(YamlScalarNode key, YamlNode valueNode)
        {
            string text = key.Value ?? "";
            string[] parts = text.Split('|');
            string field = parts[0];
            var names = parts.Skip(1).ToList();
            SigmaModifierChain.ChainError? chainError = SigmaModifierChain.Validate(names, out IReadOnlyList<SigmaModifier> modifiers);
            if (chainError is not null)
            {
                int offset = parts[0].Length + 1;
                for (int i = 0; i < chainError.Index; i++) offset += parts[i + 1].Length + 1;
                _problems.Add(new SigmaProblem(chainError.Message, InKey(key, offset, Math.Max(1, names[chainError.Index].Length)), false));
                return null;
            }
            if (field.Length == 0 && names.Count == 0) { Error("a field name is empty", key); return null; }
            var uses = new List<SigmaModifierUse>();
            int at = field.Length + 1;
            for (int i = 0; i < names.Count; i++)
            {
                uses.Add(new SigmaModifierUse(modifiers[i], names[i], InKey(key, at, Math.Max(1, names[i].Length))));
                at += names[i].Length + 1;
            }

            List<SigmaValue> values;
            bool isList;
            switch (valueNode)
            {
                case YamlScalarNode scalar:
                    values = new List<SigmaValue> { Value(scalar) };
                    isList = false;
                    break;
                case YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode):
                    values = list.Children.Select(c => Value((YamlScalarNode)c)).ToList();
                    isList = true;
                    if (values.Count == 0) { Error($"'{text}' has an empty list of values", list); return null; }
                    SigmaValue? nullInList = values.FirstOrDefault(v => v.IsNull);
                    if (nullInList is not null && values.Count > 1)
                    {
                        // Spec "Special Field Values": "null cannot be part of a list of field values".
                        _problems.Add(new SigmaProblem("null cannot be part of a list of values; put it in a selection of its own", nullInList.Location, false));
                        return null;
                    }
                    break;
                default:
                    Error($"the value of '{text}' must be a value or a list of values", valueNode);
                    return null;
            }

            bool all = modifiers.Contains(SigmaModifier.All);
            if (all && values.Count < 2)
            {
                // Appendix: "Single item values are not allowed to have an all modifier".
                _problems.Add(new SigmaProblem("'all' needs a list of two or more values", uses.First(u => u.Modifier == SigmaModifier.All).Location, false));
                return null;
            }
            if (modifiers.Contains(SigmaModifier.Exists) && (isList || !IsBoolean(values[0])))
            {
                _problems.Add(new SigmaProblem("'exists' takes true or false", values[0].Location, false));
                return null;
            }
            if (field.Length == 0 && modifiers.Any(m => m != SigmaModifier.All && !SigmaModifiers.IsStringTransform(m) && m != SigmaModifier.Cased))
            {
                Error("a keyword item (no field name) takes only 'all', 'cased' and string transformations", key);
                return null;
            }
            return new SigmaFieldItem(field, uses, values, isList, Loc(key));
        }

        private void ReadCondition(YamlNode node, List<string> names, List<SigmaConditionText> conditions)
        {
            if (node is not YamlScalarNode scalar || IsNull(scalar))
            {
                Error("a condition must be a string (or a list of strings)", node);
                return;
            }
            SigmaValue source = Value(scalar);
            SigmaCondition? parsed = null;
            try
            {
                parsed = SigmaConditionParser.Parse(source.Text);
                CheckNames(parsed, names, scalar, new DepthGuard(RuleLimits.TreeNesting, "The condition"));
            }
            catch (SigmaConditionException e)
            {
                _problems.Add(new SigmaProblem(e.Message, InScalar(scalar, e.Start, e.Length), e.NotSupported));
                parsed = null;
            }
            catch (LimitExceededException e)
            {
                _problems.Add(new SigmaProblem(e.Message, InScalar(scalar, Math.Max(0, e.Start), e.Length), false));
                parsed = null;
            }
            conditions.Add(new SigmaConditionText(source.Text, parsed, source));
        }

        /// <summary>Every identifier names a search; every pattern matches at least one (else the rule cannot mean what it says).</summary>
        private static void CheckNames(SigmaCondition condition, List<string> names, YamlScalarNode scalar, DepthGuard guard) =>
            SigmaConditionLeaves.Visit(condition, guard, leaf =>
            {
                switch (leaf)
                {
                    case SigmaIdentifierCondition id when !names.Contains(id.Name):
                        string? closest = DidYouMean.Closest(id.Name, names);
                        throw new SigmaConditionException($"'{id.Name}' is not a search identifier of this rule" + (closest is null ? "" : $"; did you mean '{closest}'?"), id.Start, id.Length);
                    case SigmaQuantifiedCondition q when SigmaConditionNames.Matching(q.Pattern, names).Count == 0:
                        throw new SigmaConditionException(q.Pattern is null
                            ? "'them' matches no search identifier (names starting with '_' are left out)"
                            : $"'{q.Pattern}' matches no search identifier", q.Start, q.Length);
                }
            });

        private SigmaValue Value(YamlScalarNode scalar) =>
            new(scalar.Value ?? "", !IsPlain(scalar), IsNull(scalar), Loc(scalar));

        private static bool IsPlain(YamlScalarNode scalar) => scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;

        /// <summary>YAML's null, written plain: <c>null</c>, <c>Null</c>, <c>NULL</c>, <c>~</c> or nothing. <c>'null'</c> is a string.</summary>
        private static bool IsNull(YamlScalarNode scalar) =>
            IsPlain(scalar) && (scalar.Value ?? "") is "" or "null" or "Null" or "NULL" or "~";

        private static bool IsBoolean(SigmaValue value) =>
            !value.Quoted && value.Text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE";

        /// <summary>A span inside a key: exact for a key on one line (one more column past an opening quote).</summary>
        private LocationInfo InKey(YamlScalarNode key, int offset, int length) => InScalar(key, offset, length);

        /// <summary>
        /// A span at an offset in a scalar's value. Exact for a plain or quoted scalar on one line without escapes;
        /// otherwise (block scalars, multi-line, escapes shift columns) the scalar's first line.
        /// </summary>
        private LocationInfo InScalar(YamlScalarNode scalar, int offset, int length)
        {
            bool oneLine = scalar.Start.Line == scalar.End.Line;
            bool quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
            int written = (int)(scalar.End.Column - scalar.Start.Column) - (quoted ? 2 : 0);
            if (!oneLine || scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded || written != (scalar.Value ?? "").Length)
                return Loc(scalar);
            return _lines.AtMark(scalar.Start.Line, scalar.Start.Column + (quoted ? 1 : 0) + offset, Math.Max(length, 0));
        }

        private LocationInfo Loc(YamlNode node) => _lines.Of(node);

        private void Error(string message, YamlNode node) => _problems.Add(new SigmaProblem(message, Loc(node), false));

        private static YamlNode? Child(YamlMappingNode map, string key) =>
            map.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) ? value : null;

        private string? Text(YamlMappingNode map, string key)
        {
            YamlNode? node = Child(map, key);
            if (node is null) return null;
            if (node is YamlScalarNode scalar) return IsNull(scalar) ? null : scalar.Value;
            Error($"'{key}' must be a string", node);
            return null;
        }

        /// <summary>A list of strings; a single string is accepted as a list of one (rules write 'author' and 'fields' both ways).</summary>
        private IReadOnlyList<string> Strings(YamlMappingNode map, string key)
        {
            YamlNode? node = Child(map, key);
            switch (node)
            {
                case null:
                    return Array.Empty<string>();
                case YamlScalarNode scalar:
                    return IsNull(scalar) ? Array.Empty<string>() : new[] { scalar.Value ?? "" };
                case YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode):
                    return list.Children.Select(c => ((YamlScalarNode)c).Value ?? "").ToList();
                default:
                    Error($"'{key}' must be a list of strings", node);
                    return Array.Empty<string>();
            }
        }
    }
}
