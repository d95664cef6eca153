using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Languages.Esql.Types;

namespace RuleGen.Generator.Languages.Esql.Pipeline
{
    /// <summary>A column a command can name: its index in the current row layout, its type, and whether it is an event field read as is.</summary>
    internal sealed record ScopeColumn(string Name, int Index, EsqlDataType Type, bool IsSourceField, bool MayBeMulti);

    /// <summary>
    /// The columns visible at one point of a query. Before STATS, every field of the event is a column (FROM's
    /// table has all of them), read into the row only when a command names it; the commands' own columns come after.
    /// KEEP, DROP and RENAME change what is visible and under which name, at build time. After STATS only its columns
    /// exist. ES|QL's rules: a new column with an existing name replaces it (and goes last); KEEP orders columns
    /// (exact name before wildcard, the rightmost on a tie: docs/esql-pipeline.md).
    /// </summary>
    internal sealed class EsqlColumnScope
    {
        private readonly List<ScopeColumn> _columns = new();
        // Before STATS: which event fields are still visible. Each KEEP/DROP/RENAME adds a test; a field must pass all.
        private readonly List<Func<string, bool>> _sourceTests = new();
        private readonly Func<string, EsqlDataType>? _sourceType;
        private readonly Dictionary<string, ScopeColumn> _sourceRead = new(StringComparer.Ordinal);

        private EsqlColumnScope(Func<string, EsqlDataType>? sourceType) => _sourceType = sourceType;

        /// <summary>The scope right after FROM: every event field, typed by <paramref name="sourceType"/>.</summary>
        public static EsqlColumnScope FromEvents(Func<string, EsqlDataType> sourceType) => new(sourceType);

        /// <summary>A scope of only these columns (after STATS).</summary>
        public static EsqlColumnScope Of(IEnumerable<ScopeColumn> columns)
        {
            var scope = new EsqlColumnScope(null);
            scope._columns.AddRange(columns);
            scope.Width = scope._columns.Count == 0 ? 0 : scope._columns.Max(c => c.Index) + 1;
            return scope;
        }

        /// <summary>Whether event fields are still columns (no STATS yet).</summary>
        public bool HasSourceFields => _sourceType is not null;

        /// <summary>The size of the current row layout.</summary>
        public int Width { get; private set; }

        /// <summary>The event fields read into the row so far: (column, field name, type).</summary>
        public IEnumerable<ScopeColumn> SourceReads => _sourceRead.Values.OrderBy(c => c.Index);

        /// <summary>The columns the commands made (and source fields they redefined), in column order.</summary>
        public IReadOnlyList<ScopeColumn> Columns => _columns;

        public int Allocate() => Width++;

        /// <summary>The column a name refers to, or null: a column a command made, else a visible event field (read into the row).</summary>
        public ScopeColumn? Resolve(string name)
        {
            for (int i = _columns.Count - 1; i >= 0; i--)
            {
                if (_columns[i].Name == name) return _columns[i];
            }
            if (_sourceType is null || !SourceVisible(name)) return null;
            if (!_sourceRead.TryGetValue(name, out ScopeColumn? read))
            {
                _sourceRead[name] = read = new ScopeColumn(name, Allocate(), _sourceType(name), IsSourceField: true, MayBeMulti: true);
            }
            return read;
        }

        public bool SourceVisible(string name) => _sourceType is not null && _sourceTests.All(test => test(name));

        /// <summary>A new column (EVAL, GROK, …): replaces any column of that name, and goes last.</summary>
        public ScopeColumn Define(string name, EsqlDataType type, bool mayBeMulti, int? index = null)
        {
            _columns.RemoveAll(c => c.Name == name);
            HideSource(n => n != name);
            var column = new ScopeColumn(name, index ?? Allocate(), type, IsSourceField: false, mayBeMulti);
            _columns.Add(column);
            return column;
        }

        /// <summary>KEEP: only the columns the patterns match, in pattern order (exact names before wildcards; rightmost on a tie).</summary>
        public void Keep(IReadOnlyList<string> patterns)
        {
            var owners = new Dictionary<ScopeColumn, (int Entry, int Strength)>();
            foreach (ScopeColumn column in _columns)
            {
                for (int i = 0; i < patterns.Count; i++)
                {
                    int strength = ColumnPatterns.Strength(patterns[i], column.Name);
                    if (strength > 0 && (!owners.TryGetValue(column, out var best) || strength >= best.Strength)) owners[column] = (i, strength);
                }
            }
            var kept = _columns.Where(owners.ContainsKey).OrderBy(c => owners[c].Entry).ThenBy(c => patterns[owners[c].Entry].IndexOf('*') >= 0 ? c.Name : "", StringComparer.Ordinal).ToList();
            _columns.Clear();
            _columns.AddRange(kept);
            HideSource(name => patterns.Any(p => ColumnPatterns.Strength(p, name) > 0));
        }

        /// <summary>DROP: the columns the patterns match go.</summary>
        public void Drop(IReadOnlyList<string> patterns)
        {
            _columns.RemoveAll(c => patterns.Any(p => ColumnPatterns.Strength(p, c.Name) > 0));
            HideSource(name => !patterns.Any(p => ColumnPatterns.Strength(p, name) > 0));
        }

        /// <summary>RENAME old AS new: the column keeps its place and values under the new name; a column already named new goes.</summary>
        public bool Rename(string oldName, string newName)
        {
            ScopeColumn? column = Resolve(oldName);
            if (column is null) return false;
            int at = _columns.IndexOf(column);
            _columns.RemoveAll(c => c.Name == newName);
            var renamed = column with { Name = newName, IsSourceField = false };
            at = _columns.IndexOf(column);
            if (at >= 0) _columns[at] = renamed;
            else _columns.Add(renamed);
            HideSource(n => n != oldName && n != newName);
            return true;
        }

        private void HideSource(Func<string, bool> stillVisible)
        {
            if (_sourceType is not null) _sourceTests.Add(stillVisible);
        }
    }

    /// <summary>ES|QL column patterns (KEEP, DROP, RENAME): <c>*</c> matches any run of characters.</summary>
    internal static class ColumnPatterns
    {
        /// <summary>0: no match; 3: the exact name; 2: a pattern with a literal part; 1: a bare <c>*</c>.</summary>
        public static int Strength(string pattern, string name)
        {
            if (pattern == "*") return 1;
            if (pattern.IndexOf('*') < 0) return pattern == name ? 3 : 0;
            return Matches(pattern, name) ? 2 : 0;
        }

        public static bool Matches(string pattern, string name)
        {
            string[] parts = pattern.Split('*');
            if (!name.StartsWith(parts[0], StringComparison.Ordinal)) return false;
            int at = parts[0].Length;
            for (int i = 1; i < parts.Length - 1; i++)
            {
                int found = name.IndexOf(parts[i], at, StringComparison.Ordinal);
                if (found < 0) return false;
                at = found + parts[i].Length;
            }
            string last = parts[parts.Length - 1];
            return name.Length - at >= last.Length && name.EndsWith(last, StringComparison.Ordinal);
        }
    }
}
