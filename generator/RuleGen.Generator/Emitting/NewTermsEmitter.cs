using RuleGen.Generator.Model;
using static RuleGen.Generator.Emitting.CSharp;

namespace RuleGen.Generator.Emitting
{
    /// <summary>
    /// A new_terms rule: the condition is its filter, and this is the window stage after it (the 1-3 fields whose value
    /// combinations must be new, the history start, max_signals), run tick by tick by the runtime's tick engine
    /// (docs/new-terms.md).
    /// </summary>
    internal static class NewTermsEmitter
    {
        public static void Write(SourceWriter w, string ruleId, int maxSignals, NewTermsModel newTerms, AlertSuppressionModel? suppression)
        {
            w.Line($"/// <summary>New terms: values of {string.Join(", ", newTerms.Fields)} not seen since {newTerms.HistoryWindowStart}.</summary>");
            w.Line($"public override {Runtime}.Windows.StatefulSpec? Stateful {{ get; }} = new {Runtime}.Windows.NewTermsSpec(");
            w.Indent();
            w.Line($"{String(ruleId)}, {StringArray(newTerms.Fields)}, {String(newTerms.HistoryWindowStart)}, {maxSignals}){SuppressionEmitter.Initializer(suppression)};");
            w.Outdent();
            w.Line();
        }
    }
}
