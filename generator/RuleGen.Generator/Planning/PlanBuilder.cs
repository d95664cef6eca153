using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RuleGen.Generator.Binding;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Ir;
using RuleGen.Generator.Model;

namespace RuleGen.Generator.Planning
{
    /// <summary>
    /// The back end every front end binds into: it hands out field slots, checks fields and types against the
    /// schema (reading each leaf's semantics, never the language), and assembles the plan — ordering, never-true
    /// checks, required literals and the dispatch key. A front end calls <see cref="Field"/> for every field it
    /// reads, the Check methods where its syntax compares, tests or converts a value, and <see cref="Build"/> once.
    /// </summary>
    internal sealed class PlanBuilder
    {
        private readonly DiagnosticBag _diagnostics;
        private readonly List<string> _fields = new();
        private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal);
        private readonly Dictionary<string, LocationInfo> _firstUse = new(StringComparer.Ordinal);

        private readonly string _sourcesPhrase;
        private readonly UnknownFieldPolicy _unknownFields;

        /// <param name="sourcesPhrase">How messages name where the rule reads from ("this FROM", "this rule's index").</param>
        /// <param name="unknownFields">Whether a field the complete schema lacks is an error or a warning (the front end's choice).</param>
        public PlanBuilder(DiagnosticBag diagnostics, FieldSchema? schema, string sourcesPhrase, UnknownFieldPolicy unknownFields = UnknownFieldPolicy.Error)
        {
            _diagnostics = diagnostics;
            Schema = schema;
            _sourcesPhrase = sourcesPhrase;
            _unknownFields = unknownFields;
        }

        /// <summary>The schema fields are checked against; null when the rule chose none.</summary>
        public FieldSchema? Schema { get; }

        public DiagnosticBag Diagnostics => _diagnostics;

        /// <summary>The fields read so far, in slot order.</summary>
        public IReadOnlyList<string> Fields => _fields;

        /// <summary>
        /// A field the condition reads, at <paramref name="at"/> (its first use is where an unknown field is reported;
        /// an <paramref name="optional"/> field, EQL's <c>?field</c>, is never reported). An alias of the schema (a
        /// fields file's <c>type: alias</c>, or a multi-field such as <c>file_name.keyword</c>) reads the field it
        /// stands for, as Elasticsearch resolves it: the event holds only that one.
        /// </summary>
        public FieldExpr Field(string name, LocationInfo at, bool optional = false)
        {
            if (!optional && !_firstUse.ContainsKey(name)) _firstUse[name] = at;
            string read = Schema?.Find(name)?.AliasPath ?? name;
            if (!_slots.TryGetValue(read, out int slot))
            {
                _slots[read] = slot = _fields.Count;
                _fields.Add(read);
            }
            return new FieldExpr(read, slot);
        }

        /// <summary>
        /// Every scalar value below the object <paramref name="name"/> (empty: the whole document), at
        /// <paramref name="at"/>; a named object is checked against the schema like a field.
        /// </summary>
        public SubtreeExpr Subtree(string name, LocationInfo at, bool optional = false)
        {
            string read = name;
            if (name.Length > 0)
            {
                if (!optional && !_firstUse.ContainsKey(name)) _firstUse[name] = at;
                read = Schema?.Find(name)?.AliasPath ?? name;
            }
            string entry = SubtreeExpr.SubtreeSlotName(read);
            if (!_slots.TryGetValue(entry, out int slot))
            {
                _slots[entry] = slot = _fields.Count;
                _fields.Add(entry);
            }
            return new SubtreeExpr(read, slot);
        }

        /// <summary>The schema's entry for a field, or null (unknown, or no schema).</summary>
        public FieldInfo? Info(string name) => Schema?.Find(name);

        /// <summary>The schema's entry for the field a value reads directly (or through a case conversion).</summary>
        public FieldInfo? Info(ValueExpr value)
        {
            while (value is CaseExpr c) value = c.Operand;
            return value is FieldExpr f ? Info(f.Name) : null;
        }

        /// <summary>A field named outside the condition (KEEP, new_terms, threshold…): checked against the schema, no slot.</summary>
        public void CheckNamedField(string name, LocationInfo at)
        {
            if (Schema is null || _firstUse.ContainsKey(name)) return;
            if (name.IndexOf('*') >= 0)
            {
                if (!Schema.AnyMatches(name)) Unknown(name, at);
            }
            else if (Schema.Find(name) is null)
            {
                Unknown(name, at);
            }
        }

        /// <summary>A string operation (wildcards, regexes, prefixes, case conversion) on a field that is not a string.</summary>
        public void RequireString(ValueExpr value, string operation, LeafSemantics semantics, LocationInfo at)
        {
            FieldInfo? info = Info(value);
            if (info is not null && !info.IsString && info.Type != "ip" && info.Type != "date")
            {
                _diagnostics.Add(DiagnosticCatalog.TypeMismatch, at, $"{operation} needs a string, but {info.Name} is {info.Type}");
            }
            WarnIfMultivalued(value, operation, semantics, at);
        }

        /// <summary>An IP operation (CIDR) on a field that is not an ip.</summary>
        public void RequireIp(ValueExpr value, string operation, LeafSemantics semantics, LocationInfo at)
        {
            if (Info(value) is { } info && info.Type != "ip")
            {
                _diagnostics.Add(DiagnosticCatalog.TypeMismatch, at, $"{operation} needs an ip, but {info.Name} is {info.Type}" + (info.Name == "source.address" ? " (source.ip is the ip)" : ""));
            }
            WarnIfMultivalued(value, operation, semantics, at);
        }

        /// <summary>
        /// A single-value leaf over an array field: only where a multivalued field makes the leaf NULL (ES|QL). Under
        /// any-value matching an array field is what the leaf is made for.
        /// </summary>
        public void WarnIfMultivalued(ValueExpr value, string operation, LeafSemantics semantics, LocationInfo at)
        {
            if (semantics.Multivalue != MultivalueMode.NullIfMultivalued) return;
            if (Info(value) is { IsArray: true } info) _diagnostics.Add(DiagnosticCatalog.MultivaluedField, at, info.Name, operation);
        }

        /// <summary>
        /// A field compared with a literal of another type (a keyword with a number, a long with a string, …). Under
        /// as-string comparison every scalar is its text, so only the constant check applies. Strict, as ES|QL is: a
        /// language that coerces literals to the field's type (KQL, EQL through the query DSL) converts them first.
        /// </summary>
        public void CheckComparison(ValueExpr field, CompareOp op, LiteralExpr literal, LeafSemantics semantics, LocationInfo fieldAt, LocationInfo literalAt)
        {
            if (op is CompareOp.Equal or CompareOp.NotEqual) WarnIfMultivalued(field, op == CompareOp.Equal ? "==" : "!=", semantics, fieldAt);
            FieldInfo? info = Info(field);
            if (info is null || literal.Kind == LiteralKind.Null) return;
            if (info.Constant is string constant && op == CompareOp.Equal && literal.Kind == LiteralKind.String && field is FieldExpr
                && !string.Equals(literal.Text, constant, semantics.IgnoresCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
            {
                // A constant_keyword of the data stream: every event has this one value.
                _diagnostics.Add(DiagnosticCatalog.NeverTrue, literalAt, $"{info.Name} is always \"{constant}\" in {Schema!.Description}");
            }
            if (semantics.Comparison == ComparisonMode.AsString) return;
            string? problem = (info, literal.Kind) switch
            {
                ({ IsNumeric: true }, LiteralKind.String) => "a string",
                ({ IsString: true }, LiteralKind.Number) => "a number",
                ({ IsString: true }, LiteralKind.Boolean) => "a boolean",
                ({ Type: "boolean" }, LiteralKind.String) => "a string",
                ({ Type: "boolean" }, LiteralKind.Number) => "a number",
                ({ Type: "ip" }, LiteralKind.String) when !System.Net.IPAddress.TryParse(literal.Text, out _) => "a string that is not an IP address",
                ({ Type: "ip" }, LiteralKind.Number) => "a number",
                ({ Type: "date" }, LiteralKind.String) when !DateTimeOffset.TryParse(literal.Text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) => "a string that is not a date",
                _ => null,
            };
            if (problem is not null)
            {
                _diagnostics.Add(DiagnosticCatalog.TypeMismatch, literalAt, $"{info.Name} is {info.Type} and cannot be compared with {problem} ({literal.Text})");
            }
        }

        /// <summary>
        /// The plan: the conjuncts (each with where it was written, for never-true warnings) ANDed, folded and ordered,
        /// every field checked, required literals and the dispatch key derived.
        /// </summary>
        public QueryPlan Build(string language, string queryText, EquatableArray<string> sources, EquatableArray<string> metadataFields,
            IReadOnlyList<(Pred Pred, LocationInfo Location)> conjuncts, EquatableArray<string> keep)
        {
            Pred condition = Ordering.CheapestFirst(Folding.And(conjuncts.Select(c => c.Pred)));
            if (Schema is not null)
            {
                foreach (KeyValuePair<string, LocationInfo> use in _firstUse)
                {
                    if (Schema.Find(use.Key) is null) Unknown(use.Key, use.Value);
                }
            }
            NeverTrue.Check(conjuncts, _diagnostics);
            return new QueryPlan(language, queryText, sources, metadataFields, _fields.ToEquatableArray(), condition, keep,
                RequiredLiterals.Of(condition), DispatchKeys.Of(condition));
        }

        private void Unknown(string name, LocationInfo at)
        {
            if (Schema is null) return;
            string suggestion = name.IndexOf('*') >= 0 ? string.Empty : Parsing.DidYouMean.Suffix(name, Schema.AllNames, _diagnostics);
            if (Schema.IsComplete)
            {
                _diagnostics.Add(_unknownFields == UnknownFieldPolicy.Warning ? DiagnosticCatalog.FieldNotInLogSource : DiagnosticCatalog.UnknownField,
                    at, name, Schema.Description, suggestion);
            }
            else _diagnostics.Add(DiagnosticCatalog.FieldNotInEcs, at, name, Schema.Description, _sourcesPhrase, suggestion);
        }
    }
}
