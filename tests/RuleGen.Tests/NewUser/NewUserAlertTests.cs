using System;
using System.Linq;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Xunit;

namespace RuleGen.Tests.NewUser;

/// <summary>
/// The new user's rules over MADE streams (Data/newuser, MANIFEST.txt). Every expected alert below is derived by hand
/// from the kind's Elastic/Sigma semantics, before running: ticks are epoch-aligned every 5m (the rules' default
/// interval), each sees [t_k + from, t_k] closed, T = event.ingested (the rules' timestamp_override; the MADE events
/// are ingested 5 s after @timestamp) except for the MFA rule (no override) and the Sigma rule (@timestamp).
/// Brief form: rule @tick kind orig=original_time values.
/// </summary>
public class NewUserAlertTests
{
    private static string[] Briefs(string file) => NewUserRules.Scan(file).Alerts.Select(NewUserAlerts.Brief).ToArray();

    private static string Summary(string file) => NewUserRules.Scan(file).Summary;

    [Fact]
    public void OktaLockoutsAlertOnceForTheActorLockedThreeTimesWithin180Minutes()
    {
        // alice locked at T 10:01:05, 10:31:05, 11:02:05: the first window holding all three is tick 11:05 ([08:05, 11:05]);
        // original_time = the bucket's latest T (Kibana's max_timestamp on the override field). Her later locks
        // (12:00:05, 12:10:05) are after the signal history's 11:02:05 but only two. carol's three (08:00:05, 10:00:05,
        // 11:01:05) never fit in one 180m window (t ≥ 11:01:05 and t − 180m ≤ 08:00:05 cannot both hold); bob has two;
        // dave's event is a session start.
        Assert.Equal(new[] { "Attempts to Brute Force an Okta User Account @2024-06-02T11:05:00.000Z alert orig=2024-06-02T11:02:05.000Z count=3 terms=alice@example.com" },
            Briefs("made-okta-lockouts.ndjson"));
    }

    [Fact]
    public void OktaFailedLoginsAlertForTheSourceWithTwentyFiveFailuresInOneLookBack()
    {
        // 198.51.100.9: 30 failures, T 10:00:05 … 10:02:30: all in tick 10:05 ([09:59, 10:05]), none in 10:00 or 10:10.
        // 203.0.113.50: 24 in tick 10:05, its 25th (T 10:07:05) alone in tick 10:10 ([10:04, 10:10]). 192.0.2.77: successes.
        Assert.Equal(new[] { "Okta Brute Force or Password Spraying Attack @2024-06-02T10:05:00.000Z alert orig=2024-06-02T10:02:30.000Z count=30 terms=198.51.100.9" },
            Briefs("made-okta-failed-logins.ndjson"));
    }

    [Fact]
    public void OktaProxySessionsAlertOnEachActorsFirstSessionInSevenDays()
    {
        // history start = t_k − 7d, new iff no match in [h_k, from_k]. dave 05-20 (tick 05-20T10:05) and again 06-02: the
        // 05-20 session is older than 7 days, so new again; his 06-02 document (T 10:04:05) is also in tick 10:10's window
        // ([10:04, 10:10], T > from_k) with the same id: dropped as a repeat. alice's 06-02 session has her 06-01 one in
        // its history. bob's two sessions in one window: one alert, on the first (okta-094). carol: is_proxy false.
        // original_time = the copied document's @timestamp.
        Assert.Equal(new[]
        {
            "First Occurrence of Okta User Session Started via Proxy @2024-05-20T10:05:00.000Z alert orig=2024-05-20T10:00:00.000Z new=00u4dave doc=okta-097",
            "First Occurrence of Okta User Session Started via Proxy @2024-06-01T09:05:00.000Z alert orig=2024-06-01T09:00:00.000Z new=00u1alice doc=okta-092",
            "First Occurrence of Okta User Session Started via Proxy @2024-06-02T10:05:00.000Z alert orig=2024-06-02T10:02:00.000Z new=00u2bob doc=okta-094",
            "First Occurrence of Okta User Session Started via Proxy @2024-06-02T10:05:00.000Z alert orig=2024-06-02T10:04:00.000Z new=00u4dave doc=okta-098",
        }, Briefs("made-okta-proxy-sessions.ndjson"));
        Assert.Contains("1 repeated id(s) dropped", Summary("made-okta-proxy-sessions.ndjson"));
    }

    [Fact]
    public void KubernetesSelfReviewAlertsOnNewUserAgentsOfServiceAccountsAndImpersonations()
    {
        // ssr-001 (service account, curl) is the first with curl/8.5.0 (ssr-002, a node, same agent, same window);
        // ssr-003 is kubectl's "$Format" agent (excluded); ssr-004 is a human impersonating a service account
        // (python-requests, tick 10:15); ssr-005 forbid, ssr-006 no user agent (`user_agent.original:*` false),
        // ssr-007 "system:serviceaccountx:" (not the escaped "system:serviceaccount:" prefix), ssr-008 not a review.
        Assert.Equal(new[]
        {
            "Kubernetes Suspicious Self-Subject Review via Unusual User Agent @2024-06-02T10:05:00.000Z alert orig=2024-06-02T10:01:00.000Z new=curl/8.5.0 doc=ssr-001",
            "Kubernetes Suspicious Self-Subject Review via Unusual User Agent @2024-06-02T10:15:00.000Z alert orig=2024-06-02T10:11:00.000Z new=python-requests/2.31.0 doc=ssr-004",
        }, Briefs("made-k8s-self-review.ndjson"));
    }

    [Fact]
    public void OktaMfaPushSequenceIsFoundOnlyWhenItFitsTheSixMinuteLookBack()
    {
        // bob: deny 10:01, deny 10:02, sso 10:03 (T = @timestamp) → tick 10:05: a shell (original_time = first event) and
        // three building blocks. eve: deny 10:20, deny 10:24, sso 10:29 spans 9m < maxspan 10m but no 6m window holds it
        // (RG0096 says so at build); carol has one denial.
        Assert.Equal(new[]
        {
            "Potential Abuse of Repeated MFA Push Notifications @2024-06-02T10:05:00.000Z shell orig=2024-06-02T10:01:00.000Z doc=-",
            "Potential Abuse of Repeated MFA Push Notifications @2024-06-02T10:05:00.000Z block orig=2024-06-02T10:01:00.000Z doc=okta-099",
            "Potential Abuse of Repeated MFA Push Notifications @2024-06-02T10:05:00.000Z block orig=2024-06-02T10:02:00.000Z doc=okta-100",
            "Potential Abuse of Repeated MFA Push Notifications @2024-06-02T10:05:00.000Z block orig=2024-06-02T10:03:00.000Z doc=okta-101",
        }, Briefs("made-okta-mfa-push.ndjson"));
        Assert.Contains(NewUserRules.Result.Run.Diagnostics, d => d.Id == "RG0096" && d.GetMessage().Contains("maxspan=10m"));
    }

    [Fact]
    public void KubernetesRbacThenWorkloadSequenceSkipsSystemMastersAndForbiddenChanges()
    {
        // mallory: clusterroles patch (T 10:01:05) then daemonsets create (10:03:05) → tick 10:05. kubeadmin's workload change
        // is excluded by `not kubernetes.audit.user.groups == "system:masters"` (any value of the array, as the term query
        // Elasticsearch runs); ci's role change was forbidden.
        Assert.Equal(new[]
        {
            "Kubernetes Sensitive RBAC Change Followed by Workload Modification @2024-06-02T10:05:00.000Z shell orig=2024-06-02T10:01:00.000Z doc=-",
            "Kubernetes Sensitive RBAC Change Followed by Workload Modification @2024-06-02T10:05:00.000Z block orig=2024-06-02T10:01:00.000Z doc=k8s-001",
            "Kubernetes Sensitive RBAC Change Followed by Workload Modification @2024-06-02T10:05:00.000Z block orig=2024-06-02T10:03:00.000Z doc=k8s-002",
        }, Briefs("made-k8s-audit.ndjson"));
    }

    [Fact]
    public void LinuxSshSixtyFailuresFromOneExternalSourceAreOneSequence()
    {
        // root from 185.220.101.7: 60 failures every 0.5 s (span 29.5 s ≤ 30 s), T 10:01:05 … 10:01:34.5: tick 10:05
        // ([09:56, 10:05], from now-9m) finds one sequence: a shell and 60 blocks; tick 10:10 ([10:01, 10:10]) finds the
        // same one again, same ids, dropped (61). 10.0.0.5 is excluded by cidrmatch; admin has 59 failures.
        // max_signals = 5 caps the sequences (the EQL request's size), not the alerts: Kibana's eql.ts calls bulkCreate
        // for sequences without maxAlerts, so all 61 are written.
        var (alerts, summary) = NewUserRules.Scan("made-linux-ssh.ndjson");
        string[] briefs = alerts.Select(NewUserAlerts.Brief).ToArray();
        Assert.Equal(61, briefs.Length);
        Assert.Equal("Potential External Linux SSH Brute Force Detected @2024-06-02T10:05:00.000Z shell orig=2024-06-02T10:01:00.000Z doc=-", briefs[0]);
        Assert.Equal(Enumerable.Range(1, 60).Select(i => $"doc=ssh-{i:000}"), briefs.Skip(1).Select(b => b.Substring(b.LastIndexOf(' ') + 1)));
        Assert.All(briefs.Skip(1), b => Assert.Contains("@2024-06-02T10:05:00.000Z block", b));
        Assert.Contains("61 repeated id(s) dropped", summary);
    }

    [Fact]
    public void ScanningEveryStreamAtOnceGivesEachStreamsAlertsAndNoOther()
    {
        // The rules read different data sources: one scan of all streams is the union of the per-stream scans.
        string[] files = { "made-k8s-audit.ndjson", "made-k8s-self-review.ndjson", "made-linux-ssh.ndjson", "made-okta-failed-logins.ndjson",
            "made-okta-lockouts.ndjson", "made-okta-mfa-push.ndjson", "made-okta-proxy-sessions.ndjson" };
        string[] together = NewUserRules.Scan(files).Alerts.Select(NewUserAlerts.Brief).OrderBy(b => b, StringComparer.Ordinal).ToArray();
        string[] apart = files.SelectMany(Briefs).OrderBy(b => b, StringComparer.Ordinal).ToArray();
        Assert.Equal(3 + 2 + 61 + 1 + 1 + 4 + 4, together.Length);
        Assert.Equal(apart, together);
    }

    [Fact]
    public void TheHayabusaFileAsItIsGivesTheAlertsOfItsSplitForm()
    {
        // The unchanged file holds the base rule and the correlation as two YAML documents (docs/sigma-collections.md):
        // it compiles with warnings only (Windows fields RuleGen has no schema for) and alerts exactly as the split form.
        GeneratorHarness.Result result = NewUserRules.SigmaResult("sigma");
        Assert.DoesNotContain(result.Run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var (alerts, _) = NewUserRules.Scan(GeneratorHarness.Load(result, "NewUsersigma"), "made-windows-4625.ndjson");
        Assert.Equal(new[]
        {
            "PW Guessing @2024-06-02T10:04:00.000Z alert orig=2024-06-02T10:04:00.000Z group=192.168.198.149 value=5",
            "PW Guessing @2024-06-02T10:06:00.000Z alert orig=2024-06-02T10:06:00.000Z group=192.168.198.149 value=5",
        }, alerts.Select(NewUserAlerts.Brief));
    }

    [Fact]
    public void TheHayabusaCorrelationSplitInTwoFilesAlertsOnEachWindowOfFiveWrongPasswords()
    {
        // Sliding window [t − 5m, t] judged at each hit of 192.168.198.149 (wrong password, IpAddress not "-"): at 10:04
        // the window holds 10:00 … 10:04 (5), at 10:06 it holds 10:01, 10:02, 10:03, 10:04, 10:06 (5). The 10:03:30
        // failure is another SubStatus; "-" sources are filtered; 10.1.1.1 has 4. generate is false: the base rule
        // writes no alert of its own.
        GeneratorHarness.Result result = NewUserRules.SigmaResult("sigma-split");
        Assert.DoesNotContain(result.Run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        var (alerts, _) = NewUserRules.Scan(GeneratorHarness.Load(result, "NewUsersigmasplit"), "made-windows-4625.ndjson");
        Assert.Equal(new[]
        {
            "PW Guessing @2024-06-02T10:04:00.000Z alert orig=2024-06-02T10:04:00.000Z group=192.168.198.149 value=5",
            "PW Guessing @2024-06-02T10:06:00.000Z alert orig=2024-06-02T10:06:00.000Z group=192.168.198.149 value=5",
        }, alerts.Select(NewUserAlerts.Brief));
    }
}
