using System;

namespace RuleGen.Generator.Limits
{
    /// <summary>
    /// A rule went past one of <see cref="RuleLimits"/>. Thrown where the limit is hit, caught by the front end that
    /// owns the coordinates (<see cref="Start"/> is an offset in its text; -1 when the pass has no position, e.g. a
    /// pass over the predicate tree, and the error goes at the query).
    /// </summary>
    internal sealed class LimitExceededException : Exception
    {
        private LimitExceededException(bool nesting, string what, int limit, int start, int length)
            : base(nesting ? $"{what} is nested too deeply (limit {limit})" : $"{what} (limit {limit})")
        {
            IsNesting = nesting;
            What = what;
            Limit = limit;
            Start = start;
            Length = length;
        }

        /// <summary>True for too deep (RG0060), false for too large (RG0061).</summary>
        public bool IsNesting { get; }

        public string What { get; }

        public int Limit { get; }

        public int Start { get; }

        public int Length { get; }

        public static LimitExceededException Nesting(string what, int limit, int start, int length) => new(true, what, limit, start, length);

        public static LimitExceededException Size(string what, int limit, int start, int length) => new(false, what, limit, start, length);
    }
}
