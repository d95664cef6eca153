using System;
using System.Linq;

using RuleGen.Generator.Ir;

namespace RuleGen.Generator.Planning
{
    /// <summary>
    /// What RuleGen knows about fields before the schema exists: which ones a scan may fill without their value
    /// being in the event's bytes, and which ones hold values most events share. Used by the prefilter (literals
    /// must be in the bytes) and by predicate ordering (test rare values first).
    /// </summary>
    internal static class FieldTraits
    {
        // Stream constants (supplied per data stream) and what the CloudTrail normaliser derives rather than copies.
        private static readonly string[] DerivedOrConstant =
        {
            "@timestamp", "event.dataset", "event.module", "event.outcome", "event.kind", "event.type", "event.category",
            "aws.cloudtrail.request_parameters", "aws.cloudtrail.response_elements", "aws.cloudtrail.additional_eventdata",
            "aws.cloudtrail.service_event_details", "aws.cloudtrail.management_event", "aws.cloudtrail.read_only",
            "aws.cloudtrail.user_identity.session_context.creation_date", "aws.cloudtrail.user_identity.session_context.mfa_authenticated",
            "aws.cloudtrail.management_event", "aws.cloudtrail.resources", "ecs.version", "cloud.provider", "cloud.service.name",
            "service.name", "error.message", "source.ip",
        };

        // Whole families the normaliser computes (user agents parsed, console login flags, TLS dissected): their values
        // need not be in the raw record's bytes. Fields it takes apart from raw values (user.*, related.*, entities:
        // an ARN's last part, a session name) stay eligible, since a part of a value is in the bytes too.
        // NormalizerSoundnessTests checks this list against every value the normaliser writes for real records.
        private static readonly string[] DerivedOrConstantPrefixes =
        {
            "data_stream.", "tls.", "user_agent.",
            "aws.cloudtrail.console_login.",
        };

        private static readonly string[] CommonValues =
        {
            "event.provider", "event.outcome", "event.kind", "event.dataset", "event.module", "event.category", "event.type", "cloud.provider", "cloud.region",
            "cloud.account.id", "aws.cloudtrail.user_identity.type", "aws.cloudtrail.event_type", "aws.cloudtrail.event_category",
            "aws.cloudtrail.recipient_account_id",
            // The same fields under raw CloudTrail's names (schema raw-cloudtrail, Sigma rules): eventSource is shared by
            // every call to a service, as event.provider is; eventName is the rare one.
            "eventSource", "awsRegion", "eventType", "eventCategory", "recipientAccountId", "userIdentity.type", "userIdentity.accountId",
        };

        /// <summary>Fields under a derived prefix that the normaliser copies verbatim (user_agent.original is userAgent as written).</summary>
        private static readonly string[] CopiedVerbatim = { "user_agent.original" };

        public static bool IsDerivedOrConstant(string field) =>
            Array.IndexOf(CopiedVerbatim, field) < 0
            && (Array.IndexOf(DerivedOrConstant, field) >= 0 || DerivedOrConstantPrefixes.Any(p => field.StartsWith(p, StringComparison.Ordinal)));

        /// <summary>
        /// Whether a field the normaliser derives, or a stream constant, may lie below the object <paramref name="path"/>.
        /// The whole document (an empty path) holds none: for a raw record its subtree is the raw record's own values
        /// (EventEvaluator gathers them from the record, not from the normalised document), and stream constants are
        /// supplied to their fields' slots, never to a subtree.
        /// </summary>
        public static bool HoldsDerivedOrConstant(string path)
        {
            if (path.Length == 0) return false;
            string below = path + ".";
            return IsDerivedOrConstant(path)
                || DerivedOrConstant.Any(f => f.StartsWith(below, StringComparison.Ordinal))
                || DerivedOrConstantPrefixes.Any(p => p.StartsWith(below, StringComparison.Ordinal) || below.StartsWith(p, StringComparison.Ordinal));
        }

        /// <summary>
        /// Fields whose value is the same for every event of a data stream (supplied by the stream or by Elastic's
        /// pipeline): a test on them is almost always TRUE, so it is the worst conjunct to test first and the worst
        /// key to dispatch on.
        /// </summary>
        public static bool IsStreamConstant(string field) =>
            field is "event.dataset" or "event.module" or "cloud.provider" || field.StartsWith("data_stream.", StringComparison.Ordinal);

        /// <summary>How well a test on the field tells events apart: 0 rare values (event.action), 1 common, 2 constant per stream.</summary>
        public static int Selectivity(string field) => IsStreamConstant(field) ? 2 : HasCommonValues(field) ? 1 : 0;

        public static bool HasCommonValues(string field) =>
            Array.IndexOf(CommonValues, field) >= 0 || DerivedOrConstantPrefixes.Any(p => field.StartsWith(p, StringComparison.Ordinal));

        /// <summary>The field a simple comparison tests, if any.</summary>
        public static string? FieldOf(Pred pred) => pred switch
        {
            SourcedPred s => FieldOf(s.Inner),
            ComparePred c => ValuesOf(c.Left)?.Name,
            InPred i => ValuesOf(i.Value)?.Name,
            SubstringPred s => ValuesOf(s.Value)?.Name,
            MvContainsPred { Superset: FieldExpr f } => f.Name,
            LikePred l => ValuesOf(l.Value)?.Name,
            IsNullPred { Value: FieldExpr f } => f.Name,
            _ => null,
        };

        /// <summary>Runtime functions that keep some of a field's values and add none (RuleGen.Runtime.Functions).</summary>
        public const string IgnoreAbove = "IgnoreAbove";

        /// <summary>
        /// The field whose values a value is, or a subset of: the field itself, or <c>IgnoreAbove(field, n)</c>, which
        /// only drops values. Whatever a leaf needs of a subset of a field's values (a literal in its bytes) it needs of
        /// the field, so the prefilter may read through it.
        /// </summary>
        public static FieldExpr? ValuesOf(ValueExpr value) => value switch
        {
            FieldExpr f => f,
            CallExpr { Function: IgnoreAbove } call when call.Arguments.Count > 0 && call.Arguments[0] is FieldExpr f => f,
            _ => null,
        };
    }
}
