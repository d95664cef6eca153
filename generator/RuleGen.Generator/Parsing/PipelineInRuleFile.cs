using System.Linq;
using RuleGen.Generator.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace RuleGen.Generator.Parsing
{
    /// <summary>
    /// A pySigma processing pipeline (top-level <c>transformations</c>, no <c>detection</c>) that reached the
    /// generator as a rule file: an RG0081 at its <c>transformations</c> key saying how to mark it, instead of a
    /// list of missing rule keys.
    /// </summary>
    internal static class PipelineInRuleFile
    {
        public static bool Check(YamlMappingNode root, SourceLines lines, DiagnosticBag diagnostics)
        {
            YamlScalarNode? transformations = root.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value == "transformations");
            if (transformations is null || root.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == "detection")) return false;
            diagnostics.Add(DiagnosticCatalog.SigmaPipelineProblem, lines.Of(transformations, "transformations".Length),
                "This file is a pySigma processing pipeline, not a rule: mark it RuleGenSigmaPipeline=\"true\" (AdditionalFiles metadata, or put it in the pipelines folder), not RuleGenRule");
            return true;
        }
    }
}
