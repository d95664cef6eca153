using System.Globalization;
using System.Linq;
using RuleGen.Generator.Model;
using static RuleGen.Generator.Emitting.CSharp;

namespace RuleGen.Generator.Emitting
{
    /// <summary>
    /// A Sigma correlation's window stage in its class: the runtime's <c>CorrelationSpec</c> with the resolved
    /// references (docs/sigma-correlations.md). Nothing when a reference is unresolved: that is an error (RG0105), so
    /// the build fails anyway, and a spec missing a rule would mean something else.
    /// </summary>
    internal static class CorrelationEmitter
    {
        private const string Correlations = Runtime + ".Correlations";

        public static void Write(SourceWriter w, string ruleId, SigmaCorrelationModel c)
        {
            if (c.Resolved.Count != c.Rules.Count || c.Resolved.Count == 0)
            {
                w.Line("// A referenced rule is unresolved (reported as RG0105): no window stage.");
                w.Line();
                return;
            }
            w.Line($"/// <summary>Sigma correlation {c.Type}: {System.Security.SecurityElement.Escape(Languages.Sigma.Correlations.SigmaCorrelationCompiler.Describe(c))}.</summary>");
            w.Line($"public override {Runtime}.Windows.StatefulSpec? Stateful {{ get; }} = new {Correlations}.CorrelationSpec(");
            w.Indent();
            w.Line($"{String(ruleId)}, {Correlations}.CorrelationType.{TypeName(c.Type)},");
            w.Line($"new {Correlations}.CorrelationReference[]");
            w.Line("{");
            w.Indent();
            foreach (ResolvedReferenceModel r in c.Resolved)
                w.Line($"new {Correlations}.CorrelationReference({String(r.RuleId)}, {StringArray(r.GroupFields)}, {String(r.ValueField)}, {(r.IsCorrelation ? "true" : "false")}),");
            w.Outdent();
            w.Line("},");
            w.Line($"{StringArray(c.GroupBy)}, {c.TimespanMs.ToString(CultureInfo.InvariantCulture)}L,");
            string condition = c.Condition.Count == 0
                ? "null"
                : $"new {Correlations}.CorrelationCondition(new {Correlations}.CorrelationBound[] {{ {string.Join(", ", c.Condition.Select(b => $"new {Correlations}.CorrelationBound({String(b.Operator)}, {b.Value.ToString("R", CultureInfo.InvariantCulture)}D)"))} }})";
            w.Line($"{condition},");
            w.Line($"{String(c.Field)}, generate: {(c.Generate ? "true" : "false")});");
            w.Outdent();
            w.Line();
        }

        private static string TypeName(string type) => string.Concat(type.Split('_').Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
    }
}
