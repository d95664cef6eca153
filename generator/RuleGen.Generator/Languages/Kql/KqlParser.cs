using System.Collections.Generic;
using RuleGen.Generator.Limits;

namespace RuleGen.Generator.Languages.Kql
{
    /// <summary>
    /// Parser for KQL, Kibana's kuery language, following its grammar (grammar.peggy in @kbn/es-query) rule for rule:
    /// <code>
    /// start        = Space* OrQuery? Space*                      (empty: match all)
    /// OrQuery      = AndQuery (Or AndQuery)*                     Or  = Space+ 'or'i Space+
    /// AndQuery     = NotQuery (And NotQuery)*                    And = Space+ 'and'i Space+
    /// NotQuery     = Not SubQuery / SubQuery                     Not = 'not'i Space+   (so no "not not x")
    /// SubQuery     = '(' Space* OrQuery Space* ')' / NestedQuery
    /// NestedQuery  = Field Space* ':' Space* '{' Space* OrQuery Space* '}' / Expression
    /// Expression   = Field Space* RangeOperator Space* Literal / Field Space* ':' Space* ListOfValues / Value
    /// ListOfValues = '(' Space* OrListOfValues Space* ')' / Value    (OrListOfValues … NotListOfValues: as above)
    /// Field, Value = Literal = QuotedString / UnquotedLiteral    (see <see cref="KqlLexer"/>)
    /// </code>
    /// The grammar is a PEG; this parser makes the same choices without backtracking. Every alternative above starts
    /// with a different character, or with the same literal, which it reads once and then looks at what follows:
    /// whenever the PEG would backtrack out of a started alternative, no other alternative could have succeeded either
    /// (what follows is never something the rest of the grammar accepts), so the parser reports the error there.
    /// Errors say what was expected at the offending token; where Kibana's own tests (kuery_syntax_error.test.ts) fix
    /// a position, the position is the same.
    /// Every way back into a query or a value list (parentheses, braces, NOT) enters a level of a <see cref="DepthGuard"/>;
    /// chains (AND, OR) are loops. Fields and values are counted against <see cref="RuleLimits.QueryTerms"/>.
    /// </summary>
    internal sealed class KqlParser
    {
        private readonly KqlLexer _lexer;
        private readonly string _text;
        private readonly DepthGuard _nesting = new(RuleLimits.QueryNesting, "The query");
        private int _terms;

        private KqlParser(string text)
        {
            _text = text;
            _lexer = new KqlLexer(text);
        }

        /// <summary>
        /// Parses a query; throws <see cref="KqlSyntaxException"/> at the first error, <see cref="LimitExceededException"/>
        /// (at the offending token) when it nests too deeply or holds too many fields and values.
        /// </summary>
        public static KqlQuery Parse(string text) => new KqlParser(text).ParseStart();

        /// <summary>A node and the text it was parsed from, parentheses around it included.</summary>
        private readonly struct Parsed<T>
        {
            public Parsed(T node, int start, int end)
            {
                Node = node;
                Start = start;
                End = end;
            }

            public T Node { get; }

            public int Start { get; }

            public int End { get; }
        }

        private KqlQuery ParseStart()
        {
            _lexer.SkipSpaces();
            if (_lexer.AtEnd) return new KqlQuery(_text, null);
            Parsed<KqlExpression> query = ParseOr(null);
            _lexer.SkipSpaces();
            if (!_lexer.AtEnd) throw KqlErrors.AfterQuery(_lexer, closer: null, open: -1);
            return new KqlQuery(_text, query.Node);
        }

        private Parsed<KqlExpression> ParseOr(string? after)
        {
            Parsed<KqlExpression> first = ParseAnd(after);
            if (_lexer.TryBinaryOperator("or") < 0) return first;
            var operands = new List<Parsed<KqlExpression>> { first };
            do
            {
                operands.Add(ParseAnd("OR"));
            }
            while (_lexer.TryBinaryOperator("or") >= 0);
            return Chain(KqlLogicalOperator.Or, operands);
        }

        private Parsed<KqlExpression> ParseAnd(string? after)
        {
            Parsed<KqlExpression> first = ParseNot(after);
            if (_lexer.TryBinaryOperator("and") < 0) return first;
            var operands = new List<Parsed<KqlExpression>> { first };
            do
            {
                operands.Add(ParseNot("AND"));
            }
            while (_lexer.TryBinaryOperator("and") >= 0);
            return Chain(KqlLogicalOperator.And, operands);
        }

        private static Parsed<KqlExpression> Chain(KqlLogicalOperator op, List<Parsed<KqlExpression>> operands)
        {
            var nodes = new KqlExpression[operands.Count];
            for (int i = 0; i < nodes.Length; i++) nodes[i] = operands[i].Node;
            int start = operands[0].Start;
            int end = operands[operands.Count - 1].End;
            return new Parsed<KqlExpression>(new KqlLogicalExpression(op, nodes, start, end), start, end);
        }

        private Parsed<KqlExpression> ParseNot(string? after)
        {
            int start = _lexer.TryNot();
            if (start < 0) return ParseSub(after);
            using DepthGuard.Level level = _nesting.Enter(start, 3);
            Parsed<KqlExpression> operand = ParseSub("NOT");
            return new Parsed<KqlExpression>(new KqlNotExpression(operand.Node, start, operand.End), start, operand.End);
        }

        private Parsed<KqlExpression> ParseSub(string? after)
        {
            if (_lexer.AtEnd || _lexer.Current != '(') return ParseNested(after);
            int open = _lexer.Position;
            using DepthGuard.Level level = _nesting.Enter(open, 1);
            _lexer.Position++;
            _lexer.SkipSpaces();
            Parsed<KqlExpression> inner = ParseOr("'('");
            ExpectCloser(')', open);
            return new Parsed<KqlExpression>(inner.Node, open, _lexer.Position);
        }

        /// <summary>NestedQuery and Expression: one literal, then what follows it decides.</summary>
        private Parsed<KqlExpression> ParseNested(string? after)
        {
            int at = _lexer.Position;
            KqlLiteral literal = ReadLiteral() ?? throw KqlErrors.ExpectedQuery(_lexer, at, after);
            int afterLiteral = _lexer.Position;
            _lexer.SkipSpaces();

            if (!_lexer.AtEnd && _lexer.Current == ':')
            {
                int colon = _lexer.Position;
                _lexer.Position++;
                _lexer.SkipSpaces();
                if (!_lexer.AtEnd && _lexer.Current == '{')
                {
                    int open = _lexer.Position;
                    using DepthGuard.Level level = _nesting.Enter(open, 1);
                    _lexer.Position++;
                    _lexer.SkipSpaces();
                    Parsed<KqlExpression> query = ParseOr("'{'");
                    ExpectCloser('}', open);
                    var nested = new KqlNestedExpression(literal, query.Node, _lexer.Position);
                    return new Parsed<KqlExpression>(nested, nested.Start, nested.End);
                }
                Parsed<KqlValueExpression> value = ParseListOfValues("':'");
                var match = new KqlMatchExpression(literal, value.Node, colon, literal.Start, value.End);
                return new Parsed<KqlExpression>(match, match.Start, match.End);
            }

            int operatorStart = _lexer.Position;
            if (_lexer.TryRangeOperator() is KqlRangeOperator op)
            {
                string sign = _text.Substring(operatorStart, _lexer.Position - operatorStart);
                _lexer.SkipSpaces();
                int valueAt = _lexer.Position;
                KqlLiteral bound = ReadLiteral() ?? throw KqlErrors.ExpectedValue(_lexer, valueAt, $"'{sign}'", listAllowed: false);
                var range = new KqlRangeExpression(literal, op, operatorStart, bound);
                return new Parsed<KqlExpression>(range, range.Start, range.End);
            }

            // ValueExpression: the literal alone is free text; what follows it is the caller's.
            _lexer.Position = afterLiteral;
            var freeText = new KqlMatchExpression(null, literal, -1, literal.Start, literal.End);
            return new Parsed<KqlExpression>(freeText, literal.Start, literal.End);
        }

        private Parsed<KqlValueExpression> ParseOrList(string after)
        {
            Parsed<KqlValueExpression> first = ParseAndList(after);
            if (_lexer.TryBinaryOperator("or") < 0) return first;
            var operands = new List<Parsed<KqlValueExpression>> { first };
            do
            {
                operands.Add(ParseAndList("OR"));
            }
            while (_lexer.TryBinaryOperator("or") >= 0);
            return ValueChain(KqlLogicalOperator.Or, operands);
        }

        private Parsed<KqlValueExpression> ParseAndList(string after)
        {
            Parsed<KqlValueExpression> first = ParseNotList(after);
            if (_lexer.TryBinaryOperator("and") < 0) return first;
            var operands = new List<Parsed<KqlValueExpression>> { first };
            do
            {
                operands.Add(ParseNotList("AND"));
            }
            while (_lexer.TryBinaryOperator("and") >= 0);
            return ValueChain(KqlLogicalOperator.And, operands);
        }

        private static Parsed<KqlValueExpression> ValueChain(KqlLogicalOperator op, List<Parsed<KqlValueExpression>> operands)
        {
            var nodes = new KqlValueExpression[operands.Count];
            for (int i = 0; i < nodes.Length; i++) nodes[i] = operands[i].Node;
            int start = operands[0].Start;
            int end = operands[operands.Count - 1].End;
            return new Parsed<KqlValueExpression>(new KqlValueLogical(op, nodes, start, end), start, end);
        }

        private Parsed<KqlValueExpression> ParseNotList(string after)
        {
            int start = _lexer.TryNot();
            if (start < 0) return ParseListOfValues(after);
            using DepthGuard.Level level = _nesting.Enter(start, 3);
            Parsed<KqlValueExpression> operand = ParseListOfValues("NOT");
            return new Parsed<KqlValueExpression>(new KqlValueNot(operand.Node, start, operand.End), start, operand.End);
        }

        private Parsed<KqlValueExpression> ParseListOfValues(string after)
        {
            if (!_lexer.AtEnd && _lexer.Current == '(')
            {
                int open = _lexer.Position;
                using DepthGuard.Level level = _nesting.Enter(open, 1);
                _lexer.Position++;
                _lexer.SkipSpaces();
                Parsed<KqlValueExpression> inner = ParseOrList("'('");
                ExpectCloser(')', open);
                return new Parsed<KqlValueExpression>(inner.Node, open, _lexer.Position);
            }
            int at = _lexer.Position;
            KqlLiteral value = ReadLiteral() ?? throw KqlErrors.ExpectedValue(_lexer, at, after, listAllowed: true);
            return new Parsed<KqlValueExpression>(value, value.Start, value.End);
        }

        /// <summary>Space* and the closing ')' or '}' of the opener at <paramref name="open"/>.</summary>
        private void ExpectCloser(char closer, int open)
        {
            _lexer.SkipSpaces();
            if (!_lexer.AtEnd && _lexer.Current == closer)
            {
                _lexer.Position++;
                return;
            }
            throw KqlErrors.AfterQuery(_lexer, closer, open);
        }

        private KqlLiteral? ReadLiteral()
        {
            int at = _lexer.Position;
            KqlLiteral? literal = _lexer.TryReadLiteral();
            if (literal is not null && ++_terms > RuleLimits.QueryTerms)
            {
                throw LimitExceededException.Size("The query has too many fields and values", RuleLimits.QueryTerms, at, _lexer.Position - at);
            }
            return literal;
        }
    }
}
