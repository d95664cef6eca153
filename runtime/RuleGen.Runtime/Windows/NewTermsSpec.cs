using System;
using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// A new_terms rule's parameters as Kibana reads them: 1–3 <c>new_terms_fields</c> whose value combinations must be new,
/// <c>history_window_start</c> (date math such as <c>now-7d</c>, with now = the run's <c>to</c>), <c>max_signals</c>,
/// and RuleGen's cap on the terms one rule holds as history (docs/new-terms.md).
/// </summary>
public sealed class NewTermsSpec : StatefulSpec
{
    /// <summary>The most distinct terms one rule keeps as history; past it a term is not recorded (counted in CapsHit).</summary>
    public const int DefaultMaxTerms = 1_000_000;

    public NewTermsSpec(string ruleId, IReadOnlyList<string> fields, string historyWindowStart, int maxSignals = 100, int maxTerms = DefaultMaxTerms)
        : base(ruleId, maxSignals)
    {
        if (fields.Count is < 1 or > 3) throw new ArgumentOutOfRangeException(nameof(fields), "A new_terms rule has 1 to 3 fields.");
        if (maxTerms < 1) throw new ArgumentOutOfRangeException(nameof(maxTerms), "The term cap is at least 1.");
        Fields = fields;
        HistoryWindowStart = historyWindowStart;
        History = NewTermsHistoryStart.Parse(historyWindowStart);
        MaxTerms = maxTerms;
    }

    public override string Kind => "new_terms";

    public IReadOnlyList<string> Fields { get; }

    /// <summary>The rule's text, e.g. <c>now-10d</c>.</summary>
    public string HistoryWindowStart { get; }

    /// <summary>The same, as a function of the run's <c>to</c>.</summary>
    public NewTermsHistoryStart History { get; }

    public int MaxTerms { get; }

    /// <summary>
    /// alert_suppression, or null: each new-term alert then passes through <see cref="SuppressionPersistence"/>, grouped
    /// by the whole arrays of its document's group_by values (wrap_suppressed_new_terms_alerts.ts, docs/alert-suppression.md).
    /// </summary>
    public SuppressionSettings? Suppression { get; init; }

    /// <summary>The hit with every value of each new-terms field, read from the kept columns (StatefulKeep keeps them).</summary>
    public override StageHit? Hit(RuleMatch match, WindowOptions options)
    {
        var groups = new IReadOnlyList<string>[Fields.Count];
        for (int i = 0; i < groups.Length; i++) groups[i] = StageHit.Terms(match, Fields[i]);
        return StageHit.From(match, options, groups);
    }

    public override IWindowExecutor CreateExecutor(TickSchedule schedule) => new NewTermsExecutor(this, schedule);
}
