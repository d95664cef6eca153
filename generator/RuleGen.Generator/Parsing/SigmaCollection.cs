using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Generator.Parsing
{
    /// <summary>
    /// A Sigma file of several YAML documents (`---`): each Sigma rule or correlation document is one rule of the set.
    /// The collection actions are pySigma's (<c>sigma/collection.py</c> <c>SigmaCollection.from_dicts</c>, the reference
    /// implementation of Sigma 1.0's "rule collections", which the v2 specification text no longer describes):
    /// <list type="bullet">
    /// <item><c>action: global</c>: the document (without <c>action</c>) is merged into every following rule document,
    /// mappings key by key, a global value winning over the document's on a conflict (pySigma's
    /// <c>deep_dict_update(rule, global_rule)</c>); it is also the "previous" document for a following <c>repeat</c>.</item>
    /// <item><c>action: reset</c>: no global from here on.</item>
    /// <item><c>action: repeat</c>: the previous rule document (as merged) with this document's keys on top: one more rule.</item>
    /// </list>
    /// A correlation document takes no global: a global's <c>logsource</c>/<c>detection</c> would make it a malformed
    /// event rule (pySigma reads correlations on their own too). Every node keeps its position in the file, so each
    /// rule's diagnostics are at its own document's lines: a merged document is built from a fresh load of the file
    /// (YamlDotNet nodes cannot be re-positioned, and a fresh load lets the merge move nodes without sharing them).
    /// </summary>
    internal static class SigmaCollection
    {
        /// <summary>A cheap superset test: a file with several documents has a line starting with <c>---</c>.</summary>
        public static bool MayHoldSeveral(string text) =>
            text.StartsWith("---", StringComparison.Ordinal) || text.IndexOf("\n---", StringComparison.Ordinal) >= 0;

        /// <summary>
        /// The rule documents of a collection, merged, or null when the file is not one (one document, a YAML error the
        /// one-document path reports the same way, or several documents none of which is Sigma: RG0002 there).
        /// Collection mistakes are located errors in <paramref name="diagnostics"/>.
        /// </summary>
        public static List<YamlMappingNode>? Read(SourceLines lines, string text, DiagnosticBag diagnostics)
        {
            YamlStream? first = RuleYamlParser.LoadStream(lines, text, new DiagnosticBag());
            if (first is null || first.Documents.Count < 2) return null;
            if (!first.Documents.Any(d => d.RootNode is YamlMappingNode m && (IsAction(m) || IsSigmaShaped(m)))) return null;

            // The recipe of each rule, from the document order (pySigma's loop), on node indices of the first load.
            var recipes = new List<Recipe>();
            int? global = null;
            Recipe? previous = null;
            for (int i = 0; i < first.Documents.Count; i++)
            {
                if (first.Documents[i].RootNode is not YamlMappingNode root)
                {
                    diagnostics.Add(DiagnosticCatalog.RootNotMapping, lines.Of(first.Documents[i].RootNode), Describe(first.Documents[i].RootNode) + " as a document of a Sigma collection");
                    continue;
                }
                YamlScalarNode? action = Value(root, "action") as YamlScalarNode;
                if (Key(root, "action") is YamlNode actionKey && action is null)
                {
                    diagnostics.Add(DiagnosticCatalog.WrongValueShape, lines.Of(actionKey, "action".Length), "action", "global, reset or repeat");
                    continue;
                }
                switch (action?.Value)
                {
                    case null:
                        bool correlation = Key(root, "correlation") is not null;
                        if (!correlation && !IsSigmaShaped(root) && !(global is int g && IsSigmaShaped(Merged(first, i, g))))
                        {
                            diagnostics.Add(DiagnosticCatalog.RootNotMapping, lines.Of(root, 1),
                                "a document that is neither a Sigma rule (logsource, detection) nor a correlation rule: only Sigma files hold several documents");
                            continue;
                        }
                        previous = new Recipe(i, correlation ? null : global, null);
                        recipes.Add(previous);
                        break;
                    case "global":
                        global = i;
                        previous = new Recipe(i, null, null);
                        break;
                    case "reset":
                        global = null;
                        break;
                    case "repeat":
                        if (previous is null)
                        {
                            diagnostics.Add(DiagnosticCatalog.InvalidArgument, lines.Of(action), "Sigma", "'action: repeat' repeats the previous document, and there is none before it");
                            continue;
                        }
                        previous = new Recipe(i, null, previous);
                        recipes.Add(previous);
                        break;
                    default:
                        diagnostics.Add(DiagnosticCatalog.InvalidArgument, lines.Of(action), "Sigma",
                            $"unknown collection action '{action.Value}': Sigma's are global, reset and repeat");
                        break;
                }
            }

            // Each rule from its own fresh load, so merging never moves a node another rule also holds.
            var documents = new List<YamlMappingNode>();
            foreach (Recipe recipe in recipes)
            {
                YamlStream fresh = RuleYamlParser.LoadStream(lines, text, new DiagnosticBag())!;
                documents.Add(Build(fresh, recipe));
            }
            return documents;
        }

        private sealed class Recipe
        {
            public Recipe(int index, int? global, Recipe? repeats)
            {
                Index = index;
                Global = global;
                Repeats = repeats;
            }

            public int Index { get; }
            public int? Global { get; }
            public Recipe? Repeats { get; }
        }

        private static YamlMappingNode Build(YamlStream fresh, Recipe recipe)
        {
            var root = (YamlMappingNode)fresh.Documents[recipe.Index].RootNode;
            RemoveAction(root);
            if (recipe.Global is int global)
            {
                var template = (YamlMappingNode)fresh.Documents[global].RootNode;
                RemoveAction(template);
                Merge(root, template, fromWins: true);
            }
            // repeat: the previous document as merged, under this one's keys (pySigma: deep_dict_update(prev_rule, rule)).
            if (recipe.Repeats is Recipe previous) Merge(root, Build(fresh, previous), fromWins: false);
            return root;
        }

        /// <summary>A document of the first load with a global merged in, from a load of its own (a shape test only).</summary>
        private static YamlMappingNode Merged(YamlStream first, int index, int global)
        {
            var root = new YamlMappingNode(((YamlMappingNode)first.Documents[index].RootNode).Children.Where(c => !IsKey(c.Key, "action")));
            foreach (var entry in ((YamlMappingNode)first.Documents[global].RootNode).Children)
            {
                if (!IsKey(entry.Key, "action") && Key(root, ((YamlScalarNode)entry.Key).Value ?? string.Empty) is null) root.Children.Add(entry.Key, entry.Value);
            }
            return root;
        }

        /// <summary>pySigma's <c>deep_dict_update</c>: mappings merge key by key; elsewhere one side's value stands.</summary>
        private static void Merge(YamlMappingNode into, YamlMappingNode from, bool fromWins)
        {
            foreach (KeyValuePair<YamlNode, YamlNode> entry in from.Children.ToList())
            {
                if (entry.Key is not YamlScalarNode { Value: string name }) continue;
                YamlNode? mine = Key(into, name);
                if (mine is null)
                {
                    into.Children.Add(entry.Key, entry.Value);
                }
                else if (into.Children[mine] is YamlMappingNode nested && entry.Value is YamlMappingNode other)
                {
                    Merge(nested, other, fromWins);
                }
                else if (fromWins)
                {
                    into.Children[mine] = entry.Value;
                }
            }
        }

        private static void RemoveAction(YamlMappingNode root)
        {
            if (Key(root, "action") is YamlNode key) root.Children.Remove(key);
        }

        private static bool IsAction(YamlMappingNode root) => Key(root, "action") is not null;

        private static bool IsSigmaShaped(YamlMappingNode root) =>
            Key(root, "correlation") is not null || (Key(root, "logsource") is not null && Key(root, "detection") is not null);

        private static bool IsKey(YamlNode node, string name) => node is YamlScalarNode s && s.Value == name;

        private static YamlNode? Key(YamlMappingNode root, string name) => root.Children.Keys.FirstOrDefault(k => IsKey(k, name));

        private static YamlNode? Value(YamlMappingNode root, string name) => Key(root, name) is YamlNode key ? root.Children[key] : null;

        private static string Describe(YamlNode node) => node switch
        {
            YamlSequenceNode => "a list",
            YamlScalarNode => "a single value",
            _ => "something else",
        };
    }
}
