namespace RuleGen.Generator.Ir
{
    /// <summary>The JSON type of a literal in a rule: what the front end decided the written value is.</summary>
    internal enum LiteralKind { String, Number, Boolean, Null }
}
