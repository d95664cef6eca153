using System.Globalization;
using System.Linq;
using System.Text;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Ir;
using RuleGen.Generator.Model;
using RuleGen.Generator.Planning;

namespace RuleGen.Generator.Languages.Kql
{
    /// <summary>
    /// One KQL leaf on one field, as Elasticsearch runs the query Kibana builds for it (@kbn/es-query,
    /// kuery/functions/is.ts, range.ts, exists.ts) on the field's mapping type. Every leaf has the query DSL's
    /// semantics (<see cref="LeafSemantics.QueryDsl"/>: any value matches, a missing field is FALSE, so NOT is
    /// must_not). A value Elasticsearch could not turn into the field's type fails the whole search there, so it is
    /// an error here, at the value. Each method returns null after reporting an error.
    /// </summary>
    internal sealed class KqlLeaves
    {
        /// <summary>Keyword-like fields: every value is compared as the text Elasticsearch indexed for it.</summary>
        private static readonly LeafSemantics Keyword = LeafSemantics.QueryDsl.WithComparison(ComparisonMode.AsString);

        private static readonly LeafSemantics Typed = LeafSemantics.QueryDsl;

        private readonly PlanBuilder _plan;

        public KqlLeaves(PlanBuilder plan) => _plan = plan;

        /// <summary><c>field:value</c> (<paramref name="value"/> is not the lone <c>*</c>).</summary>
        public Pred? Match(KqlField field, KqlLiteral value, LocationInfo valueAt, DiagnosticBag diagnostics)
        {
            if (value.Kind == KqlLiteralKind.Null)
            {
                // Kibana sends the literal null as the term's value, which Elasticsearch refuses.
                diagnostics.Add(DiagnosticCatalog.TypeMismatch, valueAt,
                    $"null is not a value Elasticsearch can search {field.Name} for; write \"null\" for the text, or 'not {field.Name}:*' for events without the field");
                return null;
            }
            if (!Usable(field, value.HasWildcard ? "A wildcard" : "A value", diagnostics)) return null;
            return value.HasWildcard ? Wildcard(field, value, valueAt, diagnostics) : Equal(field, value, valueAt, diagnostics);
        }

        /// <summary><c>field:*</c>: Elasticsearch's exists query: the field has an indexed value.</summary>
        public Pred? Exists(KqlField field, LocationInfo valueAt, DiagnosticBag diagnostics)
        {
            if (!Usable(field, "An exists query (field:*)", diagnostics)) return null;
            return new IsNullPred(Indexed(field), Negated: true);
        }

        /// <summary><c>field &lt; value</c> and the other range signs.</summary>
        public Pred? Range(KqlField field, CompareOp op, KqlLiteral value, LocationInfo valueAt, DiagnosticBag diagnostics)
        {
            if (value.Kind == KqlLiteralKind.Null)
            {
                diagnostics.Add(DiagnosticCatalog.TypeMismatch, valueAt, $"null is not a bound Elasticsearch can compare {field.Name} with");
                return null;
            }
            if (!Usable(field, "A range", diagnostics)) return null;
            string text = value.Value;
            switch (field.Kind)
            {
                case KqlFieldKind.Keyword:
                case KqlFieldKind.KeywordLike:
                    // A term range over the indexed strings: UTF-8 byte order (Lucene's TermRangeQuery).
                    return Folding.Compare(op, Indexed(field), new LiteralExpr(LiteralKind.String, text), Keyword);
                case KqlFieldKind.Integer:
                case KqlFieldKind.Float:
                    if (!KqlNumbers.TryParse(text, out double number))
                    {
                        NotA(field, "number", text, valueAt, diagnostics);
                        return null;
                    }
                    // Integer fields round a decimal bound inward (NumberFieldMapper's range queries), which a
                    // comparison with the decimal itself already does.
                    return Folding.Compare(op, Field(field), new LiteralExpr(LiteralKind.Number, KqlNumbers.Canonical(number)), Typed);
                case KqlFieldKind.Date:
                    return DateRange(field, op, text, valueAt, diagnostics);
                default:
                    diagnostics.Add(DiagnosticCatalog.NotSupportedYet, valueAt, $"A range on the {field.Type} field {field.Name}");
                    return null;
            }
        }

        /// <summary>Whether a leaf can read the field at all (text and other unsupported types: an error at the field).</summary>
        private static bool Usable(KqlField field, string what, DiagnosticBag diagnostics)
        {
            LocationInfo at = field.At;
            switch (field.Kind)
            {
                case KqlFieldKind.Text:
                    string keyword = field.Name.EndsWith(".text", System.StringComparison.Ordinal) ? $"; query the keyword field {field.Name.Substring(0, field.Name.Length - 5)} instead" : "";
                    diagnostics.Add(DiagnosticCatalog.NotSupportedYet, at,
                        $"{what} on the {field.Type} field {field.Name} (Elasticsearch analyses text into words; RuleGen does not analyse text{keyword})");
                    return false;
                case KqlFieldKind.Unsupported:
                    string hint = field.Type switch
                    {
                        "flattened" => $"{field.Name} is a flattened field; name one of its keys ({field.Name}.key)",
                        "object" or "nested" or "group" => $"{field.Name} is an object; name one of its fields",
                        _ => null!,
                    };
                    if (hint is null) diagnostics.Add(DiagnosticCatalog.NotSupportedYet, at, $"{what} on the {field.Type} field {field.Name}");
                    else diagnostics.Add(DiagnosticCatalog.TypeMismatch, at, hint);
                    return false;
                default:
                    return true;
            }
        }

        private Pred? Equal(KqlField field, KqlLiteral value, LocationInfo valueAt, DiagnosticBag diagnostics)
        {
            string text = value.Value;
            switch (field.Kind)
            {
                case KqlFieldKind.Keyword:
                case KqlFieldKind.KeywordLike:
                {
                    // A term query: the exact indexed bytes, case-sensitive (the detection engine sets no caseInsensitive).
                    // A value longer than ignore_above is never indexed, so no document holds it.
                    if (field.IgnoreAbove is int limit && text.Length > limit) return new ConstPred(TriValue.False);
                    FieldExpr expr = Field(field);
                    var literal = new LiteralExpr(LiteralKind.String, text);
                    _plan.CheckComparison(expr, CompareOp.Equal, literal, Keyword, field.At, valueAt);
                    return Folding.Compare(CompareOp.Equal, expr, literal, Keyword);
                }
                case KqlFieldKind.Integer:
                {
                    if (!KqlNumbers.TryParse(text, out double number))
                    {
                        NotA(field, "number", text, valueAt, diagnostics);
                        return null;
                    }
                    // NumberFieldMapper.NumberType.termQuery: a decimal part, or a value out of the type's range,
                    // matches no document.
                    if (number % 1 != 0 || !KqlNumbers.InRange(field.Type, number)) return new ConstPred(TriValue.False);
                    return Folding.Compare(CompareOp.Equal, Field(field), new LiteralExpr(LiteralKind.Number, KqlNumbers.Integer(text, number)), Typed);
                }
                case KqlFieldKind.Float:
                {
                    if (!KqlNumbers.TryParse(text, out double number))
                    {
                        NotA(field, "number", text, valueAt, diagnostics);
                        return null;
                    }
                    return Folding.Compare(CompareOp.Equal, Field(field), new LiteralExpr(LiteralKind.Number, KqlNumbers.Canonical(number)), Typed);
                }
                case KqlFieldKind.Boolean:
                    // BooleanFieldMapper: "Can't parse boolean value [x], expected [true] or [false]".
                    if (text is not ("true" or "false"))
                    {
                        NotA(field, "boolean (true or false)", text, valueAt, diagnostics);
                        return null;
                    }
                    return Folding.Compare(CompareOp.Equal, Field(field), new LiteralExpr(LiteralKind.Boolean, text), Typed);
                case KqlFieldKind.Ip:
                {
                    // IpFieldMapper's term query: an address, or a CIDR block (prefix query); as a block either way, so
                    // that every spelling of an address ("::1", "0:0::1") compares by value.
                    string? block = KqlIps.Block(text);
                    if (block is null)
                    {
                        NotA(field, "IP address or CIDR block", text, valueAt, diagnostics);
                        return null;
                    }
                    return new CidrPred(Field(field), new EquatableArray<string>(new[] { block }), Typed);
                }
                case KqlFieldKind.Date:
                    // Kibana turns an exact date into a range gte/lte the value (is.ts), with Zulu as the time zone.
                    return DateBetween(field, text, CompareOp.GreaterOrEqual, CompareOp.LessOrEqual, valueAt, diagnostics);
                default:
                    return null;
            }
        }

        private Pred? Wildcard(KqlField field, KqlLiteral value, LocationInfo valueAt, DiagnosticBag diagnostics)
        {
            switch (field.Kind)
            {
                case KqlFieldKind.Keyword:
                    // A wildcard query on the whole value, case-sensitive; '?' is escaped by Kibana (toQueryStringQuery).
                    return new LikePred(Indexed(field), new EquatableArray<string>(new[] { Pattern(value) }), Keyword);
                case KqlFieldKind.KeywordLike:
                    // A query_string query: Lucene's classic parser splits the pattern into words at whitespace, which
                    // Kibana does not escape.
                    if (value.Value.Any(c => c is ' ' or '\t' or '\n' or '\r' or '\u3000'))
                    {
                        diagnostics.Add(DiagnosticCatalog.NotSupportedYet, valueAt,
                            $"A wildcard with whitespace on the {field.Type} field {field.Name} (Kibana sends it as a query_string, which splits it into words)");
                        return null;
                    }
                    return new LikePred(Indexed(field), new EquatableArray<string>(new[] { Pattern(value) }), Keyword);
                default:
                    // query_string on a numeric, ip, date or boolean field: "Can only use wildcard queries on keyword and
                    // text fields" (MappedFieldType.wildcardQuery).
                    diagnostics.Add(DiagnosticCatalog.TypeMismatch, valueAt,
                        $"A wildcard needs a keyword field, but {field.Name} is {field.Type} (Elasticsearch: can only use wildcard queries on keyword and text fields)");
                    return null;
            }
        }

        /// <summary>
        /// The canonical wildcard pattern of a KQL value: '*' where the KQL was an unescaped star, every other '*',
        /// '?' and '\' escaped (Kibana escapes them for Elasticsearch as literal characters).
        /// </summary>
        public static string Pattern(KqlLiteral value)
        {
            var stars = value.WildcardIndexes;
            var pattern = new StringBuilder(value.Value.Length + 4);
            int next = 0;
            for (int i = 0; i < value.Value.Length; i++)
            {
                char c = value.Value[i];
                if (next < stars.Count && stars[next] == i)
                {
                    pattern.Append('*');
                    next++;
                    continue;
                }
                if (c is '*' or '?' or '\\') pattern.Append('\\');
                pattern.Append(c);
            }
            return pattern.ToString();
        }

        private Pred? DateRange(KqlField field, CompareOp op, string text, LocationInfo valueAt, DiagnosticBag diagnostics) => op switch
        {
            CompareOp.Greater or CompareOp.GreaterOrEqual => DateBetween(field, text, op, null, valueAt, diagnostics),
            _ => DateBetween(field, text, null, op, valueAt, diagnostics),
        };

        /// <summary>
        /// A date range as DateFieldMapper reads its bounds: gte rounds down, gt rounds up then adds 1 ms, lte rounds
        /// up, lt rounds down then takes 1 ms off; one value in the range is enough.
        /// </summary>
        private Pred? DateBetween(KqlField field, string text, CompareOp? lower, CompareOp? upper, LocationInfo valueAt, DiagnosticBag diagnostics)
        {
            long low = long.MinValue, high = long.MaxValue;
            if (lower is CompareOp lo)
            {
                if (!Date(field, text, roundUp: lo == CompareOp.Greater, valueAt, diagnostics, out low)) return null;
                if (lo == CompareOp.Greater) low++;
            }
            if (upper is CompareOp up)
            {
                if (!Date(field, text, roundUp: up == CompareOp.LessOrEqual, valueAt, diagnostics, out high)) return null;
                if (up == CompareOp.Less) high--;
            }
            if (low > high) return new ConstPred(TriValue.False);
            var within = new CallExpr("DatesWithin", new EquatableArray<ValueExpr>(new ValueExpr[]
            {
                Field(field),
                new LiteralExpr(LiteralKind.Number, low.ToString(CultureInfo.InvariantCulture)),
                new LiteralExpr(LiteralKind.Number, high.ToString(CultureInfo.InvariantCulture)),
            }));
            return new IsNullPred(within, Negated: true);
        }

        private static bool Date(KqlField field, string text, bool roundUp, LocationInfo valueAt, DiagnosticBag diagnostics, out long millis)
        {
            switch (KqlDates.TryParse(text, roundUp, out millis))
            {
                case KqlDates.Outcome.Date:
                    return true;
                case KqlDates.Outcome.DateMath:
                    diagnostics.Add(DiagnosticCatalog.NotSupportedYet, valueAt, $"Date math ({text}: it depends on when the rule runs)");
                    return false;
                default:
                    NotA(field, "date (strict_date_optional_time such as 2024-12-02T10:00:00Z, or epoch milliseconds)", text, valueAt, diagnostics);
                    return false;
            }
        }

        private static void NotA(KqlField field, string what, string text, LocationInfo at, DiagnosticBag diagnostics) =>
            diagnostics.Add(DiagnosticCatalog.TypeMismatch, at,
                $"{field.Name} is {field.Type} and '{text}' is not a {what}: Elasticsearch would fail the query");

        private FieldExpr Field(KqlField field) => _plan.Field(field.Name, field.At);

        /// <summary>The field's values Elasticsearch indexed: all of them, or those within its ignore_above.</summary>
        private ValueExpr Indexed(KqlField field)
        {
            FieldExpr expr = Field(field);
            if (field.Kind != KqlFieldKind.Keyword || field.IgnoreAbove is not int limit) return expr;
            return new CallExpr(FieldTraits.IgnoreAbove, new EquatableArray<ValueExpr>(new ValueExpr[]
            {
                expr, new LiteralExpr(LiteralKind.Number, limit.ToString(CultureInfo.InvariantCulture)),
            }));
        }
    }
}
