using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Binding;
using RuleGen.Generator.Diagnostics;

namespace RuleGen.Generator.Languages.Sigma.Checks
{
    /// <summary>
    /// A plain string value that is exactly a dotted field name of the rule's schema
    /// (<c>userIdentity.arn|contains: responseElements.accessKey.userName</c>): without <c>fieldref</c> it is compared
    /// as text, which is rarely what was meant (RG0072, a warning at the value). Needs the schema the rule was bound
    /// against, so it runs after binding.
    /// </summary>
    internal static class SigmaFieldValueChecks
    {
        public static void Check(SigmaRule rule, FieldSchema? schema, DiagnosticBag diagnostics)
        {
            if (schema is null) return;
            foreach (SigmaFieldItem item in rule.Searches.SelectMany(s => s.Maps).SelectMany(m => m))
            {
                if (item.Field.Length == 0 || item.Modifiers.Any(m => !Textual(m.Modifier))) continue;
                foreach (SigmaValue value in item.Values)
                {
                    if (value.IsNull || !LooksLikePath(value.Text)) continue;
                    // A key below a flattened object counts (responseElements.accessKey.userName): the value starts
                    // with the object's name, which a literal rarely does.
                    if (schema.Find(value.Text) is null) continue;
                    string key = item.Field + string.Concat(item.Modifiers.Select(m => "|" + m.Name));
                    diagnostics.Add(DiagnosticCatalog.ValueLooksLikeField, value.Location, value.Text, schema.Description, key);
                }
            }
        }

        /// <summary>Modifiers under which a value is a string to find (fieldref itself, regexes, numbers… are not).</summary>
        private static bool Textual(SigmaModifier m) =>
            SigmaModifiers.IsStringMatch(m) || m is SigmaModifier.All or SigmaModifier.Cased or SigmaModifier.Neq;

        /// <summary>name.name(.name)*: letters, digits, '_' and '@', no wildcards, no spaces, not a number or a host with a TLD only.</summary>
        private static bool LooksLikePath(string text)
        {
            if (text.IndexOf('.') <= 0 || text.EndsWith(".", System.StringComparison.Ordinal)) return false;
            return text.All(c => char.IsLetterOrDigit(c) || c is '.' or '_' or '@') && !char.IsDigit(text[0]);
        }
    }
}
