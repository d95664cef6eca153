using System;
using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Languages.Sigma.Fields;
using RuleGen.Generator.Model;

namespace RuleGen.Generator.Languages.Sigma.Pipelines
{
    /// <summary>A pipeline file as the generator gets it (AdditionalFiles marked RuleGenSigmaPipeline).</summary>
    internal sealed record SigmaPipelineFile(string Path, string Text);

    /// <summary>
    /// The project's pipelines, read once per edit, and their problems as RG0081 at the pipeline file's line (reported
    /// once, not per rule). A pipeline with errors is left out: the build fails on its errors anyway.
    /// </summary>
    internal sealed record ProjectSigmaPipelines(EquatableArray<SigmaPipeline> Pipelines, EquatableArray<DiagnosticInfo> Diagnostics)
    {
        public static readonly ProjectSigmaPipelines None = new(EquatableArray<SigmaPipeline>.Empty, EquatableArray<DiagnosticInfo>.Empty);

        public static ProjectSigmaPipelines Read(IEnumerable<SigmaPipelineFile> files)
        {
            var pipelines = new List<SigmaPipeline>();
            var diagnostics = new DiagnosticBag();
            foreach (SigmaPipelineFile file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                PipelineReadResult result = PipelineReader.Read(file.Path, file.Text);
                foreach (PipelineError error in result.Errors) diagnostics.Add(DiagnosticCatalog.SigmaPipelineProblem, error.Location, "pySigma pipeline: " + error.Message);
                if (result.Pipeline is not null) pipelines.Add(result.Pipeline);
            }
            // Lower priority first; OrderBy is stable, so equal priorities keep path order.
            return new ProjectSigmaPipelines(pipelines.OrderBy(p => p.Priority).ToEquatableArray(), diagnostics.ToEquatableArray());
        }
    }
}
