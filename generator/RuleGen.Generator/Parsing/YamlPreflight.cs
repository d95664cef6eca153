using System;
using System.Collections.Generic;
using System.IO;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Limits;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace RuleGen.Generator.Parsing
{
    /// <summary>
    /// Walks a YAML file's event stream, without recursion, before YamlDotNet's representation model loads it:
    /// that loader recurses once per level and would overflow the stack on a 100,000-deep flow sequence, hashes
    /// complex keys recursively, and aliases make it share nodes that every later walk expands (billion laughs).
    /// Reports, at the node where it happens: a duplicate key (RG0011), a list or mapping used as a key (RG0005), an
    /// alias inside the node it names (RG0001: a cycle),
    /// nesting past <see cref="RuleLimits.YamlNesting"/> (RG0060), aliases that expand past
    /// <see cref="RuleLimits.AliasExpansion"/> nodes (RG0061). Only a file that passes is loaded.
    /// </summary>
    internal sealed class YamlPreflight
    {
        /// <summary>One open mapping or sequence.</summary>
        private sealed class Frame
        {
            public Frame(HashSet<string>? keys, DepthGuard.Level level, string? anchor, long start)
            {
                Keys = keys;
                Level = level;
                Anchor = anchor;
                Start = start;
            }

            /// <summary>The keys seen so far; null for a sequence.</summary>
            public HashSet<string>? Keys { get; }

            /// <summary>Inside a mapping, nodes alternate key, value, key, …</summary>
            public bool ExpectKey { get; set; } = true;

            public DepthGuard.Level Level { get; }

            public string? Anchor { get; }

            /// <summary>Nodes counted before this one started, to size an anchored collection.</summary>
            public long Start { get; }
        }

        private readonly SourceLines _lines;
        private readonly DiagnosticBag _diagnostics;
        private readonly DepthGuard _nesting = new(RuleLimits.YamlNesting, "The YAML");
        private readonly Stack<Frame> _open = new();
        // Per anchor: how many nodes it stands for, and its value when it is a scalar (aliases can be keys).
        private readonly Dictionary<string, long> _anchorSizes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _anchorScalars = new(StringComparer.Ordinal);
        private long _nodes;
        private long _aliasNodes;
        private bool _ok = true;

        private YamlPreflight(SourceLines lines, DiagnosticBag diagnostics)
        {
            _lines = lines;
            _diagnostics = diagnostics;
        }

        /// <summary>The end of the last event read: where the structure broke when YamlDotNet throws a plain exception.</summary>
        public Mark LastMark { get; private set; } = Mark.Empty;

        /// <summary>Checks <paramref name="text"/>; false when it must not be loaded. YamlDotNet's syntax errors propagate.</summary>
        public static bool Check(string text, SourceLines lines, DiagnosticBag diagnostics, out Mark lastMark)
        {
            var preflight = new YamlPreflight(lines, diagnostics);
            try
            {
                return preflight.Walk(text);
            }
            finally
            {
                lastMark = preflight.LastMark;
            }
        }

        private bool Walk(string text)
        {
            var parser = new Parser(new StringReader(text));
            while (parser.MoveNext())
            {
                ParsingEvent current = parser.Current!;
                LastMark = current.End;
                if (current is MappingEnd or SequenceEnd)
                {
                    Frame closed = _open.Pop();
                    closed.Level.Dispose();
                    if (closed.Anchor is not null) _anchorSizes[closed.Anchor] = _nodes - closed.Start;
                    continue;
                }
                if (current is not (NodeEvent or AnchorAlias)) continue;

                bool isKey = false;
                HashSet<string>? keys = null;
                if (_open.Count > 0 && _open.Peek().Keys is not null)
                {
                    Frame mapping = _open.Peek();
                    isKey = mapping.ExpectKey;
                    keys = mapping.Keys;
                    mapping.ExpectKey = !mapping.ExpectKey;
                }
                if (!Node(current, isKey, keys)) return false;
            }
            return _ok;
        }

        /// <summary>One node; false when the walk must stop (a limit was passed).</summary>
        private bool Node(ParsingEvent current, bool isKey, HashSet<string>? keys)
        {
            string? anchor = current is NodeEvent node && !node.Anchor.IsEmpty ? node.Anchor.Value : null;
            switch (current)
            {
                case AnchorAlias alias:
                    if (IsOpen(alias.Value.Value))
                    {
                        // "&a [*a]": the node would contain itself, an event that never ends.
                        _diagnostics.Add(DiagnosticCatalog.InvalidYaml, At(alias, alias.Value.Value.Length + 1), $"the alias *{alias.Value.Value} is inside the node it names (a cycle)");
                        return false;
                    }
                    long size = _anchorSizes.TryGetValue(alias.Value.Value, out long known) ? known : 0;
                    _nodes += size;
                    _aliasNodes += size;
                    if (_aliasNodes > RuleLimits.AliasExpansion)
                    {
                        _diagnostics.Add(LimitExceededException.Size("Aliases (*name) expand to too many YAML nodes", RuleLimits.AliasExpansion, 0, 0), At(alias, alias.Value.Value.Length + 1));
                        return false;
                    }
                    if (isKey)
                    {
                        if (_anchorScalars.TryGetValue(alias.Value.Value, out string? value)) Key(keys!, value, alias);
                        else ComplexKey(alias);
                    }
                    return true;
                case Scalar scalar:
                    _nodes++;
                    if (anchor is not null)
                    {
                        _anchorSizes[anchor] = 1;
                        _anchorScalars[anchor] = scalar.Value;
                    }
                    if (isKey) Key(keys!, scalar.Value, scalar);
                    return true;
                case MappingStart or SequenceStart:
                    if (isKey) ComplexKey(current);
                    DepthGuard.Level level;
                    try
                    {
                        level = _nesting.Enter();
                    }
                    catch (LimitExceededException e)
                    {
                        _diagnostics.Add(e, At(current, 1));
                        return false;
                    }
                    _open.Push(new Frame(current is MappingStart ? new HashSet<string>(StringComparer.Ordinal) : null, level, anchor, _nodes));
                    _nodes++;
                    return true;
                default:
                    return true;
            }
        }

        private bool IsOpen(string anchor)
        {
            foreach (Frame frame in _open)
            {
                if (frame.Anchor == anchor) return true;
            }
            return false;
        }

        private void Key(HashSet<string> keys, string key, ParsingEvent at)
        {
            if (keys.Add(key)) return;
            _diagnostics.Add(DiagnosticCatalog.DuplicateKey, At(at, key.Length), key);
            _ok = false;
        }

        private void ComplexKey(ParsingEvent at)
        {
            _diagnostics.Add(DiagnosticCatalog.WrongValueShape, At(at, 1), "A key", "a plain name, not a list or a mapping");
            _ok = false;
        }

        private LocationInfo At(ParsingEvent at, int length) => _lines.AtMark(at.Start.Line, at.Start.Column, Math.Max(1, length));
    }
}
