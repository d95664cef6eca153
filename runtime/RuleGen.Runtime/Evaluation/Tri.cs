namespace RuleGen.Runtime;

/// <summary>
/// A three-valued truth value (TRUE, FALSE, NULL) as in ES|QL's WHERE. Its <c>&amp;&amp;</c>, <c>||</c> and
/// <c>!</c> are SQL's AND, OR and NOT: <c>&amp;&amp;</c> stops at FALSE, <c>||</c> stops at TRUE, and NULL
/// otherwise spreads. A rule fires only when its condition is TRUE.
/// </summary>
public readonly struct Tri : System.IEquatable<Tri>
{
    private const byte FalseValue = 0, TrueValue = 1, NullValue = 2;

    private readonly byte _value;

    private Tri(byte value) => _value = value;

    public static Tri True => new(TrueValue);

    public static Tri False => new(FalseValue);

    public static Tri Null => new(NullValue);

    public static Tri From(bool value) => value ? True : False;

    /// <summary>NULL as FALSE: a leaf whose semantics make a missing value FALSE over an operator that gives NULL.</summary>
    public Tri OrFalse() => _value == NullValue ? False : this;

    /// <summary><paramref name="result"/>, or NULL when <paramref name="missing"/>: a missing-is-NULL leaf over an operator that never is.</summary>
    public static Tri NullIf(bool missing, Tri result) => missing ? Null : result;

    public bool IsTrue => _value == TrueValue;

    public bool IsFalse => _value == FalseValue;

    public bool IsNull => _value == NullValue;

    public static Tri operator &(Tri a, Tri b) =>
        a._value == FalseValue || b._value == FalseValue ? False : a._value == TrueValue && b._value == TrueValue ? True : Null;

    public static Tri operator |(Tri a, Tri b) =>
        a._value == TrueValue || b._value == TrueValue ? True : a._value == FalseValue && b._value == FalseValue ? False : Null;

    public static Tri operator !(Tri a) => a._value == NullValue ? Null : a._value == TrueValue ? False : True;

    // With these, C#'s a && b is "false(a) ? a : a & b" and a || b is "true(a) ? a : a | b": short-circuit 3VL.
    public static bool operator true(Tri a) => a._value == TrueValue;

    public static bool operator false(Tri a) => a._value == FalseValue;

    public bool Equals(Tri other) => _value == other._value;

    public override bool Equals(object? obj) => obj is Tri other && Equals(other);

    public override int GetHashCode() => _value;

    public static bool operator ==(Tri a, Tri b) => a._value == b._value;

    public static bool operator !=(Tri a, Tri b) => a._value != b._value;

    public override string ToString() => _value switch { TrueValue => "TRUE", FalseValue => "FALSE", _ => "NULL" };
}
