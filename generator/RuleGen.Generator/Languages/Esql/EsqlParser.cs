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
        /// <summary>ES|QL processing commands that exist but are outside the subset.</summary>
        private static readonly string[] OtherCommands =
        {
            "eval", "stats", "inline", "inlinestats", "sort", "limit", "mv_expand", "grok", "dissect", "rename", "drop",
            "enrich", "lookup", "fork", "completion", "change_point", "sample", "rerank", "fuse", "rrf", "insist", "join",
            "row", "show", "ts", "metrics", "explain",
        };

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

            var where = new List<EsqlExpression>();
            KeepCommand? keep = null;
            while (true)
            {
                Token next = _lexer.Next();
                if (next.Kind == TokenKind.End) break;
                if (!next.IsSymbol("|")) throw Unexpected(next, "'|' or the end of the query");

                Token command = _lexer.Next();
                if (command.IsKeyword("where"))
                {
                    where.Add(ParseExpression(command));
                }
                else if (command.IsKeyword("keep"))
                {
                    if (keep is not null) throw new EsqlSyntaxException("A second KEEP", command.Start, command.Length, notSupported: true);
                    keep = ParseKeep(command);
                }
                else if (command.Kind == TokenKind.Identifier && Array.IndexOf(OtherCommands, command.Text.ToLowerInvariant()) >= 0)
                {
                    throw new EsqlSyntaxException($"The {command.Text.ToUpperInvariant()} command", command.Start, command.Length, notSupported: true);
                }
                else
                {
                    throw new EsqlSyntaxException($"expected a command (WHERE, KEEP, …) after '|', found {command}", command.Start, Math.Max(1, command.Length));
                }
            }
            return new EsqlQuery(from, where, keep);
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

        private KeepCommand ParseKeep(Token keepToken)
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
            NamedItem last = columns[columns.Count - 1];
            return new KeepCommand(columns, keepToken.Start, last.End - keepToken.Start);
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
        /// A value: literal, field, function call or parenthesised expression (and what follows it, if unsupported).
        /// Arithmetic chains (<c>a + b + c …</c>) are read in a loop, not by recursion.
        /// </summary>
        private EsqlExpression ParseOperand()
        {
            EsqlExpression primary = ParsePrimary();
            Token next = _lexer.Peek();
            if (next.IsSymbol("::"))
            {
                _lexer.Next();
                Token type = _lexer.Next();
                return new UnsupportedExpression("A type cast (::)", next.Start, type.Start + type.Length - next.Start);
            }
            if (IsArithmetic(next))
            {
                Token op = next;
                EsqlExpression right;
                do
                {
                    _lexer.Next();
                    right = ParsePrimary();
                    if (_lexer.Peek().IsSymbol("::"))
                    {
                        _lexer.Next();
                        _lexer.Next();
                    }
                }
                while (IsArithmetic(_lexer.Peek()));
                return new UnsupportedExpression($"Arithmetic ({op.Text})", op.Start, 1 + Math.Max(0, right.End - op.Start - 1));
            }
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
            return primary;
        }

        private static bool IsArithmetic(Token token) => token.Kind == TokenKind.Symbol && token.Text is "+" or "-" or "*" or "/" or "%";

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
                        // "7 days": a time span literal, used with date arithmetic.
                        Token unit = _lexer.Next();
                        return new UnsupportedExpression($"A time span literal ({token.Text} {unit.Text})", token.Start, unit.Start + unit.Length - token.Start);
                    }
                    return Number(token, negative: false);
                case TokenKind.Symbol when token.Text == "-":
                    Token number = _lexer.Next();
                    if (number.Kind != TokenKind.Number) throw Unexpected(number, "a number after '-'");
                    return Number(number, negative: true, start: token.Start);
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
                arguments.Add(new UnsupportedExpression("'*' as an argument", next.Start, 1));
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
