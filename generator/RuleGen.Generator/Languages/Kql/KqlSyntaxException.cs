using System;

namespace RuleGen.Generator.Languages.Kql
{
    /// <summary>
    /// A KQL syntax error at a place in the query text: <see cref="Start"/> is an offset in the query, and
    /// <see cref="Length"/> is 0 when the error is at the end of the query (nothing is there to underline).
    /// </summary>
    internal sealed class KqlSyntaxException : Exception
    {
        public KqlSyntaxException(string message, int start, int length, bool notSupported = false) : base(message)
        {
            Start = start;
            Length = length;
            NotSupported = notSupported;
        }

        /// <summary>Valid KQL that RuleGen does not compile yet (reported as "not supported yet", not as a syntax error).</summary>
        public bool NotSupported { get; }

        public int Start { get; }

        public int Length { get; }
    }
}
