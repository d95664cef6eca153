namespace RuleGen.Generator.Languages
{
    /// <summary>
    /// What every front end's syntax node knows: where it came from in the query text (offsets into the query string,
    /// not the rule file), so binders can point at the exact token. Each language derives its own node type from it, so
    /// a tree of one language cannot hold another's nodes.
    /// </summary>
    internal abstract class SyntaxNode
    {
        protected SyntaxNode(int start, int length)
        {
            Start = start;
            Length = length;
        }

        public int Start { get; }

        public int Length { get; }

        public int End => Start + Length;
    }
}
