using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;

namespace RuleGen.Generator.Emitting
{
    /// <summary>What naming needs of one emitted rule: its file, its name and the class name it asks for (no position: see <see cref="ClassRename"/>).</summary>
    internal sealed record ClassNameRequest(string FilePath, string RuleName, string Desired, bool Cut);

    internal sealed record ClassNameEntry(string FilePath, string ClassName);

    /// <summary>A rule whose class is not the name it asked for, and why: RG0044, located at the rule's name by the rule-set checks.</summary>
    internal sealed record ClassRename(string FilePath, string RuleName, string ClassName, string Why)
    {
        public DiagnosticInfo ToDiagnostic(LocationInfo? nameLocation) => DiagnosticInfo.Create(DiagnosticCatalog.ClassRenamed, nameLocation, RuleName, ClassName, Why);
    }

    /// <summary>
    /// The class name of every emitted rule, unique in the namespace, and the renames (RG0044). Positions stay out: the
    /// rules' emit step reads this table, and moving a rule's name down a line must not re-emit anything.
    /// </summary>
    internal sealed record ClassNameTable(EquatableArray<ClassNameEntry> Names, EquatableArray<ClassRename> Renames)
    {
        public string For(string filePath, string fallback)
        {
            foreach (ClassNameEntry entry in Names)
            {
                if (entry.FilePath == filePath) return entry.ClassName;
            }
            return fallback;
        }
    }

    /// <summary>
    /// Gives every rule class a name no other generated type has. A rule's class name comes from its name alone, so
    /// two names that differ only in dropped characters ("AWS IAM: login", "AWS IAM login") or a name such as
    /// "CompiledRules" would give two types of one name (CS0101) and no RuleGen diagnostic. Rules are named in file
    /// order: the first keeps the name, later ones get a number; reserved names get "Rule" appended.
    /// </summary>
    internal static class ClassNames
    {
        public static ClassNameTable Assign(IEnumerable<ClassNameRequest> requests)
        {
            var taken = new Dictionary<string, ClassNameRequest?>(StringComparer.Ordinal);
            foreach (string reserved in GeneratedNames.NamespaceTypes) taken[reserved] = null;
            var names = new List<ClassNameEntry>();
            var renames = new List<ClassRename>();
            foreach (ClassNameRequest request in requests.OrderBy(r => r.FilePath, StringComparer.Ordinal))
            {
                string name = request.Desired;
                var why = new List<string>();
                if (request.Cut) why.Add($"the name is longer than {GeneratedNames.MaxLength} characters as a class name");
                if (taken.ContainsKey(name) && taken[name] is null || Array.IndexOf(GeneratedNames.RuleMembers, name) >= 0 || GeneratedNames.IsKeyword(name))
                {
                    why.Add($"{name} is a name RuleGen generates itself");
                    name += "Rule";
                }
                if (taken.TryGetValue(name, out ClassNameRequest? owner))
                {
                    string first = name;
                    for (int n = 2; taken.ContainsKey(name); n++) name = first + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    // Two files with one name are RG0043 already; a number is only news when the names differ.
                    if (owner is not null && !string.Equals(owner.RuleName, request.RuleName, StringComparison.OrdinalIgnoreCase))
                    {
                        why.Add($"{first} is the class of '{owner.RuleName}' ({Path.GetFileName(owner.FilePath)})");
                    }
                }
                taken[name] = request;
                names.Add(new ClassNameEntry(request.FilePath, name));
                if (why.Count > 0) renames.Add(new ClassRename(request.FilePath, request.RuleName, name, string.Join("; ", why)));
            }
            return new ClassNameTable(names.ToEquatableArray(), renames.ToEquatableArray());
        }
    }
}
