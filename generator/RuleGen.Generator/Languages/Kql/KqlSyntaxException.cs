using System;

namespace RuleGen.Generator.Languages.Kql
{
    /// <summary>
    /// A KQL syntax error at a place in the query text: <see cref="Start"/> is an offset in the query, and
    /// <see cref="Length"/> is 0 when the error is at the end of the query (nothing is there to underline).
    /// </summary>
    internal sealed class KqlSyntaxException : QuerySyntaxException
    {
        public KqlSyntaxException(string message, int start, int length, bool notSupported = false) : base(message, start, length, notSupported)
        {
        }
    }
}
