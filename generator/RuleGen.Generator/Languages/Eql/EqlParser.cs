using System;
using System.Collections.Generic;
using System.Globalization;
using RuleGen.Generator.Limits;
using RuleGen.Generator.Parsing;

namespace RuleGen.Generator.Languages.Eql
{
    /// <summary>
    /// Recursive-descent parser for Elasticsearch's EQL grammar (x-pack/plugin/eql EqlBase.g4, the version with
    /// samples, missing events, <c>with runs</c> and optional fields), into <see cref="EqlQuery"/>:
    /// <code>
    /// statement   = query pipe*
    /// query       = sequence | sample | join | eventFilter
    /// sequence    = 'sequence' (joinKeys maxspan? | maxspan)? stage+ ('until' stage)?
    /// sample      = 'sample' joinKeys? stage+          join = 'join' joinKeys? stage stage+ ('until' stage)?
    /// stage       = ('[' | '![') eventFilter ']' joinKeys? ('with' 'runs' '=' number)?
    /// eventFilter = ('any' | IDENTIFIER | STRING) 'where' expression
    /// expression  = or;  or = and ('or' and)*;  and = not ('and' not)*;  not = 'not' not | comparison
    /// comparison  = additive (('==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=') additive)?
    /// additive    = multiplicative (('+' | '-') multiplicative)*;  multiplicative = unary (('*' | '/' | '%') unary)*
    /// unary       = ('-' | '+') unary | primary predicate?
    /// predicate   = 'not'? ('in' | 'in~') '(' expression (',' expression)* ')'
    ///             | (':' | 'like' | 'like~' | 'regex' | 'regex~') (constant | '(' constant (',' constant)* ')')
    /// primary     = constant | name '(' arguments ')' | '?'? identifier ('.' identifier)* | '(' expression ')'
    /// </code>
    /// What Elasticsearch's own parser refuses (process relationships, array indexes, <c>sequence with … by</c>, bad
    /// maxspan or runs values, unknown pipes) is refused here too, at the same construct. Every way back into
    /// <see cref="ParseExpression"/> (parentheses, function arguments, lists, keys) and every prefix operator enters
    /// one level of a <see cref="DepthGuard"/>; chains are loops. Values and fields count against
    /// <see cref="RuleLimits.QueryTerms"/>.
    /// </summary>
    internal sealed class EqlParser
    {
        /// <summary>The pipes EQL defines (Elasticsearch's LogicalPlanBuilder.SUPPORTED_PIPES); it runs head and tail.</summary>
        internal static readonly string[] PipeNames = { "count", "filter", "head", "sort", "tail", "unique", "unique_count" };

        /// <summary>maxspan units and their length in milliseconds (Elasticsearch accepts exactly these).</summary>
        private static readonly (string Unit, long Milliseconds)[] TimeUnits =
        {
            ("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000),
        };

        private readonly EqlLexer _lexer;
        private readonly List<EqlToken> _tokens = new();
        private int _index;
        private readonly DepthGuard _nesting = new(RuleLimits.QueryNesting, "The query");
        private int _terms;

        private EqlParser(string text) => _lexer = new EqlLexer(text);

        /// <summary>
        /// Parses a query; throws <see cref="EqlSyntaxException"/> at the first error, <see cref="LimitExceededException"/>
        /// (with the offending token's offset) when it nests too deeply or holds too many values and fields.
        /// </summary>
        public static EqlQuery Parse(string text) => new EqlParser(text).ParseStatement();

        // ----- tokens -----

        private EqlToken Peek(int ahead = 0)
        {
            while (_tokens.Count <= _index + ahead)
            {
                if (_tokens.Count > 0 && _tokens[_tokens.Count - 1].Kind == EqlTokenKind.End) return _tokens[_tokens.Count - 1];
                _tokens.Add(_lexer.Next());
            }
            return _tokens[_index + ahead];
        }

        private EqlToken Next()
        {
            EqlToken token = Peek();
            if (token.Kind != EqlTokenKind.End) _index++;
            return token;
        }

        private bool TryConsume(EqlTokenKind kind)
        {
            if (Peek().Kind != kind) return false;
            Next();
            return true;
        }

        private EqlToken Expect(EqlTokenKind kind, string what)
        {
            EqlToken token = Next();
            if (token.Kind != kind) throw Unexpected(token, what);
            return token;
        }

        /// <summary>
        /// "expected X, found Y"; where a name could stand (<paramref name="nameExpected"/>), a keyword found there gets
        /// the hint that back-quotes make it a field name (<c>event.`sequence`</c>).
        /// </summary>
        private static EqlSyntaxException Unexpected(EqlToken token, string expected, bool nameExpected = false)
        {
            string hint = token.Kind switch
            {
                EqlTokenKind.Assign => "; '=' is not an EQL operator: compare with '==' (or ':' ignoring case)",
                _ when nameExpected && IsNameLikeKeyword(token.Kind) => $"; '{token.Text}' is a keyword: write `{token.Text}` for a field of that name",
                _ => string.Empty,
            };
            return Error($"expected {expected}, found {token}{hint}", token);
        }

        /// <summary>Keywords a field could be called (event.sequence); not operators or literals, which cannot be meant as names.</summary>
        private static bool IsNameLikeKeyword(EqlTokenKind kind) => kind is EqlTokenKind.Any or EqlTokenKind.By or EqlTokenKind.Join
            or EqlTokenKind.Maxspan or EqlTokenKind.Of or EqlTokenKind.Sample or EqlTokenKind.Sequence or EqlTokenKind.Until
            or EqlTokenKind.Where or EqlTokenKind.With;

        private static EqlSyntaxException Error(string message, EqlToken token, bool notSupported = false) =>
            new(message, token.Start, Math.Max(1, token.Length), notSupported);

        private void CountTerm(EqlToken token)
        {
            if (++_terms > RuleLimits.QueryTerms)
            {
                throw LimitExceededException.Size("The query has too many values and fields", RuleLimits.QueryTerms, token.Start, Math.Max(1, token.Length));
            }
        }

        // ----- statement -----

        private EqlQuery ParseStatement()
        {
            EqlQueryBody body = Peek().Kind switch
            {
                EqlTokenKind.Sequence => ParseSequence(),
                EqlTokenKind.Sample => ParseSample(),
                EqlTokenKind.Join => ParseJoin(),
                _ => new EqlEventQuery(ParseEventFilter(inStage: false)),
            };
            var pipes = new List<EqlPipe>();
            int end = body.End;
            while (Peek().Kind == EqlTokenKind.Pipe)
            {
                EqlPipe pipe = ParsePipe();
                pipes.Add(pipe);
                end = pipe.End;
            }
            EqlToken last = Next();
            if (last.Kind != EqlTokenKind.End)
            {
                string expected = body switch
                {
                    EqlEventQuery => "'and', 'or', '|' or the end of the query",
                    EqlSample => "a stage, '|' or the end of the query",
                    _ => "a stage, 'until', '|' or the end of the query",
                };
                throw Unexpected(last, expected);
            }
            return new EqlQuery(body, pipes, end);
        }

        private EqlEventFilter ParseEventFilter(bool inStage)
        {
            EqlToken token = Next();
            EqlEventCategory category = token.Kind switch
            {
                EqlTokenKind.Any => new EqlEventCategory(EqlCategoryForm.Any, "any", token.Text, token.Start),
                EqlTokenKind.Identifier => new EqlEventCategory(EqlCategoryForm.Name, token.Text, token.Text, token.Start),
                EqlTokenKind.String => new EqlEventCategory(EqlCategoryForm.String, token.Value, token.Text, token.Start),
                EqlTokenKind.QuotedIdentifier => throw Error(
                    $"expected an event category, found {token}: back-quotes name fields; quote a category as \"…\"", token),
                _ => throw Unexpected(token, "an event category (a name such as process, a \"quoted\" name or any)" + (inStage ? "" : ", 'sequence' or 'sample'")),
            };
            EqlToken where = Expect(EqlTokenKind.Where, $"'where' after the event category {token}");
            return new EqlEventFilter(category, ParseExpression(where));
        }

        private EqlSequence ParseSequence()
        {
            EqlToken keyword = Next();
            IReadOnlyList<EqlExpression> by = Array.Empty<EqlExpression>();
            EqlMaxSpan? maxSpan = null;
            if (Peek().Kind == EqlTokenKind.By)
            {
                by = ParseJoinKeys();
                if (Peek().Kind == EqlTokenKind.With) maxSpan = ParseMaxSpan();
            }
            else if (Peek().Kind == EqlTokenKind.With)
            {
                maxSpan = ParseMaxSpan();
                if (Peek().Kind == EqlTokenKind.By)
                {
                    EqlToken byToken = Peek();
                    IReadOnlyList<EqlExpression> late = ParseJoinKeys();
                    throw new EqlSyntaxException("Please specify sequence [by] before [with] not after", byToken.Start, late[late.Count - 1].End - byToken.Start);
                }
            }
            List<EqlStage> stages = ParseStages(allowRuns: true, "sequence");
            EqlStage? until = ParseUntil(allowRuns: true);
            return new EqlSequence(by, maxSpan, stages, until, keyword.Start, (until ?? stages[stages.Count - 1]).End);
        }

        private EqlSample ParseSample()
        {
            EqlToken keyword = Next();
            IReadOnlyList<EqlExpression> by = Peek().Kind == EqlTokenKind.By ? ParseJoinKeys() : Array.Empty<EqlExpression>();
            List<EqlStage> stages = ParseStages(allowRuns: false, "sample");
            return new EqlSample(by, stages, keyword.Start, stages[stages.Count - 1].End);
        }

        private EqlJoin ParseJoin()
        {
            EqlToken keyword = Next();
            IReadOnlyList<EqlExpression> by = Peek().Kind == EqlTokenKind.By ? ParseJoinKeys() : Array.Empty<EqlExpression>();
            List<EqlStage> stages = ParseStages(allowRuns: false, "join");
            if (stages.Count < 2) throw Unexpected(Peek(), "a second join stage '[category where condition]'");
            EqlStage? until = ParseUntil(allowRuns: false);
            return new EqlJoin(by, stages, until, keyword.Start, (until ?? stages[stages.Count - 1]).End);
        }

        private List<EqlStage> ParseStages(bool allowRuns, string what)
        {
            var stages = new List<EqlStage>();
            while (Peek().Kind is EqlTokenKind.LeftBracket or EqlTokenKind.MissingEventOpen)
            {
                stages.Add(ParseStage(allowRuns));
            }
            if (stages.Count == 0)
            {
                throw Unexpected(Peek(), $"a {what} stage '[category where condition]'" + (what == "sequence" ? ", 'by' or 'with maxspan=…'" : ""));
            }
            return stages;
        }

        private EqlStage? ParseUntil(bool allowRuns)
        {
            if (!TryConsume(EqlTokenKind.Until)) return null;
            if (Peek().Kind is not (EqlTokenKind.LeftBracket or EqlTokenKind.MissingEventOpen))
            {
                throw Unexpected(Peek(), "a stage '[category where condition]' after 'until'");
            }
            return ParseStage(allowRuns);
        }

        private EqlStage ParseStage(bool allowRuns)
        {
            EqlToken open = Next();
            EqlEventFilter filter = ParseEventFilter(inStage: true);
            EqlToken close = Expect(EqlTokenKind.RightBracket, "']' closing the stage, 'and' or 'or'");
            int end = close.End;
            IReadOnlyList<EqlExpression> by = Array.Empty<EqlExpression>();
            if (Peek().Kind == EqlTokenKind.By)
            {
                by = ParseJoinKeys();
                end = by[by.Count - 1].End;
            }
            EqlRuns? runs = null;
            if (allowRuns && Peek().Kind == EqlTokenKind.With)
            {
                runs = ParseRuns();
                end = runs.End;
            }
            return new EqlStage(filter, open.Kind == EqlTokenKind.MissingEventOpen, by, runs, open.Start, end);
        }

        /// <summary><c>with runs=n</c> after a sequence stage: the only stage option, n from 1 to 100 (the syntax reference).</summary>
        private EqlRuns ParseRuns()
        {
            EqlToken with = Next();
            EqlToken key = Next();
            if (key.Kind == EqlTokenKind.Maxspan) throw Error("maxspan belongs to the sequence (sequence with maxspan=…), not to a stage", key);
            if (key.Kind != EqlTokenKind.Identifier) throw Unexpected(key, "'runs' after 'with'");
            if (key.Text != "runs") throw Error($"unknown stage option '{key.Text}': a sequence stage takes 'with runs=n'", key);
            Expect(EqlTokenKind.Assign, "'=' after 'runs'");
            EqlToken number = Next();
            if (number.Kind is not (EqlTokenKind.Integer or EqlTokenKind.Decimal)) throw Unexpected(number, "the number of runs");
            if (number.Kind != EqlTokenKind.Integer || !int.TryParse(number.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int count)
                || count < 1 || count > 100)
            {
                throw Error($"runs must be a whole number from 1 to 100, found {number}", number);
            }
            return new EqlRuns(count, with.Start, number.End);
        }

        /// <summary><c>with maxspan=15m</c>, checked as Elasticsearch's LogicalPlanBuilder checks it.</summary>
        private EqlMaxSpan ParseMaxSpan()
        {
            EqlToken with = Next();
            Expect(EqlTokenKind.Maxspan, "'maxspan' after 'with'");
            Expect(EqlTokenKind.Assign, "'=' after 'maxspan'");
            EqlToken number = Next();
            if (number.Kind is not (EqlTokenKind.Integer or EqlTokenKind.Decimal)) throw Unexpected(number, "a time span such as 15m after 'maxspan='");
            if (number.Kind == EqlTokenKind.Decimal)
            {
                throw Error($"Decimal time interval [{number.Text}] not supported; please use a positive integer", number);
            }
            EqlToken unit = Peek();
            if (unit.Kind != EqlTokenKind.Identifier)
            {
                throw Error($"No time unit specified, did you mean [s] as in [{number.Text}s]?", number);
            }
            Next();
            long perUnit = 0;
            foreach (var (name, milliseconds) in TimeUnits)
            {
                if (name == unit.Text) perUnit = milliseconds;
            }
            if (perUnit == 0)
            {
                throw Error($"Unrecognized time unit [{unit.Text}] in [{number.Text}{unit.Text}], please specify one of [ms, s, m, h, d]", unit);
            }
            if (!long.TryParse(number.Text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) || value > long.MaxValue / perUnit)
            {
                throw Error($"maxspan [{number.Text}{unit.Text}] is too long", number);
            }
            if (value <= 0) throw Error($"A positive maxspan value is required; found [{value}]", number);
            return new EqlMaxSpan(number.Text, unit.Text, value * perUnit, with.Start, unit.End);
        }

        /// <summary><c>by e1, e2, …</c>: any expressions in the grammar (fields in practice).</summary>
        private IReadOnlyList<EqlExpression> ParseJoinKeys()
        {
            EqlToken by = Next();
            var keys = new List<EqlExpression> { ParseExpression(by) };
            while (TryConsume(EqlTokenKind.Comma)) keys.Add(ParseExpression(by));
            return keys;
        }

        private EqlPipe ParsePipe()
        {
            EqlToken bar = Next();
            EqlToken name = Next();
            if (name.Kind != EqlTokenKind.Identifier) throw Unexpected(name, $"a pipe name ({string.Join(", ", PipeNames)}) after '|'");
            if (Array.IndexOf(PipeNames, name.Text) < 0)
            {
                string? closest = DidYouMean.Closest(name.Text, PipeNames);
                string suggestion = closest is null ? string.Empty : $", did you mean [{closest}]?";
                throw Error($"Unrecognized pipe [{name.Text}]{suggestion} (EQL pipes: {string.Join(", ", PipeNames)})", name);
            }
            var arguments = new List<EqlExpression>();
            int end = name.End;
            if (StartsExpression(Peek().Kind))
            {
                do
                {
                    EqlExpression argument = ParseExpression(name);
                    arguments.Add(argument);
                    end = argument.End;
                }
                while (TryConsume(EqlTokenKind.Comma));
            }
            return new EqlPipe(name.Text, name.Start, arguments, bar.Start, end);
        }

        private static bool StartsExpression(EqlTokenKind kind) => kind is EqlTokenKind.Not or EqlTokenKind.Identifier or EqlTokenKind.QuotedIdentifier
            or EqlTokenKind.TildeIdentifier or EqlTokenKind.String or EqlTokenKind.Integer or EqlTokenKind.Decimal or EqlTokenKind.True
            or EqlTokenKind.False or EqlTokenKind.Null or EqlTokenKind.LeftParen or EqlTokenKind.Minus or EqlTokenKind.Plus or EqlTokenKind.Question;

        // ----- expressions -----

        /// <summary>An expression one level deeper, opened by <paramref name="opener"/> (where, '(', a function's name, by, a pipe).</summary>
        private EqlExpression ParseExpression(EqlToken opener)
        {
            using DepthGuard.Level level = _nesting.Enter(opener.Start, Math.Max(1, opener.Length));
            return ParseOr();
        }

        private EqlExpression ParseOr() => ParseChain(EqlLogicalOperator.Or, EqlTokenKind.Or, ParseAnd);

        private EqlExpression ParseAnd() => ParseChain(EqlLogicalOperator.And, EqlTokenKind.And, ParseNot);

        private EqlExpression ParseChain(EqlLogicalOperator op, EqlTokenKind keyword, Func<EqlExpression> operand)
        {
            EqlExpression first = operand();
            if (Peek().Kind != keyword) return first;
            var operands = new List<EqlExpression> { first };
            while (TryConsume(keyword)) operands.Add(operand());
            return new EqlLogicalExpression(op, operands);
        }

        private EqlExpression ParseNot()
        {
            EqlToken next = Peek();
            if (next.Kind == EqlTokenKind.Not)
            {
                Next();
                using DepthGuard.Level level = _nesting.Enter(next.Start, next.Length);
                return new EqlNotExpression(ParseNot(), next.Start);
            }
            if (next.Kind == EqlTokenKind.Identifier && Peek(1).Kind == EqlTokenKind.Of)
            {
                // relationship=IDENTIFIER OF subquery (descendant of [...]): Elasticsearch parses and refuses it.
                throw Error("Process relationships are not supported", next, notSupported: true);
            }
            return ParseComparison();
        }

        private EqlExpression ParseComparison()
        {
            EqlExpression left = ParseAdditive();
            EqlToken op = Peek();
            EqlComparisonOperator? comparison = ComparisonOf(op.Kind);
            if (comparison is null)
            {
                if (op.Kind == EqlTokenKind.Assign) throw Error("'=' is not an EQL operator: compare with '==' (or ':' ignoring case)", op);
                return left;
            }
            Next();
            EqlExpression right = ParseAdditive();
            EqlToken after = Peek();
            if (ComparisonOf(after.Kind) is not null)
            {
                throw Error($"comparisons do not chain: write 'a < b and b <= c', not 'a < b <= c' (found {after})", after);
            }
            return new EqlComparisonExpression(comparison.Value, left, right, op.Start, op.Length);
        }

        private static EqlComparisonOperator? ComparisonOf(EqlTokenKind kind) => kind switch
        {
            EqlTokenKind.Equal => EqlComparisonOperator.Equal,
            EqlTokenKind.NotEqual => EqlComparisonOperator.NotEqual,
            EqlTokenKind.Less => EqlComparisonOperator.Less,
            EqlTokenKind.LessOrEqual => EqlComparisonOperator.LessOrEqual,
            EqlTokenKind.Greater => EqlComparisonOperator.Greater,
            EqlTokenKind.GreaterOrEqual => EqlComparisonOperator.GreaterOrEqual,
            _ => null,
        };

        private EqlExpression ParseAdditive() => ParseArithmetic(ParseMultiplicative, kind => kind switch
        {
            EqlTokenKind.Plus => EqlArithmeticOperator.Add,
            EqlTokenKind.Minus => EqlArithmeticOperator.Subtract,
            _ => null,
        });

        private EqlExpression ParseMultiplicative() => ParseArithmetic(ParseUnary, kind => kind switch
        {
            EqlTokenKind.Asterisk => EqlArithmeticOperator.Multiply,
            EqlTokenKind.Slash => EqlArithmeticOperator.Divide,
            EqlTokenKind.Percent => EqlArithmeticOperator.Modulo,
            _ => null,
        });

        private EqlExpression ParseArithmetic(Func<EqlExpression> operand, Func<EqlTokenKind, EqlArithmeticOperator?> operatorOf)
        {
            EqlExpression first = operand();
            if (operatorOf(Peek().Kind) is null) return first;
            var operands = new List<EqlExpression> { first };
            var operators = new List<EqlArithmeticOperator>();
            while (operatorOf(Peek().Kind) is EqlArithmeticOperator op)
            {
                Next();
                operators.Add(op);
                operands.Add(operand());
            }
            return new EqlArithmeticExpression(operands, operators);
        }

        private EqlExpression ParseUnary()
        {
            EqlToken next = Peek();
            if (next.Kind is EqlTokenKind.Minus or EqlTokenKind.Plus)
            {
                Next();
                using DepthGuard.Level level = _nesting.Enter(next.Start, next.Length);
                return new EqlUnaryExpression(next.Kind == EqlTokenKind.Minus ? EqlUnaryOperator.Minus : EqlUnaryOperator.Plus, ParseUnary(), next.Start);
            }
            return ParsePredicate();
        }

        /// <summary>A primary and the one predicate the grammar allows after it: [not] in, :, like, regex.</summary>
        private EqlExpression ParsePredicate()
        {
            EqlExpression value = ParsePrimary();
            EqlToken op = Peek();
            bool negated = false;
            if (op.Kind == EqlTokenKind.Not)
            {
                EqlToken after = Peek(1);
                if (after.Kind is EqlTokenKind.In or EqlTokenKind.InInsensitive)
                {
                    Next();
                    negated = true;
                }
                else if (after.Kind is EqlTokenKind.Like or EqlTokenKind.LikeInsensitive or EqlTokenKind.Regex or EqlTokenKind.RegexInsensitive
                    or EqlTokenKind.Colon)
                {
                    throw Error($"EQL has no 'not {after.Text}': write 'not field {after.Text} pattern'", op);
                }
            }
            EqlToken keyword = Peek();
            switch (keyword.Kind)
            {
                case EqlTokenKind.In:
                case EqlTokenKind.InInsensitive:
                {
                    Next();
                    EqlToken open = Expect(EqlTokenKind.LeftParen, $"'(' and a list after {keyword}");
                    if (Peek().Kind == EqlTokenKind.RightParen) throw Unexpected(Peek(), $"a value in the list of {keyword}");
                    var list = new List<EqlExpression> { ParseExpression(open) };
                    while (TryConsume(EqlTokenKind.Comma)) list.Add(ParseExpression(open));
                    EqlToken close = Expect(EqlTokenKind.RightParen, "',' or ')' in the list");
                    return new EqlInExpression(value, list, negated, keyword.Kind == EqlTokenKind.InInsensitive, op.Start, keyword.End - op.Start, close.End);
                }
                case EqlTokenKind.Colon:
                case EqlTokenKind.Like:
                case EqlTokenKind.LikeInsensitive:
                case EqlTokenKind.Regex:
                case EqlTokenKind.RegexInsensitive:
                {
                    Next();
                    var patterns = new List<EqlLiteral>();
                    int end;
                    bool isList = TryConsume(EqlTokenKind.LeftParen);
                    if (isList)
                    {
                        patterns.Add(ParseConstant(keyword));
                        while (TryConsume(EqlTokenKind.Comma)) patterns.Add(ParseConstant(keyword));
                        end = Expect(EqlTokenKind.RightParen, "',' or ')' in the list").End;
                    }
                    else
                    {
                        patterns.Add(ParseConstant(keyword));
                        end = patterns[0].End;
                    }
                    EqlPatternOperator pattern = keyword.Kind switch
                    {
                        EqlTokenKind.Colon => EqlPatternOperator.Colon,
                        EqlTokenKind.Like or EqlTokenKind.LikeInsensitive => EqlPatternOperator.Like,
                        _ => EqlPatternOperator.Regex,
                    };
                    bool caseInsensitive = keyword.Kind is EqlTokenKind.Colon or EqlTokenKind.LikeInsensitive or EqlTokenKind.RegexInsensitive;
                    return new EqlPatternExpression(value, pattern, caseInsensitive, patterns, isList, keyword.Start, keyword.Length, end);
                }
                default:
                    return value;
            }
        }

        /// <summary>A constant: the only operand of ':', like and regex (a string, number, boolean or null; no sign).</summary>
        private EqlLiteral ParseConstant(EqlToken op)
        {
            EqlToken token = Next();
            CountTerm(token);
            return LiteralOf(token) ?? throw Unexpected(token, $"a constant (a string, a number, true, false or null) after {op}");
        }

        private static EqlLiteral? LiteralOf(EqlToken token) => token.Kind switch
        {
            EqlTokenKind.String => new EqlLiteral(EqlLiteralKind.String, token.Value, token.Text, token.Start, token.IsRawString),
            EqlTokenKind.Integer => new EqlLiteral(EqlLiteralKind.Integer, token.Text, token.Text, token.Start),
            EqlTokenKind.Decimal => new EqlLiteral(EqlLiteralKind.Decimal, token.Text, token.Text, token.Start),
            EqlTokenKind.True or EqlTokenKind.False => new EqlLiteral(EqlLiteralKind.Boolean, token.Text, token.Text, token.Start),
            EqlTokenKind.Null => new EqlLiteral(EqlLiteralKind.Null, token.Text, token.Text, token.Start),
            _ => null,
        };

        private EqlExpression ParsePrimary()
        {
            EqlToken token = Peek();
            if (LiteralOf(token) is EqlLiteral literal)
            {
                Next();
                CountTerm(token);
                return literal;
            }
            switch (token.Kind)
            {
                case EqlTokenKind.LeftParen:
                {
                    Next();
                    EqlExpression inner = ParseExpression(token);
                    Expect(EqlTokenKind.RightParen, "')', 'and' or 'or'");
                    return inner;
                }
                case EqlTokenKind.Identifier when Peek(1).Kind == EqlTokenKind.LeftParen:
                case EqlTokenKind.TildeIdentifier:
                    return ParseCall();
                case EqlTokenKind.Identifier:
                case EqlTokenKind.QuotedIdentifier:
                case EqlTokenKind.Question:
                    return ParseField();
                default:
                    throw Unexpected(token, "a value (a field, a literal or a function call)", nameExpected: true);
            }
        }

        private EqlFunctionCall ParseCall()
        {
            EqlToken name = Next();
            CountTerm(name);
            bool caseInsensitive = name.Kind == EqlTokenKind.TildeIdentifier;
            Expect(EqlTokenKind.LeftParen, $"'(' after the function name {name}");
            var arguments = new List<EqlExpression>();
            if (Peek().Kind != EqlTokenKind.RightParen)
            {
                arguments.Add(ParseExpression(name));
                while (TryConsume(EqlTokenKind.Comma)) arguments.Add(ParseExpression(name));
            }
            EqlToken close = Expect(EqlTokenKind.RightParen, "',' or ')' after a function argument");
            string bare = caseInsensitive ? name.Text.Substring(0, name.Text.Length - 1) : name.Text;
            return new EqlFunctionCall(bare, caseInsensitive, arguments, name.Start, close.End);
        }

        /// <summary><c>?</c>? identifier ('.' identifier)*; an array index <c>[0]</c> is refused as Elasticsearch refuses it.</summary>
        private EqlFieldReference ParseField()
        {
            EqlToken first = Peek();
            bool optional = TryConsume(EqlTokenKind.Question);
            var segments = new List<EqlNameSegment> { ParseNameSegment(optional ? "a field name after '?'" : "a field name") };
            while (true)
            {
                if (Peek().Kind == EqlTokenKind.Dot)
                {
                    Next();
                    segments.Add(ParseNameSegment("a field name after '.'"));
                }
                else if (Peek().Kind == EqlTokenKind.LeftBracket && Peek(1).Kind == EqlTokenKind.Integer)
                {
                    EqlToken open = Peek();
                    EqlToken index = Peek(1);
                    throw new EqlSyntaxException("Array indexes are not supported", open.Start, index.End - open.Start, notSupported: true);
                }
                else
                {
                    break;
                }
            }
            CountTerm(first);
            var name = new System.Text.StringBuilder(segments[0].Name);
            for (int i = 1; i < segments.Count; i++) name.Append('.').Append(segments[i].Name);
            return new EqlFieldReference(name.ToString(), segments, optional, first.Start);
        }

        private EqlNameSegment ParseNameSegment(string what)
        {
            EqlToken token = Next();
            if (token.Kind is not (EqlTokenKind.Identifier or EqlTokenKind.QuotedIdentifier)) throw Unexpected(token, what, nameExpected: true);
            return new EqlNameSegment(token.Value, token.Text, token.Start);
        }
    }
}
