using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RuleGen.Generator.Emitting;
using RuleGen.Generator.Languages.Esql.Types;
using RuleGen.Generator.Limits;

namespace RuleGen.Generator.Languages.Esql.Patterns
{
    /// <summary>
    /// Compiles an ES|QL GROK pattern at build time (docs/esql-grok-dissect.md): expands the grok references with
    /// Elasticsearch's ECS v1 pattern library (<see cref="GrokExpander"/>), rewrites the Oniguruma regex into .NET
    /// syntax (<see cref="OnigurumaTranslator"/>), checks that .NET accepts it, and lists the columns. Never throws:
    /// every fault, limits included, is a result with an error and an offset in the pattern.
    /// </summary>
    internal static class GrokCompiler
    {
        /// <summary>The options the runtime builds the regex with (GrokPattern): Ruby's ^ and $ are line anchors.</summary>
        internal const RegexOptions Options = RegexOptions.ExplicitCapture | RegexOptions.Multiline | RegexOptions.CultureInvariant;

        public static GrokCompileResult Compile(string pattern) => Compile(pattern, null);

        /// <summary>Compiles with <paramref name="extraPatterns"/> looked up before the built-in library.</summary>
        internal static GrokCompileResult Compile(string pattern, IReadOnlyDictionary<string, string>? extraPatterns)
        {
            try
            {
                if (pattern.Length > RuleLimits.RegexLength)
                    return GrokCompileResult.Failure($"The grok pattern is too long (limit {RuleLimits.RegexLength} characters)", RuleLimits.RegexLength);
                var expander = new GrokExpander(extraPatterns);
                expander.Expand(pattern);
                var translator = new OnigurumaTranslator(expander.Text, expander.Offsets, expander.Captures);
                string dotNet = translator.Translate();
                try
                {
                    _ = new Regex(dotNet, Options);
                }
                catch (ArgumentException e)
                {
                    return GrokCompileResult.Failure("The grok pattern is not a valid regular expression: " + e.Message, 0);
                }
                return new GrokCompileResult(dotNet, translator.GroupNames, translator.GroupTypes, Columns(translator), null, -1);
            }
            catch (GrokException e)
            {
                return GrokCompileResult.Failure(e.Message, e.Offset);
            }
            catch (LimitExceededException e)
            {
                return GrokCompileResult.Failure(e.Message, e.Start < 0 ? 0 : e.Start);
            }
        }

        /// <summary>
        /// The C# expression that builds the runtime pattern, for a compiled result:
        /// <c>new global::RuleGen.Runtime.Pipeline.Patterns.GrokPattern("…", new string[] {…}, new EsqlType[] {…})</c>.
        /// </summary>
        public static string ConstructExpression(GrokCompileResult result)
        {
            if (!result.Succeeded) throw new InvalidOperationException("A failed grok pattern has no runtime form: " + result.Error);
            string names = string.Join(", ", result.GroupNames.Select(CSharp.String));
            string types = string.Join(", ", result.GroupTypes.Select(t => CSharp.Runtime + ".Pipeline.EsqlType." + t));
            return $"new {CSharp.Runtime}.Pipeline.Patterns.GrokPattern({CSharp.String(result.DotNetPattern)}, "
                + $"new string[] {{ {names} }}, new {CSharp.Runtime}.Pipeline.EsqlType[] {{ {types} }})";
        }

        /// <summary>
        /// The columns, one per distinct name, sorted by name with Java's String order (UTF-16 ordinal), as ES|QL's
        /// Grok.extractedFields sorts them; a name used twice gives one (multivalued) column typed by its first use.
        /// </summary>
        private static List<GrokCapture> Columns(OnigurumaTranslator translator)
        {
            var seen = new Dictionary<string, GrokCapture>(StringComparer.Ordinal);
            for (int i = 0; i < translator.GroupNames.Count; i++)
                if (!seen.ContainsKey(translator.GroupNames[i]))
                    seen.Add(translator.GroupNames[i], new GrokCapture(translator.GroupNames[i], translator.GroupTypes[i]));
            return seen.Values.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        }
    }
}
