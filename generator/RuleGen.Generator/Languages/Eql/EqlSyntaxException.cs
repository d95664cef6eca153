using System;

namespace RuleGen.Generator.Languages.Eql
{
    /// <summary>
    /// An EQL query that cannot be parsed, at a place in the query text: <see cref="Start"/> and <see cref="Length"/>
    /// are offsets into the query string (not the rule file), covering the offending token.
    /// </summary>
    internal sealed class EqlSyntaxException : Exception
    {
        public EqlSyntaxException(string message, int start, int length, bool notSupported = false) : base(message)
        {
            Start = start;
            Length = length;
            NotSupported = notSupported;
        }

        /// <summary>
        /// Valid EQL that Elasticsearch itself parses but refuses (process relationships such as <c>descendant of</c>,
        /// array indexes), reported as "not supported" rather than as a syntax error.
        /// </summary>
        public bool NotSupported { get; }

        public int Start { get; }

        public int Length { get; }
    }
}
