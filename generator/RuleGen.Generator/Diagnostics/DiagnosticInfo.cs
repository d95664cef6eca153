using Microsoft.CodeAnalysis;
using RuleGen.Generator.Model;

namespace RuleGen.Generator.Diagnostics
{
    /// <summary>A diagnostic waiting to be reported: catalogue id, where, and the message arguments.</summary>
    internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
            new(descriptor.Id, location, new EquatableArray<string>(arguments));

        public bool IsError => DiagnosticCatalog.Find(Id).DefaultSeverity == DiagnosticSeverity.Error;

        public Diagnostic ToDiagnostic() =>
            Diagnostic.Create(
                DiagnosticCatalog.Find(Id),
                Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None,
                messageArgs: Arguments.AsSpan().ToArray());
    }
}
