using System.Globalization;
using RuleGen.Generator.Model;
using static RuleGen.Generator.Emitting.CSharp;

namespace RuleGen.Generator.Emitting
{
    /// <summary>
    /// alert_suppression in the generated rule: for a query, EQL or ES|QL rule, a <c>SuppressionSpec</c> (the rule becomes
    /// stateful: its matches are suppressed execution by execution, docs/alert-suppression.md); for a threshold rule, the
    /// settings its <c>ThresholdSpec</c>, <c>NewTermsSpec</c> or <c>SequenceSpec</c> passes its alerts through.
    /// </summary>
    internal static class SuppressionEmitter
    {
        public static void Write(SourceWriter w, string ruleId, string type, int maxSignals, AlertSuppressionModel suppression)
        {
            string ruleType = type switch
            {
                "eql" => "Eql",
                "esql" => "Esql",
                _ => "Query",
            };
            w.Line($"/// <summary>alert_suppression: one alert per {string.Join(", ", suppression.GroupBy)} {(suppression.Duration is null ? "per rule execution" : $"per {suppression.Duration.Value}{suppression.Duration.Unit}")}.</summary>");
            w.Line($"public override {Runtime}.Windows.StatefulSpec? Stateful {{ get; }} = new {Runtime}.Windows.SuppressionSpec(");
            w.Indent();
            w.Line($"{String(ruleId)}, {Runtime}.Windows.SuppressedRuleType.{ruleType}, {Settings(suppression)}, {maxSignals.ToString(CultureInfo.InvariantCulture)});");
            w.Outdent();
            w.Line();
        }

        /// <summary>The object initialiser a threshold, new_terms or sequence spec takes its suppression in, or nothing.</summary>
        public static string Initializer(AlertSuppressionModel? suppression) =>
            suppression is null ? "" : $" {{ Suppression = {Settings(suppression)} }}";

        private static string Settings(AlertSuppressionModel suppression)
        {
            string duration = suppression.Duration is SuppressionDurationModel d
                ? (d.Seconds * 1000L).ToString(CultureInfo.InvariantCulture) + "L"
                : "null";
            string suppress = suppression.MissingFieldsStrategy == "doNotSuppress" ? "false" : "true";
            return $"new {Runtime}.Windows.SuppressionSettings({StringArray(suppression.GroupBy)}, {duration}, {suppress})";
        }
    }
}
