using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Model;

namespace RuleGen.Generator.Languages.Sigma.Fields
{
    // A pySigma processing pipeline (YAML) as RuleGen reads it. The format is pySigma's (SigmaHQ/pySigma,
    // docs/Processing_Pipelines.rst, sigma/processing/pipeline.py, transformations/*.py, conditions/*.py): root keys
    // name, priority, vars, transformations; each transformation item has id, type, its parameters, and
    // rule_conditions / field_name_conditions with *_cond_op (and | or, default and) and *_cond_not. Every record
    // keeps the place it was read from, for the binder's diagnostics. Records compare by value (incremental caching).

    /// <summary>A whole pipeline file. Lower priorities apply first; pySigma's default priority is 0.</summary>
    internal sealed record SigmaPipeline(string? Name, int Priority, EquatableArray<PipelineVariable> Variables, EquatableArray<PipelineItem> Items, LocationInfo Location);

    /// <summary>An entry of <c>vars</c>: the values a value_placeholders transformation puts in for %name%.</summary>
    internal sealed record PipelineVariable(string Name, EquatableArray<string> Values, LocationInfo Location);

    /// <summary>One item of <c>transformations</c>: what it does and when it applies.</summary>
    internal sealed record PipelineItem(string? Id, PipelineTransformation Transformation, PipelineConditions RuleConditions, PipelineConditions FieldNameConditions, LocationInfo Location);

    /// <summary>Whether <c>*_cond_op</c> joins the conditions with and (pySigma's <c>all</c>, the default) or or (<c>any</c>).</summary>
    internal enum ConditionLinking
    {
        And,
        Or,
    }

    /// <summary>
    /// A condition list as pySigma evaluates it: the conditions joined by <see cref="Linking"/>, the result negated
    /// when <see cref="Negated"/> (<c>*_cond_not</c>), and an empty list always true, negated or not
    /// (<c>return not self.rule_conditions or cond_result</c> in pipeline.py).
    /// </summary>
    internal sealed record PipelineConditions(EquatableArray<PipelineCondition> Conditions, ConditionLinking Linking, bool Negated)
    {
        public static readonly PipelineConditions None = new(EquatableArray<PipelineCondition>.Empty, ConditionLinking.And, false);

        public bool Matches(System.Func<PipelineCondition, bool> test)
        {
            if (Conditions.IsEmpty) return true;
            bool result = Linking == ConditionLinking.And;
            foreach (PipelineCondition condition in Conditions)
            {
                bool one = test(condition);
                if (Linking == ConditionLinking.And && !one) { result = false; break; }
                if (Linking == ConditionLinking.Or && one) { result = true; break; }
            }
            return result != Negated;
        }
    }

    /// <summary>A rule or field-name condition.</summary>
    internal abstract record PipelineCondition(LocationInfo Location);

    /// <summary><c>type: logsource</c>: each given attribute must equal the rule's; an attribute left out matches anything.</summary>
    internal sealed record LogsourceCondition(string? Category, string? Product, string? Service, LocationInfo Location) : PipelineCondition(Location);

    /// <summary><c>type: tag</c>: the rule carries this tag (namespace.name, as written).</summary>
    internal sealed record TagCondition(string Tag, LocationInfo Location) : PipelineCondition(Location);

    /// <summary>
    /// <c>type: include_fields</c> / <c>exclude_fields</c>: the field name is (is not) one of <see cref="Fields"/>,
    /// compared as plain text or, with <c>mode: re</c>, as regular expressions anchored at the start (Python's re.match).
    /// </summary>
    internal sealed record FieldListCondition(bool Exclude, EquatableArray<string> Fields, bool Regex, LocationInfo Location) : PipelineCondition(Location);

    /// <summary>A transformation of the rule pre-processing stage.</summary>
    internal abstract record PipelineTransformation(LocationInfo Location);

    /// <summary>A source field (or prefix) and the fields it becomes: more than one is an OR over them.</summary>
    internal sealed record FieldMappingEntry(string Source, EquatableArray<string> Targets, LocationInfo Location);

    /// <summary><c>field_name_mapping</c>: exact field names replaced; a field not listed stays as it is.</summary>
    internal sealed record FieldNameMapping(EquatableArray<FieldMappingEntry> Entries, LocationInfo Location) : PipelineTransformation(Location);

    /// <summary><c>field_name_prefix_mapping</c>: the first listed prefix the field starts with is replaced, the rest kept.</summary>
    internal sealed record FieldNamePrefixMapping(EquatableArray<FieldMappingEntry> Entries, LocationInfo Location) : PipelineTransformation(Location);

    /// <summary>A value of add_condition as written; <see cref="Text"/> is null for YAML null (the field must be absent or null).</summary>
    internal sealed record PipelineValue(string? Text);

    /// <summary>One field: value pair of add_condition; a list of values is an OR.</summary>
    internal sealed record AddedCondition(string Field, EquatableArray<PipelineValue> Values, LocationInfo Location);

    /// <summary><c>add_condition</c>: ANDs field = value conditions to the rule (negated: AND NOT); template: values are templates.</summary>
    internal sealed record AddCondition(EquatableArray<AddedCondition> Conditions, bool Template, bool Negated, LocationInfo Location) : PipelineTransformation(Location);

    /// <summary><c>change_logsource</c>: replaces the rule's logsource attributes that are given.</summary>
    internal sealed record ChangeLogsource(string? Category, string? Product, string? Service, LocationInfo Location) : PipelineTransformation(Location);

    /// <summary><c>value_placeholders</c>: %name% in values replaced by the pipeline variable's values (include/exclude restrict which names; mutually exclusive).</summary>
    internal sealed record ValuePlaceholders(EquatableArray<string> Include, EquatableArray<string> Exclude, LocationInfo Location) : PipelineTransformation(Location);

    /// <summary><c>drop_detection_item</c>: removes the detection items its conditions select.</summary>
    internal sealed record DropDetectionItem(LocationInfo Location) : PipelineTransformation(Location);

    /// <summary>A problem in a pipeline file, at its place: never silently ignored.</summary>
    internal sealed record PipelineError(string Message, LocationInfo Location);

    /// <summary>What reading gives: the pipeline (null when the file is unusable) and every error found.</summary>
    internal sealed record PipelineReadResult(SigmaPipeline? Pipeline, EquatableArray<PipelineError> Errors);
}
