using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using RuleGen.Generator.Model;

namespace RuleGen.Generator.Diagnostics
{
    /// <summary>Collects the diagnostics of one rule file while it is parsed, bound and lowered.</summary>
    internal sealed class DiagnosticBag
    {
        private readonly List<DiagnosticInfo> _items = new();

        private int _suggestions = Parsing.DidYouMean.PerRule;

        public bool HasErrors { get; private set; }

        /// <summary>Spends one of the rule's did-you-mean suggestions; false when they are used up.</summary>
        public bool TakeSuggestion()
        {
            if (_suggestions == 0) return false;
            _suggestions--;
            return true;
        }

        public void Add(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments)
        {
            _items.Add(DiagnosticInfo.Create(descriptor, location, arguments));
            if (descriptor.DefaultSeverity == DiagnosticSeverity.Error) HasErrors = true;
        }

        /// <summary>A diagnostic collected elsewhere (a trial binding kept after all).</summary>
        public void Add(DiagnosticInfo info)
        {
            _items.Add(info);
            if (info.IsError) HasErrors = true;
        }

        /// <summary>A limit of <see cref="Limits.RuleLimits"/> that the rule went past: RG0060 or RG0061.</summary>
        public void Add(Limits.LimitExceededException limit, LocationInfo location) =>
            Add(limit.IsNesting ? DiagnosticCatalog.NestedTooDeeply : DiagnosticCatalog.TooLarge, location, limit.What, limit.Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));

        public EquatableArray<DiagnosticInfo> ToEquatableArray() => new(_items);
    }
}
