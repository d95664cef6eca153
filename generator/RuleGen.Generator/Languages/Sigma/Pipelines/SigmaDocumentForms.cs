using RuleGen.Generator.Ir;
using RuleGen.Generator.Planning;

namespace RuleGen.Generator.Languages.Sigma.Pipelines
{
    /// <summary>
    /// One Sigma CloudTrail rule over both kinds of logs: the binding on the rule's own (raw) names guarded by
    /// <see cref="DocumentForm.Raw"/>, the binding on the ECS names guarded by <see cref="DocumentForm.Ecs"/>, OR-ed.
    /// The emitter writes it as <c>raw ? … : …</c> (Emitting/DocumentFormSwitch).
    /// </summary>
    internal static class SigmaDocumentForms
    {
        public static Pred Guard(Pred raw, Pred ecs) => Folding.Or(new[]
        {
            Folding.And(new[] { new DocumentFormPred(DocumentForm.Raw), raw }),
            Folding.And(new[] { new DocumentFormPred(DocumentForm.Ecs), ecs }),
        });
    }
}
