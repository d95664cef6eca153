using System;
using System.Collections.Generic;

namespace RuleGen.Runtime;

/// <summary>
/// One of a rule's fields and the values it must hold, exactly and as a single value, for the rule's condition to be
/// TRUE (from a top-level <c>field == "x"</c> or <c>field IN ("x", "y")</c>, found at build time), or, with
/// <see cref="OrElse"/>, one of several such fields.
/// </summary>
public sealed class DispatchKey
{
    public DispatchKey(int field, params string[] values) : this(field, false, values)
    {
    }

    public DispatchKey(int field, bool ignoreCase, params string[] values) : this(field, ignoreCase, System.Array.Empty<string>(), values)
    {
    }

    public DispatchKey(int field, bool ignoreCase, string[] prefixes, params string[] values)
    {
        Field = field;
        IgnoreCase = ignoreCase;
        Prefixes = prefixes;
        Values = values;
    }

    /// <summary>Starts of values that also reach the rule (a <c>"Delete*"</c> pattern): the value starts with one of them.</summary>
    public IReadOnlyList<string> Prefixes { get; }

    /// <summary>Whether the key's values match case-insensitively (folded as the rule's leaf folds them).</summary>
    public bool IgnoreCase { get; }

    /// <summary>The rule's field number (an index into <see cref="CompiledRule.Fields"/>).</summary>
    public int Field { get; }

    public IReadOnlyList<string> Values { get; }

    /// <summary>
    /// Another key that reaches the rule too: the rule's condition holds only when one key of the chain does (an OR
    /// keyed on different fields, such as a Sigma rule's raw and ECS branches). Null: this key alone.
    /// </summary>
    public DispatchKey? OrElse { get; init; }
}
