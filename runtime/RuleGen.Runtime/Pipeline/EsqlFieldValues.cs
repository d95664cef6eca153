using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Text;

namespace RuleGen.Runtime.Pipeline;

/// <summary>
/// A field of the event as the ES|QL value of its mapped type: what <c>FROM</c> gives a row. The generator knows
/// each column's type from the schema and says it here. A value the type cannot hold (a keyword field holding an
/// object, "abc" in a long field) is NULL, as Elasticsearch would not have indexed it (ignore_malformed) and ES|QL
/// reads doc values.
/// </summary>
public static class EsqlFieldValues
{
    public static EsqlValue From(FieldValue field, EsqlType type)
    {
        switch (field.Kind)
        {
            case ValueKind.Null:
            case ValueKind.Object:
                return EsqlValue.Null;
            case ValueKind.Multi:
            {
                var values = new List<EsqlValue>(field.Count);
                foreach (FieldValue element in field.GetElements()) values.Add(Single(element, type));
                // Keyword doc values are sorted and de-duplicated; numbers and dates keep duplicates, sorted
                // (Elasticsearch's multivalued-fields page). ES|QL reads doc values, so the row sees that order.
                // Keyword, IP and version are sorted sets; a boolean is a sorted-numeric 0/1 (BooleanFieldMapper's
                // indexValue), so it keeps its duplicates like a number.
                values.RemoveAll(v => v.IsNull);
                if (type == EsqlType.Dynamic)
                {
                    // Values of mixed JSON types keep the document's order (no one doc-values order covers them).
                    return values.Count == 0 ? EsqlValue.Null : values.Count == 1 ? values[0] : EsqlValue.Multi(values[0].Type, values);
                }
                if (type is EsqlType.Keyword or EsqlType.Ip or EsqlType.Version)
                {
                    values.Sort(EsqlValue.CompareSingles);
                    for (int i = values.Count - 1; i > 0; i--) if (values[i].Equals(values[i - 1])) values.RemoveAt(i);
                }
                else
                {
                    values.Sort(EsqlValue.CompareSingles);
                }
                return EsqlValue.Multi(type, values);
            }
            default:
                return Single(field, type);
        }
    }

    private static EsqlValue Single(FieldValue field, EsqlType type)
    {
        ReadOnlySpan<byte> bytes = field.Bytes;
        if (type == EsqlType.Dynamic)
        {
            type = field.Kind switch
            {
                ValueKind.Number => bytes.IndexOfAny("."u8[0], (byte)'e', (byte)'E') >= 0 ? EsqlType.Double : EsqlType.Long,
                ValueKind.True or ValueKind.False => EsqlType.Boolean,
                _ => EsqlType.Keyword,
            };
        }
        switch (type)
        {
            case EsqlType.Keyword:
                return field.Kind == ValueKind.Object ? EsqlValue.Null : EsqlValue.Keyword(Encoding.UTF8.GetString(bytes));
            case EsqlType.Version:
                return EsqlValue.Version(Encoding.UTF8.GetString(bytes));
            case EsqlType.Ip:
                return EsqlValue.Ip(Encoding.UTF8.GetString(bytes));
            case EsqlType.Boolean:
                if (field.Kind == ValueKind.True || bytes.SequenceEqual("true"u8)) return EsqlValue.True;
                if (field.Kind == ValueKind.False || bytes.SequenceEqual("false"u8)) return EsqlValue.False;
                return EsqlValue.Null;
            case EsqlType.Integer:
            case EsqlType.Long:
                if (Utf8Parser.TryParse(bytes, out long whole, out int used) && used == bytes.Length)
                    return type == EsqlType.Integer && whole is >= int.MinValue and <= int.MaxValue ? EsqlValue.Integer((int)whole) : EsqlValue.Long(whole);
                // A long field indexes "12.7" as 12 (Elasticsearch truncates a fraction when coercing).
                if (TryDouble(bytes, out double truncated) && Math.Abs(truncated) < 9.2e18)
                    return type == EsqlType.Integer && truncated is >= int.MinValue and <= int.MaxValue ? EsqlValue.Integer((int)truncated) : EsqlValue.Long((long)truncated);
                return EsqlValue.Null;
            case EsqlType.Double:
                return TryDouble(bytes, out double number) ? EsqlValue.Double(number) : EsqlValue.Null;
            case EsqlType.Datetime:
                return DateValues.TryParseMillis(bytes, out long millis) ? EsqlValue.Datetime(millis) : EsqlValue.Null;
            default:
                return EsqlValue.Null;
        }
    }

    private static bool TryDouble(ReadOnlySpan<byte> text, out double number) =>
        Utf8Parser.TryParse(text, out number, out int used, 'G') && used == text.Length
        || Utf8Parser.TryParse(text, out number, out used, 'E') && used == text.Length;
}
