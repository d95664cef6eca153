using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using RuleGen.Cli;
using RuleGen.Runtime;
using RuleGen.Runtime.Windows;
using Xunit;

namespace RuleGen.Tests.Windows;

/// <summary>
/// Four of Elastic's new_terms rules as they are in rules/ (imported from the pack), compiled by the generator and
/// scanned with <c>rulegen scan</c>'s own code over the MADE streams of Data/new_terms.
/// </summary>
internal static class NewTermsScan
{
    public const string Namespace = "NewTermsScan.Rules";

    public const string GetCallerIdentity = "30fbf4db-c502-4e68-a239-2e99af0f70da";
    public const string RoleAssumptionByService = "93075852-b0f5-4b8b-89c3-a226efae5726";
    public const string AssumeRolePolicyUpdate = "a60326d7-dca7-4fb7-93eb-1ca03a1febbd";
    public const string SecretValue = "a00681e3-9ed6-447c-ab2c-be648821c622";

    public static readonly string[] RuleFiles =
    {
        "discovery_new_terms_sts_getcalleridentity.yml",
        "privilege_escalation_role_assumption_by_service.yml",
        "privilege_escalation_iam_update_assume_role_policy.yml",
        "credential_access_new_terms_secretsmanager_getsecretvalue.yml",
    };

    private static readonly Lazy<RuleSet> s_rules = new(() => GeneratorHarness.Load(GeneratorHarness.Run(
        GeneratorHarness.RepositoryFields().Concat(RuleFiles.Select(f => new InMemoryRuleFile("/repo/rules/" + f, File.ReadAllText(Repository.Path("rules", f))))),
        Namespace), Namespace));

    public static RuleSet Rules => s_rules.Value;

    public sealed record Alert(JsonElement Json)
    {
        public string RuleId => Json.GetProperty("kibana.alert.rule.rule_id").GetString()!;
        public string Id => Json.GetProperty("kibana.alert.uuid").GetString()!;
        public string Tick => Json.GetProperty("@timestamp").GetString()!;
        public string OriginalTime => Json.GetProperty("kibana.alert.original_time").GetString()!;
        public string[] Terms => Json.GetProperty("kibana.alert.new_terms").EnumerateArray().Select(v => v.GetString()!).ToArray();
        public string Document => Json.GetProperty("event.id").GetString()!;
        public string File => Json.GetProperty("rulegen.input.file").GetString()!;

        /// <summary>Tick, terms and document: what a test states by hand.</summary>
        public string Brief => $"{Tick} [{string.Join(", ", Terms)}] {Document}";
    }

    public static (Alert[] Alerts, string Summary) Scan(string[] files, WindowOptions? windows = null, int threads = 2)
    {
        (JsonElement[] alerts, string summary) = InProcessScan.Run(files, Rules, windows, threads);
        return (alerts.Select(a => new Alert(a)).ToArray(), summary);
    }

    public static (Alert[] Alerts, string Summary) ScanMade(params string[] madeFiles) => Scan(madeFiles.Select(f => Repository.Data("new_terms", f)).ToArray());

    public static long Ms(string iso) => EventTime.TryParse(iso, out long t) ? t : throw new FormatException(iso);

    /// <summary>Kibana's id for an alert on <paramref name="terms"/> first carried by the document <paramref name="eventId"/> of <paramref name="file"/>.</summary>
    public static string IdOf(string file, string eventId, string ruleId, params string[] terms) =>
        NewTermsAlertId.Of(file, eventId, "1", "default:" + ruleId, terms);
}
