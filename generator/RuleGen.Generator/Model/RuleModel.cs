using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Ir;
using RuleGen.Generator.Planning;

namespace RuleGen.Generator.Model
{
    /// <summary>A rule file as read from the compilation: path and text, nothing Roslyn.</summary>
    internal sealed record RuleSourceFile(string Path, string Text);

    /// <summary>
    /// One compiled rule: everything the emitter needs, as values. <c>Metadata</c> or <c>Plan</c> is null when the
    /// file was too broken to get that far; the diagnostics say why.
    /// </summary>
    internal sealed record RuleModel(
        string FilePath,
        string ClassName,
        RuleMetadataModel? Metadata,
        QueryPlan? Plan,
        EquatableArray<DiagnosticInfo> Diagnostics,
        LocationInfo? RuleIdLocation = null,
        LocationInfo? NameLocation = null,
        LocationInfo? QueryLocation = null)
    {
        public bool CanEmit => Metadata is not null && Plan is not null && !Diagnostics.Any(d => d.IsError);
    }
}
