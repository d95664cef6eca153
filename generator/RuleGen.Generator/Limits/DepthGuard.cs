using System;
using System.Runtime.CompilerServices;

namespace RuleGen.Generator.Limits
{
    /// <summary>
    /// The one guard every recursive descent uses (YAML, ES|QL and future front ends, lowering, folding, ordering,
    /// emitting): a counter of the current depth, checked against a limit before each level, and a check that the
    /// thread still has stack to spare. Both throw <see cref="LimitExceededException"/>, which the front end turns
    /// into a located "nested too deeply" error. A recursive method calls <c>using var _ = guard.Enter(…);</c>.
    /// </summary>
    internal sealed class DepthGuard
    {
        private int _depth;

        public DepthGuard(int limit, string what)
        {
            Limit = limit;
            What = what;
        }

        /// <summary>The guard of a pass over a tree built from a query (predicates, generated code).</summary>
        public static DepthGuard ForQueryTree() => new(RuleLimits.TreeNesting, "The query");

        public int Limit { get; }

        /// <summary>What is nested, for the message ("the query", "the YAML").</summary>
        public string What { get; }

        /// <summary>Enters one level at <paramref name="start"/> (an offset in the front end's own text, -1 when unknown).</summary>
        public Level Enter(int start = -1, int length = 0)
        {
            if (_depth >= Limit) throw LimitExceededException.Nesting(What, Limit, start, length);
            try
            {
                // A second guard for stacks smaller than expected or frames larger (debug builds): throws well
                // before the stack is exhausted, where an overflow could not be caught.
                RuntimeHelpers.EnsureSufficientExecutionStack();
            }
            catch (InsufficientExecutionStackException)
            {
                throw LimitExceededException.Nesting(What, Limit, start, length);
            }
            _depth++;
            return new Level(this);
        }

        /// <summary>Leaves the level on dispose.</summary>
        public readonly struct Level : IDisposable
        {
            private readonly DepthGuard _guard;

            public Level(DepthGuard guard) => _guard = guard;

            public void Dispose() => _guard._depth--;
        }
    }
}
