using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace RuleGen.Generator.Emitting
{
    /// <summary>
    /// C# names made from rule names and KEEP columns, and the names they must not take: those of the types and
    /// members the generator writes itself, and keywords. One place, so the class names of rules and the property
    /// names of alerts follow the same rules.
    /// </summary>
    internal static class GeneratedNames
    {
        /// <summary>Longer names are cut (C# rejects identifiers over 512 characters, CS0645).</summary>
        public const int MaxLength = 200;

        /// <summary>Types the generator writes into the rules' namespace besides the rule classes.</summary>
        public static readonly string[] NamespaceTypes = { "CompiledRules" };

        /// <summary>Members every rule class declares: a class of the same name is CS0542.</summary>
        public static readonly string[] RuleMembers = { "Alert", "Instance", "Evaluate", "ToAlert" };

        /// <summary>Members of a rule's <c>Alert</c> record besides its column properties (declared, synthesised or inherited).</summary>
        public static readonly string[] AlertMembers =
        {
            "Alert", "Match", "Columns", "EqualityContract", "Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct",
            "GetType", "MemberwiseClone", "Finalize", "ReferenceEquals",
        };

        /// <summary>
        /// A PascalCase identifier from any text: ASCII letters and digits are kept, everything else starts a new word;
        /// with <paramref name="acronymsAsWords"/>, "AWS IAM" becomes AwsIam. Empty or leading-digit results get
        /// <paramref name="prefix"/>. <paramref name="cut"/> says whether the result was cut to <see cref="MaxLength"/>.
        /// </summary>
        public static string Identifier(string text, bool acronymsAsWords, string prefix, out bool cut)
        {
            var name = new StringBuilder();
            bool upperNext = true;
            char previous = ' ';
            foreach (char c in text)
            {
                if (c < 128 && char.IsLetterOrDigit(c))
                {
                    if (upperNext) name.Append(char.ToUpperInvariant(c));
                    else name.Append(acronymsAsWords && char.IsUpper(c) && char.IsUpper(previous) ? char.ToLowerInvariant(c) : c);
                    upperNext = false;
                }
                else
                {
                    upperNext = true;
                }
                previous = c;
            }
            if (name.Length == 0 || char.IsDigit(name[0])) name.Insert(0, prefix);
            cut = name.Length > MaxLength;
            if (cut) name.Length = MaxLength;
            return name.ToString();
        }

        public static bool IsKeyword(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None;
    }
}
