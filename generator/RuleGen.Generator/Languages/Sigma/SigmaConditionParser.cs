using System;
using System.Collections.Generic;
using RuleGen.Generator.Limits;

namespace RuleGen.Generator.Languages.Sigma
{
    /// <summary>
    /// Recursive descent over the condition grammar of sigma-rules-specification.md ("Condition"), precedence from
    /// least to most binding: <c>or</c>, <c>and</c>, <c>not</c>, <c>x of</c>, parentheses. Each parenthesis and each
    /// <c>not</c> enters one level of a <see cref="DepthGuard"/>; and/or chains are loops. The obsolete pipe
    /// aggregations and <c>near</c> (correlation spec, "Expression of Relationships In The Condition of Sigma Rules")
    /// are recognised and reported as not supported, naming the correlation type that replaces them.
    /// </summary>
    internal sealed class SigmaConditionParser
    {
        private readonly string _text;
        private readonly List<SigmaToken> _tokens;
        private readonly DepthGuard _nesting = new(RuleLimits.QueryNesting, "The condition");
        private int _position;

        private SigmaConditionParser(string text)
        {
            _text = text;
            _tokens = SigmaConditionLexer.Tokenize(text);
            if (_tokens.Count > RuleLimits.QueryTerms)
                throw LimitExceededException.Size("The condition has too many terms", RuleLimits.QueryTerms, _tokens[RuleLimits.QueryTerms].Start, 1);
        }

        /// <summary>Parses one condition; throws <see cref="SigmaConditionException"/> or <see cref="LimitExceededException"/>.</summary>
        public static SigmaCondition Parse(string text)
        {
            var parser = new SigmaConditionParser(text);
            if (parser.Current.Kind == SigmaTokenKind.End) throw new SigmaConditionException("the condition is empty", 0, 0);
            SigmaCondition result = parser.ParseOr();
            SigmaToken next = parser.Current;
            if (next.Kind == SigmaTokenKind.Pipe) throw parser.Aggregation(next);
            if (next.Is("near")) throw parser.Near(next);
            if (next.Kind != SigmaTokenKind.End) throw Unexpected(next, "'and', 'or' or the end of the condition");
            return result;
        }

        private SigmaToken Current => _tokens[_position];

        private SigmaToken Advance() => _tokens[_position++];

        private SigmaCondition ParseOr() => ParseChain(isAnd: false);

        private SigmaCondition ParseChain(bool isAnd)
        {
            string keyword = isAnd ? "and" : "or";
            SigmaCondition first = isAnd ? ParseUnary() : ParseChain(isAnd: true);
            if (!Current.Is(keyword)) return first;
            var operands = new List<SigmaCondition> { first };
            while (Current.Is(keyword))
            {
                Advance();
                operands.Add(isAnd ? ParseUnary() : ParseChain(isAnd: true));
            }
            SigmaCondition last = operands[operands.Count - 1];
            return new SigmaBinaryCondition(isAnd, operands, first.Start, last.Start + last.Length - first.Start);
        }

        private SigmaCondition ParseUnary()
        {
            SigmaToken token = Current;
            if (token.Is("not"))
            {
                using DepthGuard.Level level = _nesting.Enter(token.Start, token.Length);
                Advance();
                SigmaCondition operand = ParseUnary();
                return new SigmaNotCondition(operand, token.Start, operand.Start + operand.Length - token.Start);
            }
            return ParsePrimary();
        }

        private SigmaCondition ParsePrimary()
        {
            SigmaToken token = Current;
            switch (token.Kind)
            {
                case SigmaTokenKind.LeftParen:
                {
                    using DepthGuard.Level level = _nesting.Enter(token.Start, 1);
                    Advance();
                    SigmaCondition inner = ParseOr();
                    SigmaToken close = Current;
                    if (close.Kind != SigmaTokenKind.RightParen) throw Unexpected(close, "')' closing the '(' at " + (token.Start + 1));
                    Advance();
                    // A group's span takes in its parentheses (an error about the group underlines all of it); a lone
                    // identifier or quantifier in parentheses keeps its own span, where an unknown name is reported.
                    return inner is SigmaBinaryCondition or SigmaNotCondition ? Respan(inner, token.Start, close.Start + 1 - token.Start) : inner;
                }
                case SigmaTokenKind.Number:
                    if (token.Text != "1")
                        throw new SigmaConditionException($"'{token.Text} of' is not Sigma: only '1 of' and 'all of' quantify search identifiers", token.Start, token.Length);
                    return ParseQuantified(all: false);
                case SigmaTokenKind.Word when token.Is("all"):
                    return ParseQuantified(all: true);
                case SigmaTokenKind.Word when IsKeyword(token.Text):
                    throw Unexpected(token, "a search identifier, 'not', '1 of', 'all of' or '('");
                case SigmaTokenKind.Word:
                    Advance();
                    if (token.Text.IndexOf('*') >= 0)
                        throw new SigmaConditionException($"'{token.Text}' is a pattern: write '1 of {token.Text}' or 'all of {token.Text}'", token.Start, token.Length);
                    return new SigmaIdentifierCondition(token.Text, token.Start, token.Length);
                default:
                    throw Unexpected(token, "a search identifier, 'not', '1 of', 'all of' or '('");
            }
        }

        private SigmaCondition ParseQuantified(bool all)
        {
            SigmaToken quantifier = Advance();
            SigmaToken of = Current;
            if (!of.Is("of")) throw Unexpected(of, $"'of' after '{quantifier.Text}'");
            Advance();
            SigmaToken target = Current;
            if (target.Kind != SigmaTokenKind.Word || (IsKeyword(target.Text) && target.Text != "them"))
                throw Unexpected(target, "'them' or a search identifier pattern");
            Advance();
            string? pattern = target.Text == "them" ? null : target.Text;
            return new SigmaQuantifiedCondition(all, pattern, quantifier.Start, target.Start + target.Length - quantifier.Start);
        }

        /// <summary>
        /// <c>| count() by x &gt; 5</c> and the other pipe aggregations: obsolete since Sigma correlations (correlation
        /// spec, "Correlation Types"). The error spans the pipe to the end.
        /// </summary>
        private SigmaConditionException Aggregation(SigmaToken pipe)
        {
            _position++;
            SigmaToken function = Current;
            bool hasField = _position + 2 < _tokens.Count && _tokens[_position + 1].Kind == SigmaTokenKind.LeftParen
                && _tokens[_position + 2].Kind is SigmaTokenKind.Word;
            string replacement = function.Text switch
            {
                "count" when hasField => "a 'value_count' correlation rule",
                "count" => "an 'event_count' correlation rule",
                "sum" => "a 'value_sum' correlation rule",
                "avg" => "a 'value_avg' correlation rule",
                "near" => "a 'temporal' (or 'temporal_ordered') correlation rule",
                _ => "a Sigma correlation rule",
            };
            string what = function.Kind == SigmaTokenKind.Word ? $"'| {function.Text}'" : "'|'";
            return new SigmaConditionException(
                $"the aggregation {what} in a condition is obsolete Sigma and not supported; use {replacement} instead",
                pipe.Start, _text.Length - pipe.Start, notSupported: true);
        }

        private SigmaConditionException Near(SigmaToken near) =>
            new("'near' in a condition is obsolete Sigma and not supported; use a 'temporal' (or 'temporal_ordered') correlation rule instead",
                near.Start, _text.Length - near.Start, notSupported: true);

        private static bool IsKeyword(string word) => word is "and" or "or" or "not" or "of" or "them" or "all" or "near";

        private static SigmaConditionException Unexpected(SigmaToken token, string expected) =>
            token.Kind == SigmaTokenKind.End
                ? new SigmaConditionException($"expected {expected}, found the end of the condition", token.Start, 0)
                : new SigmaConditionException($"expected {expected}, found '{token.Text}'", token.Start, token.Length);

        private static SigmaCondition Respan(SigmaCondition c, int start, int length) => c switch
        {
            SigmaNotCondition n => n with { Start = start, Length = length },
            SigmaBinaryCondition b => b with { Start = start, Length = length },
            _ => throw new InvalidOperationException("unknown condition node"),
        };
    }
}
