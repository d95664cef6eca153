using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using RuleGen.Runtime.Windows;

namespace RuleGen.Tests.Windows;

/// <summary>
/// Reads the MADE NDJSON streams of Data/threshold (flat dotted keys) into stage hits, as the scan workers would hand
/// them to the window stage: only events the rule's filter keeps, T = override else @timestamp.
/// </summary>
internal static class MadeStream
{
    public sealed record Event(string File, long Line, Dictionary<string, string[]> Fields)
    {
        public string? One(string field) => Fields.TryGetValue(field, out string[]? v) && v.Length > 0 ? v[0] : null;

        public IReadOnlyList<string> All(string field) => Fields.TryGetValue(field, out string[]? v) ? v : Array.Empty<string>();
    }

    public static List<Event> Read(params string[] files)
    {
        var events = new List<Event>();
        foreach (string file in files)
        {
            long line = 0;
            foreach (string text in File.ReadLines(Repository.Data("threshold", file)))
            {
                line++;
                using JsonDocument doc = JsonDocument.Parse(text);
                var fields = new Dictionary<string, string[]>(StringComparer.Ordinal);
                foreach (JsonProperty p in doc.RootElement.EnumerateObject())
                    fields[p.Name] = p.Value.ValueKind == JsonValueKind.Array
                        ? p.Value.EnumerateArray().Select(v => v.ToString()).ToArray()
                        : new[] { p.Value.ToString() };
                events.Add(new Event(file, line, fields));
            }
        }
        return events;
    }

    public static StageHit? Hit(Event e, ThresholdSpec spec, string? timestampOverride = "event.ingested", bool forceTimestamp = false)
    {
        string? timestamp = e.One("@timestamp");
        if (!EventTime.TryChoose(timestampOverride is null ? null : e.One(timestampOverride), timestamp, forceTimestamp, out long t)) return null;
        return new StageHit(t, timestamp, StageHit.IdentityOf(e.One("_id"), e.One("event.id"), e.File, e.Line), e.File, e.Line,
            spec.Fields.Select(e.All).ToArray(),
            spec.CardinalityField is null ? Array.Empty<string>() : e.All(spec.CardinalityField)) { };
    }

    public static WindowStageResult Run(IEnumerable<Event> events, Func<Event, bool> filter, ThresholdSpec spec, TickSchedule schedule,
        bool forceTimestamp = false)
    {
        var stage = new WindowStage(spec, schedule);
        foreach (Event e in events)
            if (filter(e) && Hit(e, spec, forceTimestamp: forceTimestamp) is StageHit hit) stage.Add(hit);
        return stage.Run();
    }

    /// <summary>Runs an offline stage to its horizon: its threshold alerts in tick order, ticks run and peak state.</summary>
    public static WindowStageResult Run(this WindowStage stage)
    {
        List<WindowAlert> alerts = stage.Finish();
        return new WindowStageResult(alerts.Cast<ThresholdAlert>().ToList(), stage.Counters.Ticks, stage.Counters.PeakState);
    }

    public static long Ms(string iso) => EventTime.TryParse(iso, out long t) ? t : throw new FormatException(iso);
}

/// <summary>What one offline threshold stage did: its alerts in tick order, the ticks it ran, the most state it held.</summary>
public sealed record WindowStageResult(IReadOnlyList<ThresholdAlert> Alerts, long Ticks, long PeakState);
