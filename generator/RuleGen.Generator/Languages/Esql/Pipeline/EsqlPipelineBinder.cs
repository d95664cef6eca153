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
using RuleGen.Generator.Emitting;

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
            var multi = new List<bool>();
            // Each STATS item is one aggregate call (its column), or an expression over aggregates (STATS r = SUM(x) /
            // COUNT(*), MV_SLICE(VALUES(x), 0, 9)), which ES|QL allows: its aggregates become hidden columns and the
            // expression an EVAL right after the STATS, over them.
            var items = new List<(string Name, int Aggregate, EsqlExpression? Expression)>();
            foreach (StatsItem item in stats.Aggregates)
            {
                EsqlExpression value = item.Value.Value;
                string name = item.Value.Target?.Name ?? Text(value);
                if (value is FunctionCall direct && EsqlAggregateCatalog.Find(direct.Name) is not null)
                {
                    AggregateCall? call = Aggregate(direct, name, item.Filter);
                    if (call is null) continue;
                    aggregates.Add(call);
                    multi.Add(call.Class is "Values" || call.Class.StartsWith("Top", StringComparison.Ordinal));
                    items.Add((name, aggregates.Count - 1, null));
                    continue;
                }
                EsqlExpression? rewritten = HideAggregates(value, item.Filter, aggregates, multi);
                if (rewritten is null) continue;
                items.Add((name, -1, rewritten));
            }
            var groups = new List<RowExpr>();
            var groupNames = new List<(string Name, EsqlDataType Type)>();
            foreach (Assignment group in stats.Groups)
            {
                RowExpr key = _rows.Bind(group.Value, _scope);
                groups.Add(key);
                groupNames.Add((group.Target?.Name ?? (group.Value is FieldReference f ? f.Name : Text(group.Value)), key.Type));
            }
            _firstWidth ??= _scope.Width;
            _firstInputs ??= _scope.SourceReads.ToList();
            int width = aggregates.Count + groups.Count;
            _pendingWidths.Add(_steps.Count);
            _steps.Add(new StatsStep(source, aggregates.ToEquatableArray(), groups.ToEquatableArray(), width));

            // The new layout: aggregates first, then the BY columns (ES|QL's STATS output order); expressions are computed
            // into columns after those and take their item's place; a repeated name keeps the last.
            var hidden = new List<ScopeColumn>();
            for (int i = 0; i < aggregates.Count; i++) hidden.Add(new ScopeColumn(HiddenName(i), i, aggregates[i].Type, IsSourceField: false, multi[i]));
            var groupColumns = groupNames.Select((g, i) => new ScopeColumn(g.Name, aggregates.Count + i, g.Type, IsSourceField: false, MayBeMulti: false)).ToList();
            EsqlColumnScope evaluation = EsqlColumnScope.Of(hidden.Concat(groupColumns));
            while (evaluation.Width < width) evaluation.Allocate();
            var visible = new List<ScopeColumn>();
            foreach (var (name, aggregate, expression) in items)
            {
                if (expression is null)
                {
                    visible.Add(new ScopeColumn(name, aggregate, aggregates[aggregate].Type, IsSourceField: false, multi[aggregate]));
                    continue;
                }
                RowExpr computed = _rows.Bind(expression, evaluation);
                int column = evaluation.Allocate();
                _steps.Add(new EvalStep("| (STATS) " + SourceWriter.OneLine(name) + " = " + _sourceText(expression), column, name, computed));
                visible.Add(new ScopeColumn(name, column, computed.Type, IsSourceField: false, MayBeMulti: true));
            }
            var columns = new List<ScopeColumn>();
            foreach (ScopeColumn column in visible.Concat(groupColumns))
            {
                columns.RemoveAll(c => c.Name == column.Name);
                columns.Add(column);
            }
            _scope = EsqlColumnScope.Of(columns);
            while (_scope.Width < evaluation.Width) _scope.Allocate();
        }

        /// <summary>The name of the hidden column an aggregate inside a STATS expression fills (no ES|QL name has a NUL).</summary>
        private static string HiddenName(int aggregate) => "\u0000agg" + aggregate.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// The expression with each aggregate call in it replaced by a reference to a new hidden aggregate column (the
        /// item's WHERE applies to each); null, reported, when it holds no aggregate (ES|QL: "expected an aggregate").
        /// </summary>
        private EsqlExpression? HideAggregates(EsqlExpression value, EsqlExpression? filter, List<AggregateCall> aggregates, List<bool> multi)
        {
            int before = aggregates.Count;
            bool failed = false;
            EsqlExpression rewritten;
            try
            {
                rewritten = EsqlExpressionRewriter.Replace(value, call =>
                {
                    if (EsqlAggregateCatalog.Find(call.Name) is null) return null;
                    AggregateCall? aggregate = Aggregate(call, HiddenName(aggregates.Count), filter);
                    if (aggregate is null)
                    {
                        failed = true;
                        return call;
                    }
                    aggregates.Add(aggregate);
                    multi.Add(aggregate.Class is "Values" || aggregate.Class.StartsWith("Top", StringComparison.Ordinal));
                    return new FieldReference(HiddenName(aggregates.Count - 1), call.Start, call.Length);
                });
            }
            catch (Limits.LimitExceededException e)
            {
                _diagnostics.Add(e, At(value));
                return null;
            }
            if (failed) return null;
            if (aggregates.Count == before && value is FunctionCall other && EsqlFunctions.IsOtherEsqlFunction(other.Name))
            {
                _diagnostics.Add(DiagnosticCatalog.NotSupportedYet, _positions.At(other.Start, other.NameLength), $"The aggregate {other.Name.ToUpperInvariant()}");
                return null;
            }
            if (aggregates.Count == before)
            {
                _diagnostics.Add(DiagnosticCatalog.TypeMismatch, At(value), "a STATS item must be an aggregate, or an expression over aggregates (such as SUM(x) / COUNT(*))");
                return null;
            }
            return rewritten;
        }

        private AggregateCall? Aggregate(FunctionCall call, string name, EsqlExpression? filterExpression)
        {
            RowExpr? filter = filterExpression is null ? null : _rows.Condition(filterExpression, _scope, "an aggregate's WHERE");
            AggregateFunction function = EsqlAggregateCatalog.Find(call.Name)!;
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
