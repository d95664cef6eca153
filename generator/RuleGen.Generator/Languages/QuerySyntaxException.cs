using System;

namespace RuleGen.Generator.Languages
{
    /// <summary>
    /// A query that cannot be parsed, at a place in the query text (offsets into the query string, not the rule
    /// file): what every front end's parser throws. <see cref="NotSupported"/> marks valid syntax that RuleGen does
    /// not compile (reported as RG0023 "not supported yet" rather than as the language's syntax error).
    /// </summary>
    internal abstract class QuerySyntaxException : Exception
    {
        protected QuerySyntaxException(string message, int start, int length, bool notSupported) : base(message)
        {
            Start = start;
            Length = length;
            NotSupported = notSupported;
        }

        public int Start { get; }

        /// <summary>The length of the offending token; 0 at the end of the query (nothing to underline).</summary>
        public int Length { get; }

        public bool NotSupported { get; }
    }
}
