using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Ir.Pipeline;
using RuleGen.Generator.Languages.Esql.Functions;
using RuleGen.Generator.Languages.Esql.Types;
using RuleGen.Generator.Model;
using RuleGen.Generator.Parsing;

namespace RuleGen.Generator.Languages.Esql.Pipeline
{
    /// <summary>
    /// Binds the commands after a query's filter into a <see cref="PipelinePlan"/>: each command in order, against the
    /// columns visible at that point (<see cref="EsqlColumnScope"/>), so the types EVAL and STATS make flow on to later
    /// commands. Problems are reported at their token and binding goes on.
    /// </summary>
    internal sealed class EsqlPipelineBinder
    {
        private readonly EsqlRowBinder _rows;
        private readonly ScalarPositions _positions;
        private readonly DiagnosticBag _diagnostics;
        private readonly Func<EsqlNode, string> _sourceText;
        private readonly string _queryText;
        private readonly Func<string, EsqlNode, int?> _fieldSlot;
        private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
        private readonly List<PipelineStep> _steps = new();
        private readonly List<int> _pendingWidths = new();
        private EsqlColumnScope _scope;
        private string[] _lastKeep = { "*" };
        private readonly List<string> _hidden = new();
        private bool _aggregating, _needsAllRows;
        private readonly List<int> _expanded = new();

        /// <param name="fieldSlot">Registers an event field the pipeline reads (schema check at the node) and gives its slot; null: an error was reported.</param>
        public EsqlPipelineBinder(string queryText, ScalarPositions positions, DiagnosticBag diagnostics, Func<string, EsqlDataType> sourceType, Func<string, EsqlNode, int?> fieldSlot, Func<EsqlNode, string> sourceText)
        {
            _queryText = queryText;
            _positions = positions;
            _diagnostics = diagnostics;
            _fieldSlot = fieldSlot;
            _sourceText = sourceText;
            _scope = EsqlColumnScope.FromEvents(sourceType);
            _rows = new EsqlRowBinder(positions, diagnostics, ReadSource);
        }

        private bool ReadSource(string name, EsqlNode at)
        {
            if (_slots.ContainsKey(name)) return true;
            int? slot = _fieldSlot(name, at);
            if (slot is null) return false;
            _slots[name] = slot.Value;
            return true;
        }

        /// <summary>A WHERE condition the filter could not take (it reads what only rows have, or calls NOW()), run first.</summary>
        public void AddLeadingWhere(EsqlExpression condition)
        {
            RowExpr bound = _rows.Condition(condition, _scope, "WHERE");
            _steps.Add(new WhereStep("| WHERE " + _sourceText(condition), bound));
        }

        /// <summary>A WHERE some of whose conjuncts went to the filter: the rest, ANDed, is the step (none left: a note).</summary>
        public void AddWhere(WhereCommand where, IReadOnlyList<EsqlExpression> remaining)
        {
            string source = "| " + _sourceText(where);
            if (remaining.Count == 0)
            {
                _steps.Add(new NoteStep(source, "done by the filter before the pipeline: it reads only event fields no command before it changed"));
                return;
            }
            var bound = remaining.Select(c => _rows.Condition(c, _scope, "WHERE")).ToList();
            RowExpr condition = bound.Count == 1 ? bound[0] : new CallRow("EsqlOperators.And",
                new RowExpr[] { new CallRow("new[]", bound.ToEquatableArray(), EquatableArray<string>.Empty, EsqlDataType.Null) }.ToEquatableArray(), EquatableArray<string>.Empty, EsqlDataType.Boolean);
            string kept = bound.Count == Count(where) ? source : "| WHERE " + string.Join(" AND ", remaining.Select(_sourceText)) + "   (the rest of this WHERE is done by the filter)";
            _steps.Add(new WhereStep(kept, condition));
        }

        private static int Count(WhereCommand where) => where.Condition is LogicalExpression { Operator: LogicalOperator.And } and ? and.Operands.Count : 1;

        public void Add(EsqlCommand command)
        {
            string source = "| " + _sourceText(command);
            switch (command)
            {
                case WhereCommand where:
                    _steps.Add(new WhereStep(source, _rows.Condition(where.Condition, _scope, "WHERE")));
                    break;
                case EvalCommand eval:
                    foreach (Assignment assignment in eval.Assignments)
                    {
                        RowExpr value = _rows.Bind(assignment.Value, _scope);
                        string name = assignment.Target?.Name ?? Text(assignment.Value);
                        ScopeColumn column = _scope.Define(name, value.Type, mayBeMulti: true);
                        _steps.Add(new EvalStep(eval.Assignments.Count == 1 ? source : "| EVAL " + _sourceText(assignment), column.Index, name, value));
                    }
                    break;
                case StatsCommand stats:
                    Stats(stats, source);
                    break;
                case SortCommand sort:
                {
                    var keys = new List<SortKeyModel>();
                    foreach (SortKey key in sort.Keys)
                    {
                        RowExpr value = _rows.Bind(key.Value, _scope);
                        // ES|QL: NULLs last ascending, first descending, unless NULLS FIRST/LAST says.
                        keys.Add(new SortKeyModel(value, key.Descending, key.NullsFirst ?? key.Descending));
                    }
                    _steps.Add(new SortStep(source, keys.ToEquatableArray()));
                    break;
                }
                case LimitCommand limit:
                    _needsAllRows = true;
                    _steps.Add(new LimitStep(source, limit.Count));
                    break;
                case ColumnsCommand columns:
                    Columns(columns, source);
                    break;
                case RenameCommand rename:
                    foreach (var (oldName, newName) in rename.Pairs)
                    {
                        ScopeColumn? column = _scope.Resolve(oldName.Name);
                        if (column is null)
                        {
                            _diagnostics.Add(DiagnosticCatalog.EsqlUnknownColumn, At(oldName), oldName.Name, "there is no column of that name to rename");
                            continue;
                        }
                        if (column.IsSourceField) ReadSource(oldName.Name, oldName);
                        _scope.Rename(oldName.Name, newName.Name);
                        if (_scope.HasSourceFields) _hidden.Add(oldName.Name);
                    }
                    _steps.Add(new NoteStep(source, "done at build time: later commands read the same column under its new name"));
                    break;
                case MvExpandCommand expand:
                {
                    ScopeColumn? column = _scope.Resolve(expand.Column.Name);
                    if (column is null)
                    {
                        _diagnostics.Add(DiagnosticCatalog.EsqlUnknownColumn, At(expand.Column), expand.Column.Name, "there is no column of that name to expand");
                        break;
                    }
                    if (column.IsSourceField && !ReadSource(expand.Column.Name, expand.Column)) break;
                    // The expanded column is the pipeline's from here on (its one value per row is what the alert shows).
                    _scope.Define(column.Name, column.Type, mayBeMulti: false, index: column.Index);
                    _steps.Add(new MvExpandStep(source, column.Index));
                    if (!_expanded.Contains(column.Index)) _expanded.Add(column.Index);
                    break;
                }
                case PatternCommand pattern:
                    Pattern(pattern, source);
                    break;
                default:
                    _diagnostics.Add(DiagnosticCatalog.EsqlCommandNotSupported, At(command), $"The {command.Name} command is not supported");
                    break;
            }
        }

        private void Columns(ColumnsCommand columns, string source)
        {
            var patterns = columns.Columns.Select(c => c.Name).ToList();
            foreach (NamedItem item in columns.Columns)
            {
                // A name that matches nothing is an error in ES|QL ("Unknown column"); a pattern matching nothing is not.
                if (item.Name.IndexOf('*') >= 0) continue;
                ScopeColumn? column = _scope.Resolve(item.Name);
                if (column is null) _diagnostics.Add(DiagnosticCatalog.EsqlUnknownColumn, At(item), item.Name, _scope.HasSourceFields ? "an earlier KEEP, DROP or RENAME removed it" : "after STATS only its aggregates and BY columns exist");
                else if (column.IsSourceField) ReadSource(item.Name, item);
            }
            if (columns.IsKeep)
            {
                _scope.Keep(patterns);
                if (_scope.HasSourceFields) _lastKeep = patterns.ToArray();
            }
            else
            {
                _scope.Drop(patterns);
                if (_scope.HasSourceFields) _hidden.AddRange(patterns);
            }
            _steps.Add(new NoteStep(source, "done at build time: it decides which columns the alert has"));
        }

        private void Stats(StatsCommand stats, string source)
        {
            _aggregating = true;
            _needsAllRows = true;
            var aggregates = new List<AggregateCall>();
            var outputs = new List<(string Name, EsqlDataType Type, bool Multi)>();
            foreach (StatsItem item in stats.Aggregates)
            {
                AggregateCall? call = Aggregate(item);
                if (call is null) continue;
                aggregates.Add(call);
                outputs.Add((call.Name, call.Type, call.Class is "Values" || call.Class.StartsWith("Top", StringComparison.Ordinal)));
            }
            var groups = new List<RowExpr>();
            foreach (Assignment group in stats.Groups)
            {
                RowExpr key = _rows.Bind(group.Value, _scope);
                groups.Add(key);
                string name = group.Target?.Name ?? (group.Value is FieldReference f ? f.Name : Text(group.Value));
                outputs.Add((name, key.Type, false));
            }
            // The new layout: aggregates first, then the BY columns, as ES|QL orders STATS output; a repeated name keeps the last.
            var columns = new List<ScopeColumn>();
            for (int i = 0; i < outputs.Count; i++)
            {
                columns.RemoveAll(c => c.Name == outputs[i].Name);
                columns.Add(new ScopeColumn(outputs[i].Name, i, outputs[i].Type, IsSourceField: false, outputs[i].Multi));
            }
            _firstWidth ??= _scope.Width;
            _firstInputs ??= _scope.SourceReads.ToList();
            _scope = EsqlColumnScope.Of(columns);
            while (_scope.Width < outputs.Count) _scope.Allocate();
            _pendingWidths.Add(_steps.Count);
            _steps.Add(new StatsStep(source, aggregates.ToEquatableArray(), groups.ToEquatableArray(), outputs.Count));
        }

        private AggregateCall? Aggregate(StatsItem item)
        {
            EsqlExpression value = item.Value.Value;
            string name = item.Value.Target?.Name ?? Text(value);
            RowExpr? filter = item.Filter is null ? null : _rows.Condition(item.Filter, _scope, "an aggregate's WHERE");
            if (value is not FunctionCall call || EsqlAggregateCatalog.Find(call.Name) is not AggregateFunction function)
            {
                _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, At(value), "In STATS, an expression that is not one aggregate call (such as SUM(x) / COUNT(x))");
                return null;
            }
            LocationInfo nameAt = _positions.At(call.Start, call.NameLength);
            if (call.Arguments.Count == 1 && call.Arguments[0] is StarExpression)
            {
                if (!function.Name.Equals("COUNT", StringComparison.OrdinalIgnoreCase))
                {
                    _diagnostics.Add(DiagnosticCatalog.EsqlSyntaxError, At(call.Arguments[0]), $"'*' stands only in COUNT(*), not in {function.Name}");
                    return null;
                }
                return new AggregateCall(name, "CountRows", null, EquatableArray<string>.Empty, filter, EsqlDataType.Long);
            }
            int count = call.Arguments.Count;
            if (count < function.Min || (function.Max >= 0 && count > function.Max))
            {
                _diagnostics.Add(DiagnosticCatalog.WrongArgumentCount, nameAt, function.Name, function.ArityText, count.ToString(CultureInfo.InvariantCulture));
                return null;
            }
            if (count == 0) return new AggregateCall(name, "CountRows", null, EquatableArray<string>.Empty, filter, EsqlDataType.Long);
            var args = call.Arguments.Select(a => _rows.Bind(a, _scope)).ToList();
            var constants = new List<string>();
            for (int i = 1; i < args.Count; i++)
            {
                if (args[i] is ConstantRow constant) constants.Add(constant.Construct);
                else _diagnostics.Add(DiagnosticCatalog.InvalidArgument, At(call.Arguments[i]), function.Name, $"argument {i + 1} must be a constant");
            }
            var types = args.Select(a => a.Type).ToList();
            SignatureResult result = function.Check(types);
            if (result.IsError)
            {
                EsqlNode at = result.BadArgument >= 0 && result.BadArgument < call.Arguments.Count ? call.Arguments[result.BadArgument] : call;
                _diagnostics.Add(DiagnosticCatalog.TypeMismatch, At(at), $"argument {Math.Max(0, result.BadArgument) + 1} of {function.Name} {result.Problem}");
                return null;
            }
            return new AggregateCall(name, function.ClassOf(types), args[0], constants.ToEquatableArray(), filter, result.Type);
        }

        private void Pattern(PatternCommand pattern, string source)
        {
            RowExpr input = _rows.Bind(pattern.Input, _scope);
            if (input.Type is not (EsqlDataType.Keyword or EsqlDataType.Null or EsqlDataType.Unknown))
            {
                _diagnostics.Add(DiagnosticCatalog.TypeMismatch, At(pattern.Input), $"{pattern.Name} needs a string input, found [{input.Type.Name()}]");
                return;
            }
            EsqlPatternCompilation compiled = EsqlPatterns.Compile(pattern);
            if (compiled.Error is string error)
            {
                // Inside the literal when it is written verbatim ("""…"""; a "…" literal's escapes shift the offset a little).
                int quote = _queryText.Substring(pattern.Pattern.Start).StartsWith("\"\"\"", StringComparison.Ordinal) ? 3 : 1;
                int offset = pattern.Pattern.Start + quote + compiled.ErrorOffset;
                bool inside = compiled.ErrorOffset >= 0 && offset < pattern.Pattern.End;
                _diagnostics.Add(DiagnosticCatalog.InvalidPattern, inside ? _positions.At(offset, 1) : At(pattern.Pattern), pattern.Name, error);
                return;
            }
            var columns = new List<int>();
            foreach (var (name, type) in compiled.Keys)
            {
                columns.Add(_scope.Define(name, type, mayBeMulti: compiled.Multi.Contains(name)).Index);
            }
            _steps.Add(new PatternStep(source, pattern.IsGrok, input, compiled.Construct, columns.ToEquatableArray()));
        }

        /// <summary>The plan, once every command is added; null when a command failed (the diagnostics say where).</summary>
        public PipelinePlan Build()
        {
            // Each STATS's layout is as wide as the columns made after it, up to the next STATS.
            var steps = _steps.ToList();
            for (int p = 0; p < _pendingWidths.Count; p++)
            {
                int at = _pendingWidths[p];
                int end = p + 1 < _pendingWidths.Count ? _pendingWidths[p + 1] : steps.Count;
                var stats = (StatsStep)steps[at];
                int width = stats.Width;
                for (int i = at + 1; i < end; i++)
                {
                    if (steps[i] is EvalStep eval) width = Math.Max(width, eval.Column + 1);
                    if (steps[i] is PatternStep pattern && pattern.Columns.Count > 0) width = Math.Max(width, pattern.Columns.Max() + 1);
                }
                steps[at] = stats with { Width = width };
            }
            int firstWidth = _firstWidth ?? _scope.Width;
            var inputs = _firstInputs ?? _scope.SourceReads.ToList();
            var output = _scope.Columns.Select(c => new PipelineColumn(c.Name, c.Index, c.Type, c.MayBeMulti)).ToEquatableArray();
            return new PipelinePlan(
                inputs.Where(i => _slots.ContainsKey(i.Name)).Select(i => new PipelineInput(i.Index, _slots[i.Name], i.Name, i.Type)).ToEquatableArray(),
                firstWidth,
                steps.ToEquatableArray(),
                output,
                _aggregating ? EquatableArray<string>.Empty : _lastKeep.ToEquatableArray(),
                _aggregating ? EquatableArray<string>.Empty : _hidden.Distinct().ToEquatableArray(),
                _aggregating,
                _needsAllRows || _rows.UsesNow) { Expanded = _aggregating ? EquatableArray<int>.Empty : _expanded.ToEquatableArray() };
        }

        // The first layout is fixed when the first STATS replaces the scope (after its arguments read their fields).
        private int? _firstWidth;
        private List<ScopeColumn>? _firstInputs;

        /// <summary>The node's text as written (an unnamed EVAL or STATS column is named so, as ES|QL names it).</summary>
        private string Text(EsqlNode node) => _queryText.Substring(node.Start, node.Length).Trim();

        private LocationInfo At(EsqlNode node) => _positions.At(node.Start, node.Length);
    }
}
