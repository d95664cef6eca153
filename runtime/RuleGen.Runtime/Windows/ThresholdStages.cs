using System.Collections.Generic;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// One window stage per threshold rule of the scan: takes those rules' matches (any thread, any order) and, once every
/// input is read, replays each rule's schedule and writes its alerts, rule by rule in tick order. In the runtime, not
/// the CLI, so an application embedding the detectors runs threshold rules as `rulegen scan` does: route every
/// <see cref="RuleMatch"/> through <see cref="Take"/>, then call <see cref="WriteAlerts"/> after the last input.
/// </summary>
public sealed class ThresholdStages
{
    private readonly WindowOptions _options;
    private readonly Dictionary<CompiledRule, WindowStage> _stages = new();
    private readonly object _gate = new();

    public ThresholdStages(WindowOptions options) => _options = options;

    public int Rules => _stages.Count;

    public long Ticks { get; private set; }

    public long Hits { get; private set; }

    /// <summary>Every match of a threshold rule, with a usable time or not: none of them is an alert itself.</summary>
    public long Taken { get; private set; }

    public long PeakState { get; private set; }

    /// <summary>The threshold alerts written (the scanner counted the stage hits as matches instead).</summary>
    public long Alerts { get; private set; }

    /// <summary>True when the match belongs to a threshold rule (then it is a stage hit, not an alert).</summary>
    public bool Take(RuleMatch match)
    {
        if (match.Rule.Threshold is not ThresholdSpec spec) return false;
        lock (_gate) Taken++;
        if (ThresholdHits.From(match, spec, _options.ForceTimestamp) is not StageHit hit) return true;
        WindowStage? stage;
        lock (_gate)
        {
            if (!_stages.TryGetValue(match.Rule, out stage))
                _stages[match.Rule] = stage = new WindowStage(spec, RuleSchedule.Of(match.Rule.Metadata, _options.ScheduleStartMs));
            Hits++;
        }
        stage.Add(hit);
        return true;
    }

    public void WriteAlerts(AlertWriter writer, Dictionary<string, long> perRule)
    {
        // By rule name, then id: the same order whatever order the rules' first hits arrived in.
        var ordered = new List<KeyValuePair<CompiledRule, WindowStage>>(_stages);
        ordered.Sort((a, b) =>
        {
            int c = string.CompareOrdinal(a.Key.Metadata.Name, b.Key.Metadata.Name);
            return c != 0 ? c : string.CompareOrdinal(a.Key.Metadata.RuleId, b.Key.Metadata.RuleId);
        });
        foreach (KeyValuePair<CompiledRule, WindowStage> pair in ordered)
        {
            WindowStageResult result = pair.Value.Run();
            Ticks += result.Ticks;
            PeakState += result.PeakState;
            Alerts += result.Alerts.Count;
            foreach (ThresholdAlert alert in result.Alerts) writer.Write(pair.Key, alert);
            if (result.Alerts.Count > 0) perRule[pair.Key.Metadata.Name] = perRule.GetValueOrDefault(pair.Key.Metadata.Name) + result.Alerts.Count;
        }
    }
}
