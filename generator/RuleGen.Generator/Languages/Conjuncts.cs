using System;
using System.Collections.Generic;

namespace RuleGen.Generator.Languages
{
    /// <summary>
    /// The top-level conjuncts of a condition, ANDs inside parentheses included, in order, without recursion: each
    /// becomes one line of generated code with its query text above it, and one place never-true warnings point at.
    /// </summary>
    internal static class Conjuncts
    {
        /// <param name="andOperands">The operands of an AND node, or null for any other node.</param>
        public static IEnumerable<T> Of<T>(T root, Func<T, IReadOnlyList<T>?> andOperands)
        {
            var pending = new Stack<T>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                T next = pending.Pop();
                if (andOperands(next) is { } operands)
                {
                    for (int i = operands.Count - 1; i >= 0; i--) pending.Push(operands[i]);
                }
                else
                {
                    yield return next;
                }
            }
        }
    }
}
