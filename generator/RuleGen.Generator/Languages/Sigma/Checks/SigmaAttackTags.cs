using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RuleGen.Generator.Binding;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;
using RuleGen.Generator.Parsing;

namespace RuleGen.Generator.Languages.Sigma.Checks
{
    /// <summary>
    /// Sigma's <c>attack.*</c> tags (sigma-appendix-tags.md) as Elastic's <c>threat</c>: one entry per tactic, its
    /// techniques, their sub-techniques, named and linked from the ATT&amp;CK catalogue. Tactics are written as
    /// SigmaHQ writes them (<c>attack.privilege-escalation</c>, or with <c>_</c>); techniques as
    /// <c>attack.t1098</c> / <c>attack.t1098.001</c>. A technique goes under each tagged tactic it belongs to; when it
    /// belongs to none of them (or the rule tags no tactic), under every tactic the catalogue gives it, since an
    /// Elastic threat entry needs one. Groups, software, mitigations and campaigns (<c>attack.g0016</c>,
    /// <c>attack.s0002</c>, …) are not threat and stay tags. What the catalogue does not have is RG0037, a warning
    /// naming its version: SigmaHQ already tags with ATT&amp;CK v19, whose tactic renames are mapped.
    /// </summary>
    internal static class SigmaAttackTags
    {
        private const string Prefix = "attack.";

        private static readonly Regex TechniqueId = new(@"^t\d{4}(\.\d{3})?$", RegexOptions.CultureInvariant);

        /// <summary>Groups, software, mitigations, campaigns, data sources, detection strategies: ATT&amp;CK objects that are not threat.</summary>
        private static readonly Regex OtherObjectId = new(@"^(g|s|m|c|ds|det|an)\d{4}$", RegexOptions.CultureInvariant);

        /// <summary>
        /// ATT&amp;CK v19 (2026) split Defense Evasion (TA0005) into Stealth and Defense Impairment; a catalogue from
        /// before the split has only the old tactic, which covers both.
        /// </summary>
        private static readonly IReadOnlyDictionary<string, string> V19Tactics = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["stealth"] = "defense-evasion",
            ["defense-impairment"] = "defense-evasion",
        };

        public static EquatableArray<ThreatModel> Map(IReadOnlyList<SigmaValue> tags, AttackCatalog catalog, DiagnosticBag diagnostics)
        {
            var tactics = new List<AttackEntry>();
            var techniques = new List<AttackEntry>();
            foreach (SigmaValue tag in tags)
            {
                string text = tag.Text.Trim();
                if (!text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) continue;
                string name = text.Substring(Prefix.Length).ToLowerInvariant();
                if (TechniqueId.IsMatch(name)) Technique(tag, name.ToUpperInvariant(), catalog, diagnostics, techniques);
                else if (!OtherObjectId.IsMatch(name)) Tactic(tag, name.Replace('_', '-'), catalog, diagnostics, tactics);
            }
            return Build(tactics, techniques, catalog);
        }

        private static void Technique(SigmaValue tag, string id, AttackCatalog catalog, DiagnosticBag diagnostics, List<AttackEntry> techniques)
        {
            AttackEntry? entry = catalog.Find(id);
            if (entry is null || entry.Kind is not ("technique" or "subtechnique"))
            {
                diagnostics.Add(DiagnosticCatalog.AttackTagNotInCatalogue, tag.Location, tag.Text, catalog.Source,
                    $" (a newer ATT&CK, or a typo); the tag is kept, and {id} is left out of threat");
                return;
            }
            if (entry.RevokedBy.Length > 0)
            {
                AttackEntry? replacement = catalog.Find(entry.RevokedBy);
                diagnostics.Add(DiagnosticCatalog.AttackTagNotInCatalogue, tag.Location, tag.Text, catalog.Source,
                    $" as a current id: {entry.Id} {entry.Name} was revoked by {entry.RevokedBy} {replacement?.Name ?? "?"}; write attack.{entry.RevokedBy.ToLowerInvariant()}");
                return;
            }
            if (entry.Deprecated)
            {
                string? hint = catalog.Hint(entry.Id);
                diagnostics.Add(DiagnosticCatalog.AttackDeprecated, tag.Location, entry.Id, entry.Name, hint is null ? "; MITRE names no replacement" : $"; MITRE suggests {hint}");
            }
            if (!techniques.Contains(entry)) techniques.Add(entry);
        }

        private static void Tactic(SigmaValue tag, string shortName, AttackCatalog catalog, DiagnosticBag diagnostics, List<AttackEntry> tactics)
        {
            AttackEntry? entry = catalog.TacticByShortName(shortName);
            if (entry is null && V19Tactics.TryGetValue(shortName, out string? older) && catalog.TacticByShortName(older) is { } mapped)
            {
                diagnostics.Add(DiagnosticCatalog.AttackTagNotInCatalogue, tag.Location, tag.Text, catalog.Source,
                    $": it is an ATT&CK v19 tactic (v19 split Defense Evasion into Stealth and Defense Impairment), mapped to {mapped.Id} {mapped.Name}");
                entry = mapped;
            }
            else if (entry is null)
            {
                var names = catalog.Current("tactic").Select(t => Prefix + t.TacticShortName);
                diagnostics.Add(DiagnosticCatalog.AttackTagNotInCatalogue, tag.Location, tag.Text, catalog.Source,
                    " as a tactic, technique or other ATT&CK object" + DidYouMean.Suffix(Prefix + shortName, names, diagnostics));
                return;
            }
            if (!tactics.Contains(entry)) tactics.Add(entry);
        }

        private static EquatableArray<ThreatModel> Build(List<AttackEntry> tactics, List<AttackEntry> techniques, AttackCatalog catalog)
        {
            // Per tactic, in tag order: each technique (in tag order) with its sub-techniques.
            var entries = tactics.Select(t => (Tactic: t, Techniques: new List<(AttackEntry Technique, List<AttackEntry> Subs)>())).ToList();
            foreach (AttackEntry tagged in techniques)
            {
                AttackEntry technique = tagged.Kind == "subtechnique" ? catalog.Find(tagged.Parent) ?? tagged : tagged;
                var targets = entries.Take(tactics.Count).Where(e => tagged.Tactics.Contains(e.Tactic.TacticShortName)).ToList();
                if (targets.Count == 0)
                {
                    foreach (string shortName in tagged.Tactics)
                    {
                        if (catalog.TacticByShortName(shortName) is not { } derived) continue;
                        int existing = entries.FindIndex(e => e.Tactic == derived);
                        if (existing < 0)
                        {
                            entries.Add((derived, new List<(AttackEntry Technique, List<AttackEntry> Subs)>()));
                            existing = entries.Count - 1;
                        }
                        targets.Add(entries[existing]);
                    }
                }
                foreach (var target in targets)
                {
                    int at = target.Techniques.FindIndex(t => t.Technique == technique);
                    if (at < 0)
                    {
                        target.Techniques.Add((technique, new List<AttackEntry>()));
                        at = target.Techniques.Count - 1;
                    }
                    if (tagged != technique && !target.Techniques[at].Subs.Contains(tagged)) target.Techniques[at].Subs.Add(tagged);
                }
            }
            return entries.Select(e => new ThreatModel("MITRE ATT&CK", Ref(e.Tactic),
                    e.Techniques.Select(t => new TechniqueModel(Ref(t.Technique), t.Subs.Select(Ref).ToEquatableArray())).ToEquatableArray()))
                .ToEquatableArray();
        }

        /// <summary>Id, name and URL as Elastic's rules write them (with the trailing slash).</summary>
        private static AttackRef Ref(AttackEntry entry) => new(entry.Id, entry.Name, entry.Url.TrimEnd('/') + "/");
    }
}
