namespace RuleGen.Generator.Languages.Sigma
{
    /// <summary>A Sigma condition that cannot be parsed, or a legacy construct RuleGen does not compile, at offsets in the condition.</summary>
    internal sealed class SigmaConditionException : QuerySyntaxException
    {
        public SigmaConditionException(string message, int start, int length, bool notSupported = false)
            : base(message, start, length, notSupported)
        {
        }
    }
}
