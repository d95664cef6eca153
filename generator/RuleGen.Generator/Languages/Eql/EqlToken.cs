namespace RuleGen.Generator.Languages.Eql
{
    /// <summary>
    /// The tokens of Elasticsearch's EQL lexer (x-pack/plugin/eql EqlBase.g4), one kind per lexer rule. Keywords are
    /// lowercase and case-sensitive there (<c>AND</c> is an identifier), and so they are here.
    /// </summary>
    internal enum EqlTokenKind
    {
        End,
        Identifier,
        /// <summary><c>`name`</c>, with <c>``</c> for a back-quote.</summary>
        QuotedIdentifier,
        /// <summary><c>startsWith~</c>: a function name with the case-insensitive <c>~</c>.</summary>
        TildeIdentifier,
        String,
        Integer,
        Decimal,

        And,
        Any,
        By,
        False,
        In,
        InInsensitive,
        Join,
        Like,
        LikeInsensitive,
        Maxspan,
        Not,
        Null,
        Of,
        Or,
        Regex,
        RegexInsensitive,
        Sample,
        Sequence,
        True,
        Until,
        Where,
        With,

        Colon,
        Assign,
        Equal,
        NotEqual,
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
        Plus,
        Minus,
        Asterisk,
        Slash,
        Percent,
        Dot,
        Comma,
        LeftBracket,
        RightBracket,
        LeftParen,
        RightParen,
        Pipe,
        /// <summary><c>?</c> before a field name: the field is optional.</summary>
        Question,
        /// <summary><c>![</c>: a missing-event stage of a sequence.</summary>
        MissingEventOpen,
    }

    internal readonly struct EqlToken
    {
        public EqlToken(EqlTokenKind kind, string text, int start, string? value = null, bool isRawString = false)
        {
            Kind = kind;
            Text = text;
            Start = start;
            Value = value ?? text;
            IsRawString = isRawString;
        }

        public EqlTokenKind Kind { get; }

        /// <summary>The token as written.</summary>
        public string Text { get; }

        /// <summary>Strings: the unescaped value; quoted identifiers: the name without back-quotes; else the text.</summary>
        public string Value { get; }

        /// <summary>A <c>"""…"""</c> string, whose value is its text verbatim.</summary>
        public bool IsRawString { get; }

        public int Start { get; }

        public int Length => Text.Length;

        public int End => Start + Text.Length;

        public override string ToString()
        {
            if (Kind == EqlTokenKind.End) return "the end of the query";
            return Text.Length <= 40 ? $"'{Text}'" : $"'{Text.Substring(0, 37)}…'";
        }
    }
}
