using System;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;
using RuleGen.Generator.Parsing;

namespace RuleGen.Generator.Binding
{
    /// <summary>
    /// Checks a rule's <c>threat</c> against the ATT&amp;CK catalogue: ids exist and are of the right kind, names match
    /// ids, sub-techniques sit under their own parent, techniques belong to the stated tactic, revoked ids are errors
    /// naming the replacement, deprecated ids warnings, reference URLs match ids. Entries of other frameworks
    /// (MITRE ATLAS, …) are left alone.
    /// </summary>
    internal static class AttackBinder
    {
        public static void Check(RuleMetadataModel metadata, ThreatLocations locations, AttackCatalog catalog, DiagnosticBag diagnostics)
        {
            foreach (ThreatModel threat in metadata.Threat)
            {
                if (!threat.Framework.Equals("MITRE ATT&CK", StringComparison.Ordinal)) continue;
                AttackEntry? tactic = Reference(threat.Tactic, "tactic", locations, catalog, diagnostics);
                foreach (TechniqueModel technique in threat.Techniques)
                {
                    AttackEntry? entry = Reference(technique.Technique, "technique", locations, catalog, diagnostics);
                    if (entry is not null && tactic is not null && !entry.Tactics.Contains(tactic.TacticShortName))
                    {
                        string tactics = string.Join(", ", entry.Tactics.Select(t => catalog.TacticByShortName(t) is AttackEntry e ? $"{e.Id} {e.Name}" : t));
                        diagnostics.Add(DiagnosticCatalog.AttackWrongTactic, Where(technique.Technique, locations, l => l.Id),
                            entry.Id, entry.Name, tactic.Id, tactic.Name, tactics);
                    }
                    foreach (AttackRef sub in technique.Subtechniques)
                    {
                        AttackEntry? subEntry = Reference(sub, "subtechnique", locations, catalog, diagnostics);
                        if (subEntry is not null && entry is not null && subEntry.Parent != entry.Id)
                        {
                            diagnostics.Add(DiagnosticCatalog.AttackWrongParent, Where(sub, locations, l => l.Id), subEntry.Id, subEntry.Parent, entry.Id);
                        }
                    }
                }
            }
        }

        /// <summary>Checks one reference; returns its catalogue entry when it exists and is of the expected kind.</summary>
        private static AttackEntry? Reference(AttackRef reference, string kind, ThreatLocations locations, AttackCatalog catalog, DiagnosticBag diagnostics)
        {
            AttackEntry? entry = catalog.Find(reference.Id);
            if (entry is null || entry.Kind != kind)
            {
                string suggestion = catalog.Current(kind).FirstOrDefault(e => e.Name.Equals(reference.Name, StringComparison.OrdinalIgnoreCase)) is AttackEntry byName
                    ? $"; '{reference.Name}' is {byName.Id}"
                    : entry is not null ? $"; it is a {entry.Kind}" : DidYouMean.Suffix(reference.Id, catalog.Current(kind).Select(e => e.Id), diagnostics);
                diagnostics.Add(DiagnosticCatalog.UnknownAttackId, Where(reference, locations, l => l.Id), reference.Id, kind, catalog.Source, suggestion);
                return null;
            }
            if (entry.RevokedBy.Length > 0)
            {
                AttackEntry? replacement = catalog.Find(entry.RevokedBy);
                diagnostics.Add(DiagnosticCatalog.AttackRevoked, Where(reference, locations, l => l.Id), entry.Id, entry.Name, entry.RevokedBy, replacement?.Name ?? "?");
                return null;
            }
            if (entry.Deprecated)
            {
                string? hint = catalog.Hint(entry.Id);
                diagnostics.Add(DiagnosticCatalog.AttackDeprecated, Where(reference, locations, l => l.Id), entry.Id, entry.Name,
                    hint is null ? "; MITRE names no replacement" : $"; MITRE suggests {hint}");
            }
            if (!entry.Name.Equals(reference.Name, StringComparison.Ordinal))
            {
                diagnostics.Add(DiagnosticCatalog.AttackNameMismatch, Where(reference, locations, l => l.Name), entry.Id, entry.Name, catalog.Source, reference.Name);
            }
            if (reference.Reference.Length > 0 && !reference.Reference.TrimEnd('/').Equals(entry.Url.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Add(DiagnosticCatalog.AttackReferenceMismatch, Where(reference, locations, l => l.Reference), entry.Id, reference.Reference, catalog.Source, entry.Url + "/");
            }
            return entry;
        }

        private static LocationInfo? Where(AttackRef reference, ThreatLocations locations, Func<AttackRefLocations, LocationInfo?> part) =>
            locations.TryGetValue(reference, out AttackRefLocations? at) ? part(at) ?? at.Entry : null;
    }
}
