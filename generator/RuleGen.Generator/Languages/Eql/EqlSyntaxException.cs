using System;

namespace RuleGen.Generator.Languages.Eql
{
    /// <summary>
    /// An EQL query that cannot be parsed, at a place in the query text: <see cref="Start"/> and <see cref="Length"/>
    /// are offsets into the query string (not the rule file), covering the offending token.
    /// </summary>
    internal sealed class EqlSyntaxException : QuerySyntaxException
    {
        public EqlSyntaxException(string message, int start, int length, bool notSupported = false) : base(message, start, length, notSupported)
        {
        }
    }
}
