using System;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RuleGen.Runtime.Alerts;

/// <summary>
/// node's <c>object-hash</c> (default options: sha1, hex, ordered arrays) for the values Kibana hashes into alert ids:
/// it serialises the value to text and hashes that text as UTF-8. An array is <c>array:&lt;length&gt;:</c> then its
/// items, a string <c>string:&lt;length in UTF-16 units&gt;:&lt;text&gt;</c>, a number <c>number:</c> and JavaScript's
/// Number#toString, a boolean <c>bool:true</c>, undefined <c>Undefined</c>, null <c>Null</c>. Checked against the
/// package's own output (NewTermsIdTests, EsqlAlertIdTests). Used by the new_terms and ES|QL alert ids.
/// </summary>
public sealed class ObjectHash
{
    private readonly StringBuilder _text = new();

    public ObjectHash Array(int length)
    {
        _text.Append("array:").Append(length.ToString(CultureInfo.InvariantCulture)).Append(':');
        return this;
    }

    public ObjectHash String(string value)
    {
        _text.Append("string:").Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
        return this;
    }

    public ObjectHash Number(long value)
    {
        _text.Append("number:").Append(value.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public ObjectHash Number(double value)
    {
        _text.Append("number:").Append(JsNumberText.Of(value));
        return this;
    }

    public ObjectHash Boolean(bool value)
    {
        _text.Append(value ? "bool:true" : "bool:false");
        return this;
    }

    public ObjectHash Undefined()
    {
        _text.Append("Undefined");
        return this;
    }

    public ObjectHash Null()
    {
        _text.Append("Null");
        return this;
    }

    /// <summary>The text written so far (what object-hash feeds its hash).</summary>
    public override string ToString() => _text.ToString();

    /// <summary>The SHA-1 of the text as UTF-8, 40 lower-case hex digits.</summary>
    public string Sha1Hex() => Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(_text.ToString()))).ToLowerInvariant();
}

/// <summary>
/// A double as JavaScript's Number#toString writes it (ECMA-262 Number::toString): the shortest digits that round-trip,
/// plain notation for decimal exponents from -6 to 20, else <c>1e+21</c> / <c>1.5e-7</c>; integers without a fraction.
/// </summary>
internal static class JsNumberText
{
    public static string Of(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "Infinity" : "-Infinity";
        if (value == 0) return "0";
        string sign = value < 0 ? "-" : "";
        // "R" gives the shortest round-trip digits, in .NET's own plain or exponent form: take digits and exponent from it.
        string r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int e = r.IndexOfAny(new[] { 'E', 'e' });
        string mantissa = e < 0 ? r : r.Substring(0, e);
        int exponent = e < 0 ? 0 : int.Parse(r.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        int dot = mantissa.IndexOf('.');
        string digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        // n: the position of the decimal point relative to the digits (value = 0.digits × 10^n).
        int n = (dot < 0 ? mantissa.Length : dot) + exponent;
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') lead++;
        digits = digits.Substring(lead);
        n -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) return "0";
        int k = digits.Length;
        string text;
        if (k <= n && n <= 21) text = digits + new string('0', n - k);
        else if (0 < n && n <= 21) text = digits.Substring(0, n) + "." + digits.Substring(n);
        else if (-6 < n && n <= 0) text = "0." + new string('0', -n) + digits;
        else
        {
            string exp = (n - 1 >= 0 ? "+" : "-") + Math.Abs(n - 1).ToString(CultureInfo.InvariantCulture);
            text = (k == 1 ? digits : digits.Substring(0, 1) + "." + digits.Substring(1)) + "e" + exp;
        }
        return sign + text;
    }
}
