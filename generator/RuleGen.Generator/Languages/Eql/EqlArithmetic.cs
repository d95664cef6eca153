using System;
using System.Globalization;

namespace RuleGen.Generator.Languages.Eql
{
    /// <summary>
    /// Arithmetic on two number constants at build time, as QL's Arithmetics computes it (and as the runtime's
    /// Functions do per event): whole numbers stay long (83 / 2 = 41, Java's truncating division and remainder),
    /// a decimal on either side makes a double. Null where Elasticsearch would fail the search (a division by zero
    /// or a long overflow): the comparison over it is then FALSE.
    /// </summary>
    internal static class EqlArithmetic
    {
        public static string? Fold(char op, string left, string right)
        {
            bool wholeLeft = long.TryParse(left, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long a);
            bool wholeRight = long.TryParse(right, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long b);
            if (wholeLeft && wholeRight)
            {
                try
                {
                    long result = op switch
                    {
                        '+' => checked(a + b),
                        '-' => checked(a - b),
                        '*' => checked(a * b),
                        '/' => b == 0 || a == long.MinValue && b == -1 ? throw new OverflowException() : a / b,
                        _ => b == 0 ? throw new OverflowException() : b == -1 ? 0 : a % b,
                    };
                    return result.ToString(CultureInfo.InvariantCulture);
                }
                catch (OverflowException)
                {
                    return null;
                }
            }
            if (!double.TryParse(left, NumberStyles.Float, CultureInfo.InvariantCulture, out double x)
                || !double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out double y))
            {
                return null;
            }
            double value = op switch
            {
                '+' => x + y,
                '-' => x - y,
                '*' => x * y,
                '/' => x / y,
                _ => x % y,
            };
            if (double.IsNaN(value) || double.IsInfinity(value)) return null;
            string text = value.ToString("R", CultureInfo.InvariantCulture);
            // A double stays a double ("41.0", as Java writes it), so string() of it and later arithmetic agree.
            return text.IndexOf('.') < 0 && text.IndexOf('E') < 0 ? text + ".0" : text;
        }
    }
}
