using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Limits;

namespace RuleGen.Generator.Languages.Sigma.Pipelines
{
    /// <summary>
    /// Rewrites of a <see cref="SigmaRule"/> syntax model, before binding: what pySigma's processing pipelines are.
    /// The model has no OR inside a map, so an item that becomes several (a one-to-many field mapping, pySigma's
    /// ConditionOR) is distributed: a map <c>a AND (b1 OR b2)</c> becomes the list of maps <c>[a AND b1, a AND b2]</c>,
    /// which means the same (AND distributes over OR) for every modifier, <c>neq</c> and <c>all</c> included.
    /// </summary>
    internal static class SigmaRuleRewriter
    {
        /// <summary>Maps one search may grow to by distribution; more is a located RG0061, never a silent cut.</summary>
        public const int MaximumMaps = 4096;

        /// <summary>
        /// Each field item of every map replaced by what <paramref name="rewrite"/> returns: null drops the item (the
        /// map no longer tests it), an empty list makes the item FALSE (its map is dropped from the OR), one item is
        /// a replacement, several an OR. Keyword searches are left alone.
        /// </summary>
        public static SigmaRule MapItems(SigmaRule rule, Func<SigmaFieldItem, IReadOnlyList<SigmaFieldItem>?> rewrite)
        {
            var searches = new List<SigmaSearch>(rule.Searches.Count);
            foreach (SigmaSearch search in rule.Searches)
            {
                if (search.Kind == SigmaSearchKind.Keywords)
                {
                    searches.Add(search);
                    continue;
                }
                var maps = new List<IReadOnlyList<SigmaFieldItem>>();
                foreach (IReadOnlyList<SigmaFieldItem> map in search.Maps) maps.AddRange(Distribute(map, rewrite, search));
                // One map stays a map; none (every alternative FALSE) or several are a list of maps, OR-ed (none: FALSE).
                SigmaSearchKind kind = maps.Count == 1 && search.Kind == SigmaSearchKind.Map ? SigmaSearchKind.Map : SigmaSearchKind.ListOfMaps;
                searches.Add(search with { Kind = kind, Maps = maps });
            }
            return rule with { Searches = searches };
        }

        private static List<IReadOnlyList<SigmaFieldItem>> Distribute(IReadOnlyList<SigmaFieldItem> map, Func<SigmaFieldItem, IReadOnlyList<SigmaFieldItem>?> rewrite, SigmaSearch search)
        {
            var result = new List<List<SigmaFieldItem>> { new List<SigmaFieldItem>() };
            foreach (SigmaFieldItem item in map)
            {
                IReadOnlyList<SigmaFieldItem>? alternatives = rewrite(item);
                if (alternatives is null) continue;
                if (alternatives.Count == 0) return new List<IReadOnlyList<SigmaFieldItem>>();
                if (alternatives.Count == 1)
                {
                    foreach (List<SigmaFieldItem> partial in result) partial.Add(alternatives[0]);
                    continue;
                }
                if ((long)result.Count * alternatives.Count > MaximumMaps)
                {
                    throw LimitExceededException.Size($"Sigma search '{search.Name}' after its fields were mapped has more than {MaximumMaps} alternatives", MaximumMaps, -1, 0);
                }
                result = result.SelectMany(partial => alternatives.Select(a => new List<SigmaFieldItem>(partial) { a })).ToList();
            }
            return result.Select(m => (IReadOnlyList<SigmaFieldItem>)m).ToList();
        }

        /// <summary>
        /// A search ANDed to every condition (pySigma's add_condition: <c>name and (condition)</c>, or
        /// <c>not name and (condition)</c> when negated). Its name starts with <c>_</c>, so <c>them</c> does not see it.
        /// </summary>
        public static SigmaRule AndSearch(SigmaRule rule, SigmaSearch search, bool negated)
        {
            var conditions = new List<SigmaConditionText>(rule.Conditions.Count);
            foreach (SigmaConditionText condition in rule.Conditions)
            {
                if (condition.Parsed is not SigmaCondition parsed)
                {
                    conditions.Add(condition);
                    continue;
                }
                SigmaCondition added = new SigmaIdentifierCondition(search.Name, parsed.Start, 0);
                if (negated) added = new SigmaNotCondition(added, parsed.Start, 0);
                string text = (negated ? "not " : "") + search.Name + " and (" + condition.Text + ")";
                conditions.Add(condition with { Text = text, Parsed = new SigmaBinaryCondition(true, new[] { added, parsed }, parsed.Start, parsed.Length) });
            }
            return rule with { Searches = rule.Searches.Concat(new[] { search }).ToList(), Conditions = conditions };
        }
    }
}
