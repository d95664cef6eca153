using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Ir;
using RuleGen.Generator.Planning;

namespace RuleGen.Generator.Emitting
{
    /// <summary>
    /// Recognises a Sigma rule bound on both forms, <c>(Raw AND a) OR (Ecs AND b)</c> in any operand order, so the
    /// emitter writes it as <c>raw ? a : b</c>: a reviewer reads which names each kind of document is tested on,
    /// and only one side runs. Anything else is emitted as the plain AND/OR it is (DocumentFormPred is a leaf).
    /// </summary>
    internal static class DocumentFormSwitch
    {
        public const string RawTest = CSharp.Runtime + ".DocumentForm.Raw == e.Form";

        public static bool Split(OrPred or, out Pred raw, out Pred ecs)
        {
            raw = ecs = null!;
            if (or.Operands.Count != 2) return false;
            Pred? rawSide = Side(or.Operands[0], DocumentForm.Raw) ?? Side(or.Operands[1], DocumentForm.Raw);
            Pred? ecsSide = Side(or.Operands[0], DocumentForm.Ecs) ?? Side(or.Operands[1], DocumentForm.Ecs);
            if (rawSide is null || ecsSide is null) return false;
            raw = rawSide;
            ecs = ecsSide;
            return true;
        }

        /// <summary>The rest of an AND guarded by <paramref name="form"/> (TRUE when the guard is alone), or null.</summary>
        private static Pred? Side(Pred operand, DocumentForm form)
        {
            Pred unwrapped = operand.Unwrap();
            if (unwrapped is DocumentFormPred alone) return alone.Form == form ? new ConstPred(TriValue.True) : null;
            if (unwrapped is not AndPred and) return null;
            List<Pred> rest = and.Operands.Where(p => p.Unwrap() is not DocumentFormPred).ToList();
            bool guarded = and.Operands.Any(p => p.Unwrap() is DocumentFormPred f && f.Form == form);
            bool other = and.Operands.Any(p => p.Unwrap() is DocumentFormPred f && f.Form != form);
            return guarded && !other ? Folding.And(rest) : null;
        }
    }
}
