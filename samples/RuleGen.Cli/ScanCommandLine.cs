using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;
using System.Linq;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;

namespace RuleGen.Cli;

/// <summary>
/// `rulegen scan`'s options and arguments, checked as they are parsed: a wrong value is a usage error (exit 2)
/// before anything is read. The values are mapped onto <see cref="ScanOptions"/>.
/// </summary>
internal static class ScanCommandLine
{
    private static readonly Dictionary<string, InputLayout> Formats = new(StringComparer.Ordinal)
    {
        ["auto"] = InputLayout.Detect,
        ["ndjson"] = InputLayout.NdJson,
        ["json"] = InputLayout.Json,
        ["records"] = InputLayout.Records,
    };

    private const long MinEventBytes = 1L << 10, MaxEventBytes = 1L << 30;

    public static Command Build(Stream stdout, bool interactive, TextWriter stderr)
    {
        var rule = new Option<string[]>("--rule")
        {
            HelpName = "RULE_ID_OR_NAME",
            Description = "Only this rule (its rule_id or name, any case); repeatable.",
        };
        rule.Validators.Add(result =>
        {
            Rules.CompiledRules.All.Select(result.GetValueOrDefault<string[]>() ?? Array.Empty<string>(), out IReadOnlyList<string> unknown);
            if (unknown.Count > 0) result.AddError($"no rule with id or name '{unknown[0]}' (see 'rulegen rules')");
        });
        rule.CompletionSources.Add(Rules.CompiledRules.All.Rules.Select(r => r.Metadata.RuleId).ToArray());

        var dataset = new Option<string>("--dataset")
        {
            HelpName = "NAME",
            Description = "The data stream of the events (e.g. aws.cloudtrail), which supplies event.dataset, event.module and " +
                "data_stream.* when documents lack them. Default: detected per event.",
            CustomParser = result =>
            {
                string value = result.Tokens[0].Value;
                if (string.IsNullOrWhiteSpace(value)) result.AddError("--dataset needs a data stream name, e.g. aws.cloudtrail");
                return value;
            },
        };

        var threads = new Option<int>("--threads")
        {
            HelpName = "N",
            Description = "Threads evaluating events, 1 to 1024. Default: every core.",
            CustomParser = result =>
            {
                string value = result.Tokens[0].Value;
                if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 1 and <= 1024) return n;
                result.AddError($"--threads takes a number from 1 to 1024, found '{value}'");
                return 0;
            },
        };

        var format = new Option<InputLayout>("--format")
        {
            HelpName = string.Join('|', Formats.Keys),
            Description = "How inputs are laid out: auto (detected from their first bytes), ndjson (one object per line), " +
                "json (documents one after another, arrays of them, {\"Records\":[...]}), records (raw CloudTrail). Default: auto.",
            CustomParser = result =>
            {
                string value = result.Tokens[0].Value;
                if (Formats.TryGetValue(value, out InputLayout layout)) return layout;
                result.AddError($"--format takes one of {string.Join(", ", Formats.Keys)}, found '{value}'");
                return InputLayout.Detect;
            },
        };
        // The library would offer the enum's own names (Detect, NdJson…); the option's words are these.
        format.CompletionSources.Clear();
        format.CompletionSources.Add(Formats.Keys.ToArray());

        var maxEventSize = new Option<long?>("--max-event-size")
        {
            HelpName = "SIZE",
            Description = "The largest event read (one line, array element or object); a larger one is reported and skipped. " +
                "Bytes, or with a unit: 512KiB, 64MiB (powers of 1024: K, M, G, KiB, MiB, GiB), 64MB (powers of 1000: KB, MB, GB). " +
                "From 1KiB to 1GiB. Default: 64MiB.",
            CustomParser = result =>
            {
                string value = result.Tokens[0].Value;
                if (ByteSize.TryParse(value, out long bytes) && bytes is >= MinEventBytes and <= MaxEventBytes) return bytes;
                result.AddError($"--max-event-size takes a size from 1KiB to 1GiB (e.g. 64MiB), found '{value}'");
                return null;
            },
        };

        var unordered = new Option<bool>("--unordered") { Description = "Write alerts as batches finish, not in input order." };
        var noPrefilter = new Option<bool>("--no-prefilter")
        {
            Description = "Parse every event, even those that hold none of the literals the rules require.",
        };

        var scheduleStart = new Option<long?>("--schedule-start")
        {
            Description = "Stateful rules: the time the rules were enabled (ISO 8601); the first execution is then, the next every interval. Default: epoch-aligned ticks.",
            CustomParser = result =>
            {
                string value = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (RuleGen.Runtime.Windows.EventTime.TryParse(value, out long ms)) return ms;
                result.AddError($"--schedule-start takes an ISO 8601 time (e.g. 2024-12-02T10:07:00Z), found '{value}'");
                return null;
            },
        };
        var forceTimestamp = new Option<bool>("--force-timestamp")
        {
            Description = "Stateful rules: window every event on @timestamp, not on the rule's timestamp_override field.",
        };

        var lateness = new Option<long?>("--lateness")
        {
            HelpName = "DURATION",
            Description = "Stateful rules, streaming: how late (in event time) an event may arrive and still join every window: " +
                "a tick is final once the latest event time seen minus this passes it; a later event is counted and joins only the windows still open. " +
                "0, or N with ms, s, m or h. Setting it streams any input; default for '-' and --follow: 5m.",
            CustomParser = result =>
            {
                string value = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (StreamingOptions.TryParseDuration(value, out long ms)) return ms;
                result.AddError($"--lateness takes a duration such as 0, 90s or 5m, found '{value}'");
                return null;
            },
        };
        var follow = new Option<bool>("--follow")
        {
            Description = "Read each FILE as it grows (as tail -f does), streaming stateful rules' alerts as ticks become final, until Ctrl-C or --idle.",
        };
        var idle = new Option<long?>("--idle")
        {
            HelpName = "DURATION",
            Description = "With --follow: stop following a file that has not grown for this long (N with ms, s, m or h). Default: follow until Ctrl-C.",
            CustomParser = result =>
            {
                string value = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (StreamingOptions.TryParseDuration(value, out long ms) && ms > 0) return ms;
                result.AddError($"--idle takes a duration such as 500ms, 10s or 1m, found '{value}'");
                return null;
            },
        };

        var files = new Argument<string[]>("FILE")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "NDJSON, JSON arrays, CloudTrail {\"Records\":[...]} files, any of them gzipped; - is standard input.",
        };
        files.Validators.Add(FileArguments.CheckNoneIsAnOption);

        var scan = new Command("scan", "Run the compiled rules over FILE...: alerts to stdout as NDJSON, problems and a summary to stderr.")
        {
            rule, dataset, threads, format, maxEventSize, unordered, noPrefilter, scheduleStart, forceTimestamp, lateness, follow, idle, files,
        };
        FileArguments.Require(scan, files, "no input files");
        scan.SetAction(parsed =>
        {
            string[] selectors = parsed.GetValue(rule) ?? Array.Empty<string>();
            RuleSet rules = selectors.Length == 0 ? Rules.CompiledRules.All : Rules.CompiledRules.All.Select(selectors, out _);
            using var interrupt = new Interrupt();
            var options = new ScanOptions
            {
                Dataset = parsed.GetValue(dataset),
                Threads = parsed.GetValue(threads),
                Ordered = !parsed.GetValue(unordered),
                Prefilter = !parsed.GetValue(noPrefilter),
                Layout = parsed.GetValue(format),
                MaxEventBytes = parsed.GetValue(maxEventSize) ?? ScanOptions.DefaultMaxEventBytes,
                // Following, SIGINT stops the following (an end of input), not the scan (FollowMode.Stop).
                Cancellation = parsed.GetValue(follow) ? System.Threading.CancellationToken.None : interrupt.Token,
            };
            string[] inputs = parsed.GetValue(files)!;
            bool following = parsed.GetValue(follow);
            long? allowed = parsed.GetValue(lateness);
            long? streamingLateness = StreamingOptions.IsStreaming(inputs, following, allowed) ? allowed ?? StreamingOptions.DefaultLatenessMs : null;
            var windows = new WindowOptions(parsed.GetValue(scheduleStart), parsed.GetValue(forceTimestamp), streamingLateness);
            FollowMode? followMode = following ? new FollowMode(parsed.GetValue(idle) is long ms ? TimeSpan.FromMilliseconds(ms) : null, interrupt.Token) : null;
            return ScanCommand.Run(inputs, rules, options, stdout, interactive, stderr, windows, followMode);
        });
        return scan;
    }
}
