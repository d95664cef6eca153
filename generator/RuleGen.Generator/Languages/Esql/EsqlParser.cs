using System;
using System.Collections.Generic;
using RuleGen.Generator.Limits;

using RuleGen.Generator.Ir;
using RuleGen.Generator.Planning;

namespace RuleGen.Generator.Languages.Esql
{
    /// <summary>
    /// Recursive-descent parser for the ES|QL subset RuleGen compiles: <c>FROM … [METADATA …]</c>, any number of
    /// <c>WHERE</c>, one <c>KEEP</c>. Other commands and expressions parse far enough to be named in a
    /// "not supported yet" error at their own position. Every way back into <see cref="ParseExpression"/> (parentheses,
    /// function arguments, NOT) enters one level of a <see cref="DepthGuard"/>; chains (AND, OR, IN lists, arithmetic)
    /// are loops. Values, fields and columns are counted against <see cref="RuleLimits.QueryTerms"/>.
    /// </summary>
    internal sealed class EsqlParser
    {
        /// <summary>Source commands, which cannot follow a pipe and which a rule cannot start with (RuleGen reads events, not tables).</summary>
        private static readonly string[] OtherCommands = { "row", "show", "ts", "metrics", "explain" };

        /// <summary>ES|QL time span units (singular, plural and short forms).</summary>
        private static readonly string[] TimeUnits =
        {
            "millisecond", "milliseconds", "ms", "second", "seconds", "sec", "s", "minute", "minutes", "min", "hour", "hours", "h",
            "day", "days", "d", "week", "weeks", "w", "month", "months", "mo", "quarter", "quarters", "q", "year", "years", "yr", "y",
        };

        private readonly EsqlLexer _lexer;
        private readonly DepthGuard _nesting = new(RuleLimits.QueryNesting, "The query");
        private int _terms;

        private EsqlParser(string text) => _lexer = new EsqlLexer(text);

        /// <summary>
        /// Parses a query; throws <see cref="EsqlSyntaxException"/> at the first error, <see cref="LimitExceededException"/>
        /// (with the offending token's offset) when it nests too deeply or holds too many terms.
        /// </summary>
        public static EsqlQuery Parse(string text) => new EsqlParser(text).ParseQuery();

        private EsqlQuery ParseQuery()
        {
            Token first = _lexer.Next();
            if (!first.IsKeyword("from"))
            {
                if (first.Kind == TokenKind.Identifier && Array.IndexOf(OtherCommands, first.Text.ToLowerInvariant()) >= 0)
                {
                    throw new EsqlSyntaxException($"A query that starts with {first.Text.ToUpperInvariant()}", first.Start, first.Length, notSupported: true);
                }
                throw new EsqlSyntaxException($"expected FROM at the start of the query, found {first}", first.Start, Math.Max(1, first.Length));
            }
            FromCommand from = ParseFrom(first);

            var commands = new List<EsqlCommand>();
            while (true)
            {
                Token next = _lexer.Next();
                if (next.Kind == TokenKind.End) break;
                if (!next.IsSymbol("|")) throw Unexpected(next, "'|' or the end of the query");
                commands.Add(ParseCommand(_lexer.Next()));
            }
            return new EsqlQuery(from, commands);
        }

        /// <summary>Commands ES|QL has that a rule cannot run here, with why (a located "not supported").</summary>
        private static string? WhyNotSupported(string command) => command switch
        {
            "enrich" => "ENRICH reads an enrich policy's index in the cluster, which an offline matcher does not have",
            "lookup" => "LOOKUP JOIN reads a lookup index in the cluster, which an offline matcher does not have (and Elastic's prebuilt rules cannot use it either)",
            "join" => "A JOIN reads another index in the cluster, which an offline matcher does not have",
            "inline" or "inlinestats" => "INLINE STATS is not supported yet: it needs every row of the window before any row goes on, which this pipeline does only at STATS",
            "fork" => "FORK runs several branches and merges their rows; RuleGen runs one pipeline per rule",
            "completion" or "rerank" => $"{command.ToUpperInvariant()} calls an inference endpoint (an LLM), which an offline matcher does not have",
            "change_point" or "sample" or "fuse" or "rrf" or "insist" or "categorize" => $"{command.ToUpperInvariant()} is not supported",
            _ => null,
        };

        private EsqlCommand ParseCommand(Token command)
        {
            string name = command.Kind == TokenKind.Identifier ? command.Text.ToLowerInvariant() : string.Empty;
            switch (name)
            {
                case "where":
                    return new WhereCommand(ParseExpression(command), command.Start);
                case "keep":
                case "drop":
                {
                    var columns = ParseColumnList();
                    return new ColumnsCommand(name.ToUpperInvariant(), columns, command.Start, columns[columns.Count - 1].End);
                }
                case "eval":
                {
                    var assignments = new List<Assignment> { ParseAssignment(command) };
                    while (TryConsume(",")) assignments.Add(ParseAssignment(command));
                    return new EvalCommand(assignments, command.Start, assignments[assignments.Count - 1].End);
                }
                case "stats":
                    return ParseStats(command);
                case "sort":
                {
                    var keys = new List<SortKey> { ParseSortKey(command) };
                    while (TryConsume(",")) keys.Add(ParseSortKey(command));
                    return new SortCommand(keys, command.Start, keys[keys.Count - 1].End);
                }
                case "limit":
                {
                    Token count = _lexer.Next();
                    if (count.Kind != TokenKind.Number || !int.TryParse(count.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n))
                        throw Unexpected(count, "a whole number of rows after LIMIT");
                    return new LimitCommand(n, command.Start, count.Start + count.Length);
                }
                case "mv_expand":
                {
                    Token column = _lexer.Next();
                    if (column.Kind != TokenKind.Identifier) throw Unexpected(column, "a column after MV_EXPAND");
                    CountTerm(column);
                    return new MvExpandCommand(new NamedItem(column.Value, column.Start, column.Length), command.Start);
                }
                case "rename":
                {
                    var pairs = new List<(NamedItem, NamedItem)> { ParseRename() };
                    while (TryConsume(",")) pairs.Add(ParseRename());
                    return new RenameCommand(pairs, command.Start, pairs[pairs.Count - 1].Item2.End > pairs[pairs.Count - 1].Item1.End ? pairs[pairs.Count - 1].Item2.End : pairs[pairs.Count - 1].Item1.End);
                }
                case "dissect":
                case "grok":
                    return ParsePatternCommand(command, name.ToUpperInvariant());
            }
            if (name.Length > 0 && WhyNotSupported(name) is string why)
            {
                throw new EsqlCommandNotSupportedException(why, command.Start, command.Length);
            }
            if (name.Length > 0 && Array.IndexOf(OtherCommands, name) >= 0)
            {
                throw new EsqlSyntaxException($"{command.Text.ToUpperInvariant()} is a source command: it can only start a query, and a rule's query starts with FROM", command.Start, command.Length);
            }
            throw new EsqlSyntaxException($"expected a command (WHERE, EVAL, STATS, KEEP, …) after '|', found {command}", command.Start, Math.Max(1, command.Length));
        }

        private List<NamedItem> ParseColumnList()
        {
            var columns = new List<NamedItem>();
            do
            {
                Token column = _lexer.Next(columnPattern: true);
                if (column.Kind != TokenKind.Identifier) throw Unexpected(column, "a column name or pattern");
                columns.Add(new NamedItem(column.Value, column.Start, column.Length));
                CountTerm(column);
            }
            while (TryConsume(","));
            return columns;
        }

        /// <summary><c>name = expression</c> or a bare expression (EVAL, STATS … BY).</summary>
        private Assignment ParseAssignment(Token opener)
        {
            Token first = _lexer.Peek();
            if (first.Kind == TokenKind.Identifier && _lexer.PeekSecond().IsSymbol("="))
            {
                _lexer.Next();
                _lexer.Next();
                CountTerm(first);
                return new Assignment(new NamedItem(first.Value, first.Start, first.Length), ParseExpression(opener));
            }
            return new Assignment(null, ParseExpression(opener));
        }

        private StatsCommand ParseStats(Token command)
        {
            var aggregates = new List<StatsItem>();
            if (!_lexer.Peek().IsKeyword("by") && _lexer.Peek().Kind != TokenKind.End && !_lexer.Peek().IsSymbol("|"))
            {
                do
                {
                    Assignment value = ParseAssignment(command);
                    EsqlExpression? filter = null;
                    if (_lexer.Peek().IsKeyword("where"))
                    {
                        Token where = _lexer.Next();
                        filter = ParseExpression(where);
                    }
                    aggregates.Add(new StatsItem(value, filter));
                }
                while (TryConsume(","));
            }
            var groups = new List<Assignment>();
            if (_lexer.Peek().IsKeyword("by"))
            {
                Token by = _lexer.Next();
                groups.Add(ParseAssignment(by));
                while (TryConsume(",")) groups.Add(ParseAssignment(by));
            }
            if (aggregates.Count == 0 && groups.Count == 0) throw Unexpected(_lexer.Peek(), "an aggregate or BY after STATS");
            int end = groups.Count > 0 ? groups[groups.Count - 1].End : aggregates[aggregates.Count - 1].End;
            return new StatsCommand(aggregates, groups, command.Start, end);
        }

        private SortKey ParseSortKey(Token opener)
        {
            EsqlExpression value = ParseExpression(opener);
            int end = value.End;
            bool descending = false;
            bool? nullsFirst = null;
            if (_lexer.Peek().IsKeyword("asc") || _lexer.Peek().IsKeyword("desc"))
            {
                Token order = _lexer.Next();
                descending = order.IsKeyword("desc");
                end = order.Start + order.Length;
            }
            if (_lexer.Peek().IsKeyword("nulls"))
            {
                _lexer.Next();
                Token which = _lexer.Next();
                if (!which.IsKeyword("first") && !which.IsKeyword("last")) throw Unexpected(which, "FIRST or LAST after NULLS");
                nullsFirst = which.IsKeyword("first");
                end = which.Start + which.Length;
            }
            return new SortKey(value, descending, nullsFirst, end);
        }

        /// <summary><c>old AS new</c>, or (ES|QL 9.x) <c>new = old</c>.</summary>
        private (NamedItem Old, NamedItem New) ParseRename()
        {
            Token first = _lexer.Next(columnPattern: true);
            if (first.Kind != TokenKind.Identifier) throw Unexpected(first, "a column to rename");
            CountTerm(first);
            Token link = _lexer.Next();
            Token second = _lexer.Next(columnPattern: true);
            if (second.Kind != TokenKind.Identifier) throw Unexpected(second, "a column name");
            CountTerm(second);
            var a = new NamedItem(first.Value, first.Start, first.Length);
            var b = new NamedItem(second.Value, second.Start, second.Length);
            if (link.IsKeyword("as")) return (a, b);
            if (link.IsSymbol("=")) return (b, a);
            throw Unexpected(link, "AS (old AS new) or '=' (new = old)");
        }

        private PatternCommand ParsePatternCommand(Token command, string name)
        {
            EsqlExpression input = ParseOperand();
            Token pattern = _lexer.Next();
            if (pattern.Kind != TokenKind.String) throw Unexpected(pattern, $"the {name} pattern (a string)");
            var patternLiteral = new LiteralExpression(LiteralKind.String, pattern.Value, pattern.Start, pattern.Length);
            int end = pattern.Start + pattern.Length;
            LiteralExpression? separator = null;
            if (name == "DISSECT" && _lexer.Peek().IsKeyword("append_separator"))
            {
                _lexer.Next();
                Expect("=");
                Token sep = _lexer.Next();
                if (sep.Kind != TokenKind.String) throw Unexpected(sep, "a string after APPEND_SEPARATOR=");
                separator = new LiteralExpression(LiteralKind.String, sep.Value, sep.Start, sep.Length);
                end = sep.Start + sep.Length;
            }
            return new PatternCommand(name, input, patternLiteral, separator, command.Start, end);
        }

        private FromCommand ParseFrom(Token fromToken)
        {
            var sources = new List<NamedItem>();
            do
            {
                Token source = _lexer.NextSourcePattern();
                if (source.Kind != TokenKind.Identifier && source.Kind != TokenKind.String) throw Unexpected(source, "an index pattern");
                sources.Add(new NamedItem(source.Value, source.Start, source.Length));
                CountTerm(source);
            }
            while (TryConsume(","));

            var metadata = new List<NamedItem>();
            int end = sources[sources.Count - 1].End;
            if (_lexer.Peek().IsKeyword("metadata"))
            {
                _lexer.Next();
                do
                {
                    Token name = _lexer.Next();
                    if (name.Kind != TokenKind.Identifier) throw Unexpected(name, "a metadata field such as _id");
                    metadata.Add(new NamedItem(name.Value, name.Start, name.Length));
                    CountTerm(name);
                    end = name.Start + name.Length;
                }
                while (TryConsume(","));
            }
            return new FromCommand(sources, metadata, fromToken.Start, end - fromToken.Start);
        }

        /// <summary>An expression one level deeper, opened by <paramref name="opener"/> (WHERE, '(' or a function's name).</summary>
        private EsqlExpression ParseExpression(Token opener)
        {
            using DepthGuard.Level level = _nesting.Enter(opener.Start, Math.Max(1, opener.Length));
            return ParseOr();
        }

        private EsqlExpression ParseOr() => ParseChain(LogicalOperator.Or, "or", ParseAnd);

        private EsqlExpression ParseAnd() => ParseChain(LogicalOperator.And, "and", ParseNot);

        /// <summary><c>x op y op z …</c> as one flat node (see <see cref="LogicalExpression"/>).</summary>
        private EsqlExpression ParseChain(LogicalOperator op, string keyword, Func<EsqlExpression> operand)
        {
            EsqlExpression first = operand();
            if (!_lexer.Peek().IsKeyword(keyword)) return first;
            var operands = new List<EsqlExpression> { first };
            while (_lexer.Peek().IsKeyword(keyword))
            {
                _lexer.Next();
                operands.Add(operand());
            }
            return new LogicalExpression(op, operands);
        }

        private EsqlExpression ParseNot()
        {
            Token next = _lexer.Peek();
            if (next.IsKeyword("not"))
            {
                _lexer.Next();
                using DepthGuard.Level level = _nesting.Enter(next.Start, next.Length);
                return new NotExpression(ParseNot(), next.Start);
            }
            return ParsePredicate();
        }

        private EsqlExpression ParsePredicate()
        {
            EsqlExpression value = ParseOperand();
            Token next = _lexer.Peek();

            if (next.Kind == TokenKind.Symbol && ComparisonOf(next.Text) is ComparisonOperator op)
            {
                _lexer.Next();
                EsqlExpression right = ParseOperand();
                return new ComparisonExpression(op, value, right, next.Start);
            }

            bool negated = false;
            if (next.IsKeyword("not"))
            {
                _lexer.Next();
                negated = true;
                next = _lexer.Peek();
                if (!next.IsKeyword("in") && !next.IsKeyword("like") && !next.IsKeyword("rlike"))
                {
                    throw Unexpected(next, "IN, LIKE or RLIKE after NOT");
                }
            }

            if (next.IsKeyword("in"))
            {
                _lexer.Next();
                Expect("(");
                var list = new List<EsqlExpression> { ParseOperand() };
                while (TryConsume(",")) list.Add(ParseOperand());
                Token close = Expect(")");
                return new InExpression(value, list, negated, close.Start + 1);
            }

            if (next.IsKeyword("like") || next.IsKeyword("rlike"))
            {
                _lexer.Next();
                bool regex = next.IsKeyword("rlike");
                var patterns = new List<EsqlExpression>();
                int end;
                if (TryConsume("("))
                {
                    patterns.Add(ParseOperand());
                    while (TryConsume(",")) patterns.Add(ParseOperand());
                    end = Expect(")").Start + 1;
                }
                else
                {
                    EsqlExpression pattern = ParseOperand();
                    patterns.Add(pattern);
                    end = pattern.End;
                }
                return new PatternExpression(value, patterns, regex, negated, end);
            }

            if (next.IsKeyword("is"))
            {
                _lexer.Next();
                bool isNot = false;
                if (_lexer.Peek().IsKeyword("not"))
                {
                    _lexer.Next();
                    isNot = true;
                }
                Token nullToken = _lexer.Next();
                if (!nullToken.IsKeyword("null")) throw Unexpected(nullToken, "NULL after IS");
                return new IsNullExpression(value, isNot, nullToken.Start + nullToken.Length);
            }

            return value;
        }

        /// <summary>
        /// A value: <c>a + b * c …</c> over unary minus, casts (<c>x::long</c>) and primaries. Each level's chain
        /// (<c>a + b + c …</c>) is read in a loop, left-associative, not by recursion.
        /// </summary>
        private EsqlExpression ParseOperand()
        {
            EsqlExpression value = ParseAdditive();
            Token next = _lexer.Peek();
            if (next.IsSymbol(":") || next.IsSymbol("=~"))
            {
                _lexer.Next();
                ParsePrimary();
                return new UnsupportedExpression(next.Text == ":" ? "The match operator (:)" : "The =~ operator", next.Start, next.Length);
            }
            if (next.IsSymbol("="))
            {
                throw new EsqlSyntaxException("'=' is assignment; compare with '=='", next.Start, 1);
            }
            return value;
        }

        private EsqlExpression ParseAdditive()
        {
            EsqlExpression left = ParseMultiplicative();
            while (_lexer.Peek() is { Kind: TokenKind.Symbol, Text: "+" or "-" } op)
            {
                _lexer.Next();
                EsqlExpression right = ParseMultiplicative();
                left = new ArithmeticExpression(op.Text == "+" ? ArithmeticOperator.Add : ArithmeticOperator.Subtract, left, right, op.Start);
                CheckChainDepth(op);
            }
            return left;
        }

        private EsqlExpression ParseMultiplicative()
        {
            EsqlExpression left = ParseUnary();
            while (_lexer.Peek() is { Kind: TokenKind.Symbol, Text: "*" or "/" or "%" } op)
            {
                _lexer.Next();
                EsqlExpression right = ParseUnary();
                left = new ArithmeticExpression(op.Text == "*" ? ArithmeticOperator.Multiply : op.Text == "/" ? ArithmeticOperator.Divide : ArithmeticOperator.Modulo, left, right, op.Start);
                CheckChainDepth(op);
            }
            return left;
        }

        // An arithmetic chain nests one node per operator, and the binder walks it recursively: a chain is held to the
        // nesting limit here, with a located error, rather than deep in a later pass.
        private int _chain;

        private void CheckChainDepth(Token op)
        {
            if (++_chain > RuleLimits.QueryNesting)
                throw LimitExceededException.Size("An arithmetic chain has too many operators", RuleLimits.QueryNesting, op.Start, 1);
        }

        private EsqlExpression ParseUnary()
        {
            Token next = _lexer.Peek();
            if (next.IsSymbol("-") || next.IsSymbol("+"))
            {
                _lexer.Next();
                using DepthGuard.Level level = _nesting.Enter(next.Start, next.Length);
                EsqlExpression operand = ParseUnary();
                if (next.Text == "+") return operand;
                // -5 is the literal -5 (so "-2147483648" stays an integer), anything else a negation.
                return operand is LiteralExpression { Kind: LiteralKind.Number } literal && !literal.Value.StartsWith("-", StringComparison.Ordinal)
                    ? new LiteralExpression(LiteralKind.Number, "-" + literal.Value, next.Start, literal.End - next.Start)
                    : new NegateExpression(operand, next.Start);
            }
            return ParseCast();
        }

        private EsqlExpression ParseCast()
        {
            EsqlExpression value = ParsePrimary();
            while (_lexer.Peek().IsSymbol("::"))
            {
                _lexer.Next();
                Token type = _lexer.Next();
                if (type.Kind != TokenKind.Identifier) throw Unexpected(type, "a type name after '::'");
                value = new CastExpression(value, type.Text.ToLowerInvariant(), type.Start, type.Start + type.Length);
            }
            return value;
        }

        /// <summary>Counts one value, field or column against <see cref="RuleLimits.QueryTerms"/>.</summary>
        private void CountTerm(Token token)
        {
            if (++_terms > RuleLimits.QueryTerms)
            {
                throw LimitExceededException.Size("The query has too many values, fields and columns", RuleLimits.QueryTerms, token.Start, Math.Max(1, token.Length));
            }
        }

        private EsqlExpression ParsePrimary()
        {
            Token token = _lexer.Next();
            CountTerm(token);
            switch (token.Kind)
            {
                case TokenKind.String:
                    return new LiteralExpression(LiteralKind.String, token.Value, token.Start, token.Length);
                case TokenKind.Number:
                    if (_lexer.Peek().Kind == TokenKind.Identifier && Array.IndexOf(TimeUnits, _lexer.Peek().Text.ToLowerInvariant()) >= 0)
                    {
                        // "7 days": a time span literal, used with date arithmetic and DATE_TRUNC.
                        Token unit = _lexer.Next();
                        if (!long.TryParse(token.Text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long amount))
                            throw new EsqlSyntaxException($"'{token.Text}' is not a whole number of {unit.Text}", token.Start, token.Length);
                        return new TimeSpanExpression(amount, unit.Text.ToLowerInvariant(), token.Start, unit.Start + unit.Length - token.Start);
                    }
                    return Number(token, negative: false);
                case TokenKind.Symbol when token.Text == "(":
                    EsqlExpression inner = ParseExpression(token);
                    Expect(")");
                    return inner;
                case TokenKind.Symbol when token.Text == "?":
                    return new UnsupportedExpression("A query parameter (?)", token.Start, token.Length);
                case TokenKind.Symbol when token.Text == "[":
                    return new UnsupportedExpression("A list literal ([…])", token.Start, token.Length);
                case TokenKind.Identifier:
                    if (token.IsKeyword("true") || token.IsKeyword("false"))
                    {
                        return new LiteralExpression(LiteralKind.Boolean, token.Text.ToLowerInvariant(), token.Start, token.Length);
                    }
                    if (token.IsKeyword("null")) return new LiteralExpression(LiteralKind.Null, "null", token.Start, token.Length);
                    if (IsReserved(token)) throw Unexpected(token, "a value");
                    if (_lexer.Peek().IsSymbol("(") && token.Text[0] != '`')
                    {
                        return ParseCall(token);
                    }
                    return new FieldReference(token.Value, token.Start, token.Length);
                default:
                    throw Unexpected(token, "a value (a field, a literal or a function call)");
            }
        }

        private EsqlExpression ParseCall(Token name)
        {
            Expect("(");
            var arguments = new List<EsqlExpression>();
            Token next = _lexer.Peek();
            if (next.IsSymbol("*"))
            {
                _lexer.Next();
                arguments.Add(new StarExpression(next.Start));
            }
            else if (!next.IsSymbol(")"))
            {
                arguments.Add(ParseExpression(name));
                while (TryConsume(",")) arguments.Add(ParseExpression(name));
            }
            Token close = Expect(")");
            return new FunctionCall(name.Text, name.Length, arguments, name.Start, close.Start + 1);
        }

        private static EsqlExpression Number(Token token, bool negative, int? start = null)
        {
            foreach (char c in token.Text)
            {
                if (char.IsLetter(c) && c is not ('e' or 'E'))
                {
                    return new UnsupportedExpression($"A time span literal ({token.Text})", token.Start, token.Length);
                }
            }
            int from = start ?? token.Start;
            return new LiteralExpression(LiteralKind.Number, (negative ? "-" : string.Empty) + token.Text, from, token.Start + token.Length - from);
        }

        private static ComparisonOperator? ComparisonOf(string symbol) => symbol switch
        {
            "==" => ComparisonOperator.Equal,
            "!=" => ComparisonOperator.NotEqual,
            "<" => ComparisonOperator.Less,
            "<=" => ComparisonOperator.LessOrEqual,
            ">" => ComparisonOperator.Greater,
            ">=" => ComparisonOperator.GreaterOrEqual,
            _ => null,
        };

        private static bool IsReserved(Token token) =>
            token.Text[0] != '`' && (token.IsKeyword("and") || token.IsKeyword("or") || token.IsKeyword("not") || token.IsKeyword("in")
            || token.IsKeyword("is") || token.IsKeyword("like") || token.IsKeyword("rlike"));

        private bool TryConsume(string symbol)
        {
            if (!_lexer.Peek().IsSymbol(symbol)) return false;
            _lexer.Next();
            return true;
        }

        private Token Expect(string symbol)
        {
            Token token = _lexer.Next();
            if (!token.IsSymbol(symbol)) throw Unexpected(token, $"'{symbol}'");
            return token;
        }

        private static EsqlSyntaxException Unexpected(Token token, string expected) =>
            new($"expected {expected}, found {token}", token.Start, Math.Max(1, token.Length));
    }
}
