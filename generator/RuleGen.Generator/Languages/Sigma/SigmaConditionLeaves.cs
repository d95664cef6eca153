using System;
using RuleGen.Generator.Limits;

namespace RuleGen.Generator.Languages.Sigma
{
    /// <summary>The walk every check of a condition's names shares: its identifiers and <c>x of</c> quantifiers, left to right.</summary>
    internal static class SigmaConditionLeaves
    {
        public static void Visit(SigmaCondition condition, DepthGuard guard, Action<SigmaCondition> visit)
        {
            using DepthGuard.Level level = guard.Enter(condition.Start, condition.Length);
            switch (condition)
            {
                case SigmaNotCondition not:
                    Visit(not.Operand, guard, visit);
                    break;
                case SigmaBinaryCondition binary:
                    foreach (SigmaCondition operand in binary.Operands) Visit(operand, guard, visit);
                    break;
                default:
                    visit(condition);
                    break;
            }
        }
    }
}
