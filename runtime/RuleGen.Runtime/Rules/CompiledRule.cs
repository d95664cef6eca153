using System;
using System.Collections.Generic;

namespace RuleGen.Runtime;

/// <summary>
/// The base of every generated rule class: its metadata, the fields its condition reads, its KEEP columns, and
/// the condition itself (generated).
/// </summary>
public abstract class CompiledRule
{
    private readonly string[] _fields;
    private readonly string[] _keep;

    protected CompiledRule(RuleMetadata metadata, string[] fields, string[] keep, string[]? requiredLiterals = null, DispatchKey? dispatch = null,
        string[]? requiredLiteralsIgnoringCase = null)
    {
        Metadata = metadata;
        _fields = fields;
        _keep = keep;
        RequiredLiterals = requiredLiterals ?? (requiredLiteralsIgnoringCase is null ? null : Array.Empty<string>());
        RequiredLiteralsIgnoringCase = requiredLiterals is null && requiredLiteralsIgnoringCase is null ? null : requiredLiteralsIgnoringCase ?? Array.Empty<string>();
        Dispatch = dispatch;
    }

    /// <summary>The equality the runtime indexes this rule by, or null (then every event reaches it).</summary>
    public DispatchKey? Dispatch { get; }

    public RuleMetadata Metadata { get; }

    /// <summary>The fields the condition reads; <c>e[i]</c> in <see cref="Evaluate"/> is field i.</summary>
    public IReadOnlyList<string> Fields => _fields;

    /// <summary>The KEEP columns, in order; may hold wildcards such as <c>source.geo.*</c>.</summary>
    public IReadOnlyList<string> Keep => _keep;

    /// <summary>
    /// Literals found at build time, one of which an event's bytes must hold for the condition to be TRUE (unless
    /// the event contains a \u escape); null when there are none. An empty list: the rule can never fire.
    /// </summary>
    public IReadOnlyList<string>? RequiredLiterals { get; }

    /// <summary>
    /// With <see cref="RequiredLiterals"/>: literals that count when found with ASCII case folded (ASCII only; an
    /// event with a non-ASCII byte is evaluated by such a rule, since it may fold to ASCII). Null exactly when
    /// <see cref="RequiredLiterals"/> is.
    /// </summary>
    public IReadOnlyList<string>? RequiredLiteralsIgnoringCase { get; }

    /// <summary>
    /// A stateful rule's window stage (null for a single-event rule): its matches are not alerts but stage hits, which
    /// the rule's ordered window stage turns into alerts (docs/tick-engine.md; threshold, new_terms, sequences…).
    /// </summary>
    public virtual Windows.StatefulSpec? Stateful => null;

    /// <summary>
    /// An ES|QL query's commands after its filter (EVAL, STATS, MV_EXPAND, …), compiled; null for a rule that is only
    /// its condition. The evaluator runs it on each event the condition keeps, or hands the event's row to the rule's
    /// window stage when it runs per tick (docs/esql-pipeline.md).
    /// </summary>
    public virtual Pipeline.EsqlPipeline? Pipeline => null;

    /// <summary>The rule's condition on one event; the rule fires when it is TRUE.</summary>
    public abstract Tri Evaluate(EventView e);

    /// <summary>
    /// For a stateful rule whose condition is the OR of several stages (an EQL sequence): which of them the event
    /// matches, bit i for stage i (a sequence's until stage is the bit after its last stage). The evaluator calls it
    /// only for a stateful rule whose <see cref="Evaluate"/> was TRUE, and carries it on <see cref="RuleMatch.StageMask"/>;
    /// a rule with one stage has only bit 0.
    /// </summary>
    public virtual ulong StageMask(EventView e) => 1UL;

    public override string ToString() => $"{Metadata.Name} ({Metadata.RuleId})";
}
