using System;

namespace RuleGen.Runtime.Pipeline;

/// <summary>
/// ES|QL's math functions (reference: functions-operators/math-functions) and the arithmetic operators' evaluation
/// (reference: operators). Integer arithmetic is exact: an integer or long overflow is NULL (Elasticsearch uses
/// Math.addExact and friends and adds a warning); a double result that is NaN or infinite is NULL
/// (<see cref="EsqlValue.Double"/>); a function outside its domain (SQRT(-1), LOG10(0), ASIN(2)) is NULL with a warning
/// in Elasticsearch. NULL or a multivalue in gives NULL.
/// </summary>
public static partial class EsqlFunctions
{
    private enum Arith { Add, Subtract, Multiply, Divide, Modulo }

    /// <summary>a + b: numbers (integer + integer is integer, widened to long then double), date + time span, span + span.</summary>
    public static EsqlValue Add(EsqlValue a, EsqlValue b)
    {
        if (!a.IsSingle || !b.IsSingle) return EsqlValue.Null;
        if (a.Type == EsqlType.Datetime && IsSpan(b)) return AddSpan(a, b, subtract: false);
        if (IsSpan(a) && b.Type == EsqlType.Datetime) return AddSpan(b, a, subtract: false);
        if (IsSpan(a) && a.Type == b.Type) return AddSpans(a, b, 1);
        return Arithmetic(a, b, Arith.Add);
    }

    /// <summary>a - b: numbers, date - time span, span - span.</summary>
    public static EsqlValue Subtract(EsqlValue a, EsqlValue b)
    {
        if (!a.IsSingle || !b.IsSingle) return EsqlValue.Null;
        if (a.Type == EsqlType.Datetime && IsSpan(b)) return AddSpan(a, b, subtract: true);
        if (IsSpan(a) && a.Type == b.Type) return AddSpans(a, b, -1);
        return Arithmetic(a, b, Arith.Subtract);
    }

    public static EsqlValue Multiply(EsqlValue a, EsqlValue b) => a.IsSingle && b.IsSingle ? Arithmetic(a, b, Arith.Multiply) : EsqlValue.Null;

    /// <summary>a / b: integer division truncates toward zero (5 / 2 = 2); division by zero is NULL (a warning in Elasticsearch), for doubles too.</summary>
    public static EsqlValue Divide(EsqlValue a, EsqlValue b) => a.IsSingle && b.IsSingle ? Arithmetic(a, b, Arith.Divide) : EsqlValue.Null;

    /// <summary>a % b: the remainder with the dividend's sign (Java's %); by zero is NULL.</summary>
    public static EsqlValue Modulo(EsqlValue a, EsqlValue b) => a.IsSingle && b.IsSingle ? Arithmetic(a, b, Arith.Modulo) : EsqlValue.Null;

    /// <summary>-a: Math.negateExact, so -(integer minimum) is NULL; spans negate too.</summary>
    public static EsqlValue Negate(EsqlValue a)
    {
        if (!a.IsSingle) return EsqlValue.Null;
        try
        {
            return a.Type switch
            {
                EsqlType.Integer => EsqlValue.Integer(checked(-(int)a.AsLong)),
                EsqlType.Long => EsqlValue.Long(checked(-a.AsLong)),
                EsqlType.Double => EsqlValue.Double(-a.AsDouble),
                EsqlType.TimeDuration => EsqlValue.TimeDuration(checked(-a.AsLong)),
                EsqlType.DatePeriod => EsqlValue.DatePeriod(checked(-a.PeriodMonths), checked(-a.PeriodDays)),
                _ => EsqlValue.Null,
            };
        }
        catch (OverflowException)
        {
            return EsqlValue.Null;
        }
    }

    private static bool IsSpan(EsqlValue v) => v.Type is EsqlType.TimeDuration or EsqlType.DatePeriod;

    private static EsqlValue AddSpans(EsqlValue a, EsqlValue b, int sign)
    {
        try
        {
            return a.Type == EsqlType.TimeDuration
                ? EsqlValue.TimeDuration(checked(a.AsLong + sign * b.AsLong))
                : EsqlValue.DatePeriod(checked(a.PeriodMonths + sign * b.PeriodMonths), checked(a.PeriodDays + sign * b.PeriodDays));
        }
        catch (OverflowException)
        {
            return EsqlValue.Null;
        }
    }

    private static EsqlValue Arithmetic(EsqlValue a, EsqlValue b, Arith op)
    {
        if (!a.IsNumeric || !b.IsNumeric) return EsqlValue.Null;
        if (a.Type == EsqlType.Double || b.Type == EsqlType.Double)
        {
            double x = a.AsDouble, y = b.AsDouble;
            if (op is Arith.Divide or Arith.Modulo && y == 0) return EsqlValue.Null;
            return EsqlValue.Double(op switch
            {
                Arith.Add => x + y,
                Arith.Subtract => x - y,
                Arith.Multiply => x * y,
                Arith.Divide => x / y,
                _ => x % y,
            });
        }
        long l = a.AsLong, r = b.AsLong;
        if (op is Arith.Divide or Arith.Modulo && r == 0) return EsqlValue.Null;
        bool isLong = a.Type == EsqlType.Long || b.Type == EsqlType.Long;
        try
        {
            if (isLong)
            {
                return EsqlValue.Long(op switch
                {
                    Arith.Add => checked(l + r),
                    Arith.Subtract => checked(l - r),
                    Arith.Multiply => checked(l * r),
                    // Java's long division: MIN / -1 wraps to MIN and MIN % -1 is 0, where .NET throws.
                    Arith.Divide => r == -1 ? unchecked(-l) : l / r,
                    _ => r == -1 ? 0 : l % r,
                });
            }
            int x = (int)l, y = (int)r;
            return EsqlValue.Integer(op switch
            {
                Arith.Add => checked(x + y),
                Arith.Subtract => checked(x - y),
                Arith.Multiply => checked(x * y),
                Arith.Divide => y == -1 ? unchecked(-x) : x / y,
                _ => y == -1 ? 0 : x % y,
            });
        }
        catch (OverflowException)
        {
            return EsqlValue.Null;
        }
    }

    // ----- math functions -----

    /// <summary>Applies a double function to a number (any numeric type in, double out: SIN, SQRT, …).</summary>
    private static EsqlValue OnDouble(EsqlValue x, Func<double, double> f) =>
        x.IsSingle && x.IsNumeric ? EsqlValue.Double(f(x.AsDouble)) : EsqlValue.Null;

    /// <summary>ABS(n): the same type; the integer or long minimum has no absolute value: NULL (ES's Abs calls Math.absExact, whose ArithmeticException is a warning).</summary>
    public static EsqlValue Abs(EsqlValue x)
    {
        if (!x.IsSingle) return EsqlValue.Null;
        return x.Type switch
        {
            EsqlType.Integer => x.AsLong == int.MinValue ? EsqlValue.Null : EsqlValue.Integer((int)Math.Abs(x.AsLong)),
            EsqlType.Long => x.AsLong == long.MinValue ? EsqlValue.Null : EsqlValue.Long(Math.Abs(x.AsLong)),
            EsqlType.Double => EsqlValue.Double(Math.Abs(x.AsDouble)),
            _ => EsqlValue.Null,
        };
    }

    /// <summary>CEIL(n): integers unchanged (same type), a double rounded up.</summary>
    public static EsqlValue Ceil(EsqlValue x) => x.IsSingle && x.Type == EsqlType.Double ? EsqlValue.Double(Math.Ceiling(x.AsDouble)) : IntegerOrNull(x);

    /// <summary>FLOOR(n): integers unchanged (same type), a double rounded down.</summary>
    public static EsqlValue Floor(EsqlValue x) => x.IsSingle && x.Type == EsqlType.Double ? EsqlValue.Double(Math.Floor(x.AsDouble)) : IntegerOrNull(x);

    private static EsqlValue IntegerOrNull(EsqlValue x) => x.IsSingle && x.Type is EsqlType.Integer or EsqlType.Long ? x : EsqlValue.Null;

    /// <summary>ROUND(n): to the nearest integer, halves away from zero.</summary>
    public static EsqlValue Round(EsqlValue x) => Round(x, EsqlValue.Integer(0));

    /// <summary>
    /// ROUND(n, decimals): the number's own type (integer stays integer). Halves round away from zero (ES's
    /// Maths.round: Math.round of the absolute value, sign put back); negative decimals round left of the point
    /// (ROUND(1250, -2) = 1300); an integer result that overflows is NULL.
    /// </summary>
    public static EsqlValue Round(EsqlValue x, EsqlValue decimals)
    {
        if (!x.IsSingle || !decimals.IsSingle || decimals.Type is not (EsqlType.Integer or EsqlType.Long)) return EsqlValue.Null;
        long precision = decimals.AsLong;
        if (x.Type == EsqlType.Double)
        {
            double n = x.AsDouble;
            double scale = Math.Pow(10, precision);
            if (scale == 0 || n == 0) return EsqlValue.Double(0);
            double middle = n * scale;
            if (double.IsInfinity(middle)) return x;
            if (middle > long.MinValue + 1d && middle < long.MaxValue)
            {
                return EsqlValue.Double(Math.Round(Math.Abs(middle), MidpointRounding.AwayFromZero) / scale * Math.Sign(middle));
            }
            return x;
        }
        if (x.Type is not (EsqlType.Integer or EsqlType.Long)) return EsqlValue.Null;
        long v = x.AsLong;
        if (precision >= 0) return x;
        if (precision < -19) return x.Type == EsqlType.Integer ? EsqlValue.Integer(0) : EsqlValue.Long(0);
        decimal power = Pow10((int)-precision);
        decimal rounded = Math.Round(v / power, MidpointRounding.AwayFromZero) * power;
        if (x.Type == EsqlType.Integer) return rounded is < int.MinValue or > int.MaxValue ? EsqlValue.Null : EsqlValue.Integer((int)rounded);
        return rounded is < long.MinValue or > long.MaxValue ? EsqlValue.Null : EsqlValue.Long((long)rounded);
    }

    private static decimal Pow10(int exponent)
    {
        decimal p = 1;
        for (int i = 0; i < exponent; i++) p *= 10;
        return p;
    }

    /// <summary>SIGNUM(n): -1.0, 0.0 or 1.0, always a double (reference: SIGNUM returns double).</summary>
    public static EsqlValue Signum(EsqlValue x) => OnDouble(x, static v => Math.Sign(v));

    public static EsqlValue Sqrt(EsqlValue x) => OnDouble(x, static v => v < 0 ? double.NaN : Math.Sqrt(v));

    public static EsqlValue Cbrt(EsqlValue x) => OnDouble(x, Math.Cbrt);

    public static EsqlValue Exp(EsqlValue x) => OnDouble(x, Math.Exp);

    /// <summary>POW(base, exponent): a double (Elasticsearch 8.12+); NaN (POW(-8, 0.5)) and overflow are NULL.</summary>
    public static EsqlValue Pow(EsqlValue b, EsqlValue e) =>
        b.IsSingle && e.IsSingle && b.IsNumeric && e.IsNumeric ? EsqlValue.Double(Math.Pow(b.AsDouble, e.AsDouble)) : EsqlValue.Null;

    /// <summary>LOG(n): the natural logarithm; n ≤ 0 is NULL.</summary>
    public static EsqlValue Log(EsqlValue x) => OnDouble(x, static v => v <= 0 ? double.NaN : Math.Log(v));

    /// <summary>LOG(base, n): n ≤ 0, base ≤ 0 or base 1 is NULL.</summary>
    public static EsqlValue Log(EsqlValue b, EsqlValue x)
    {
        if (!b.IsSingle || !x.IsSingle || !b.IsNumeric || !x.IsNumeric) return EsqlValue.Null;
        double bv = b.AsDouble, xv = x.AsDouble;
        if (bv <= 0 || bv == 1 || xv <= 0) return EsqlValue.Null;
        return EsqlValue.Double(Math.Log(xv) / Math.Log(bv));
    }

    public static EsqlValue Log10(EsqlValue x) => OnDouble(x, static v => v <= 0 ? double.NaN : Math.Log10(v));

    public static EsqlValue Pi() => EsqlValue.Double(Math.PI);

    public static EsqlValue E() => EsqlValue.Double(Math.E);

    public static EsqlValue Tau() => EsqlValue.Double(Math.Tau);

    public static EsqlValue Sin(EsqlValue x) => OnDouble(x, Math.Sin);

    public static EsqlValue Cos(EsqlValue x) => OnDouble(x, Math.Cos);

    public static EsqlValue Tan(EsqlValue x) => OnDouble(x, Math.Tan);

    /// <summary>ASIN(n): n outside [-1, 1] is NULL.</summary>
    public static EsqlValue Asin(EsqlValue x) => OnDouble(x, Math.Asin);

    public static EsqlValue Acos(EsqlValue x) => OnDouble(x, Math.Acos);

    public static EsqlValue Atan(EsqlValue x) => OnDouble(x, Math.Atan);

    /// <summary>ATAN2(y, x): the angle of the point (x, y).</summary>
    public static EsqlValue Atan2(EsqlValue y, EsqlValue x) =>
        y.IsSingle && x.IsSingle && y.IsNumeric && x.IsNumeric ? EsqlValue.Double(Math.Atan2(y.AsDouble, x.AsDouble)) : EsqlValue.Null;

    public static EsqlValue Sinh(EsqlValue x) => OnDouble(x, Math.Sinh);

    public static EsqlValue Cosh(EsqlValue x) => OnDouble(x, Math.Cosh);

    public static EsqlValue Tanh(EsqlValue x) => OnDouble(x, Math.Tanh);

    /// <summary>HYPOT(a, b): the hypotenuse, a double.</summary>
    public static EsqlValue Hypot(EsqlValue a, EsqlValue b) =>
        a.IsSingle && b.IsSingle && a.IsNumeric && b.IsNumeric ? EsqlValue.Double(Hypotenuse(a.AsDouble, b.AsDouble)) : EsqlValue.Null;

    private static double Hypotenuse(double a, double b)
    {
        a = Math.Abs(a);
        b = Math.Abs(b);
        double max = Math.Max(a, b), min = Math.Min(a, b);
        if (max == 0) return 0;
        double ratio = min / max;
        return max * Math.Sqrt(1 + ratio * ratio);
    }
}
