using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using RuleGen.Generator.Model;

namespace RuleGen.Generator.Diagnostics
{
    /// <summary>Collects the diagnostics of one rule file while it is parsed, bound and lowered.</summary>
    internal sealed class DiagnosticBag
    {
        private readonly List<DiagnosticInfo> _items = new();

        public bool HasErrors { get; private set; }

        public void Add(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
        {
            _items.Add(DiagnosticInfo.Create(descriptor, location, arguments));
            if (descriptor.DefaultSeverity == DiagnosticSeverity.Error) HasErrors = true;
        }

        public EquatableArray<DiagnosticInfo> ToEquatableArray() => new(_items);
    }
}
