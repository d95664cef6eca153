using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace RuleGen.Generator.Diagnostics
{
    /// <summary>
    /// Every diagnostic RuleGen can report. Ids are never reused; each one has a help page
    /// at docs/diagnostics/RGnnnn.md (a test keeps the two in step).
    /// </summary>
    internal static class DiagnosticCatalog
    {
        private const string RuleFormat = "RuleGen.RuleFormat";
        private const string Query = "RuleGen.Query";
        private const string Internal = "RuleGen.Internal";
        private const string Attack = "RuleGen.Attack";
        private const string Limits = "RuleGen.Limits";

        public const string HelpRoot = "docs/diagnostics/";

        public static readonly DiagnosticDescriptor InvalidYaml = Error("RG0001", "Invalid YAML",
            "The rule file is not valid YAML: {0}", RuleFormat);

        public static readonly DiagnosticDescriptor RootNotMapping = Error("RG0002", "A rule file holds one mapping",
            "A rule file must hold one YAML mapping of rule keys, found {0}", RuleFormat);

        public static readonly DiagnosticDescriptor UnknownKey = Error("RG0003", "Unknown rule key",
            "Unknown key '{0}'{1}", RuleFormat);

        public static readonly DiagnosticDescriptor MissingKey = Error("RG0004", "Missing required key",
            "The rule has no '{0}' key; it is required", RuleFormat);

        public static readonly DiagnosticDescriptor WrongValueShape = Error("RG0005", "Value of the wrong shape",
            "'{0}' must be {1}", RuleFormat);

        public static readonly DiagnosticDescriptor InvalidSeverity = Error("RG0006", "Invalid severity",
            "Severity '{0}' is not one of low, medium, high, critical", RuleFormat);

        public static readonly DiagnosticDescriptor RiskScoreOutOfRange = Error("RG0007", "risk_score out of range",
            "risk_score {0} is outside 0..100", RuleFormat);

        public static readonly DiagnosticDescriptor InvalidSchedule = Error("RG0008", "Invalid interval or look-back",
            "'{0}' value '{1}' is invalid: expected {2}", RuleFormat);

        public static readonly DiagnosticDescriptor InvalidNumber = Error("RG0009", "Invalid number",
            "'{0}' must be {1}, found '{2}'", RuleFormat);

        public static readonly DiagnosticDescriptor UnsupportedLanguage = Error("RG0010", "Query language not supported yet",
            "Query language '{0}' is not supported yet; supported: esql, kuery, eql", RuleFormat);

        public static readonly DiagnosticDescriptor DuplicateKey = Error("RG0011", "Duplicate key",
            "Key '{0}' appears more than once", RuleFormat);

        public static readonly DiagnosticDescriptor InvalidThreat = Error("RG0012", "Invalid threat entry",
            "Invalid threat entry: {0}", RuleFormat);

        public static readonly DiagnosticDescriptor InvalidRuleTest = Error("RG0013", "Invalid rule test",
            "Invalid rule test: {0}", RuleFormat);

        public static readonly DiagnosticDescriptor KeyNotSupportedYet = Error("RG0014", "Rule key not supported yet",
            "Key '{0}' is not supported yet: {1}", RuleFormat);

        // Sigma metadata (spec v2.1 "Components"): a value outside the spec's list is an error, a spec "should" a warning.
        public static readonly DiagnosticDescriptor InvalidSigmaValue = Error("RG0015", "Invalid Sigma metadata value",
            "Sigma '{0}' is '{1}': {2}", RuleFormat);

        public static readonly DiagnosticDescriptor SigmaIdNotUuid = Warning("RG0016", "Sigma id is not a UUID",
            "Sigma 'id' '{0}' is not a UUID; the spec says rules should be identified by a random UUID (version 4)", RuleFormat);

        public static readonly DiagnosticDescriptor EsqlSyntaxError = Error("RG0020", "ES|QL syntax error",
            "ES|QL syntax error: {0}", Query);

        public static readonly DiagnosticDescriptor UnknownFunction = Error("RG0021", "Unknown function",
            "Unknown function '{0}'{1}", Query);

        public static readonly DiagnosticDescriptor WrongArgumentCount = Error("RG0022", "Wrong number of arguments",
            "{0} takes {1} argument(s), found {2}", Query);

        public static readonly DiagnosticDescriptor NotSupportedYet = Error("RG0023", "Construct not supported yet",
            "{0} is not supported yet", Query);

        public static readonly DiagnosticDescriptor InvalidPattern = Error("RG0024", "Invalid LIKE, RLIKE, GROK or DISSECT pattern",
            "Invalid {0} pattern: {1}", Query);

        public static readonly DiagnosticDescriptor InvalidArgument = Error("RG0025", "Invalid function argument",
            "{0}: {1}", Query);

        public static readonly DiagnosticDescriptor KqlSyntaxError = Error("RG0027", "KQL syntax error",
            "KQL syntax error: {0}", Query);
        public static readonly DiagnosticDescriptor EqlSyntaxError = Error("RG0028", "EQL syntax error",
            "EQL syntax error: {0}", Query);

        public static readonly DiagnosticDescriptor UnknownAttackId = Error("RG0030", "Unknown ATT&CK id",
            "'{0}' is not a {1} in {2}{3}", Attack);

        public static readonly DiagnosticDescriptor AttackNameMismatch = Error("RG0031", "ATT&CK name does not match the id",
            "{0} is named '{1}' in {2}, not '{3}'", Attack);

        public static readonly DiagnosticDescriptor AttackRevoked = Error("RG0032", "Revoked ATT&CK id",
            "{0} ({1}) was revoked; use {2} ({3})", Attack);

        public static readonly DiagnosticDescriptor AttackDeprecated = Warning("RG0033", "Deprecated ATT&CK id",
            "{0} ({1}) is deprecated{2}", Attack);

        public static readonly DiagnosticDescriptor AttackWrongParent = Error("RG0034", "Sub-technique under the wrong technique",
            "{0} is a sub-technique of {1}, not of {2}", Attack);

        public static readonly DiagnosticDescriptor AttackWrongTactic = Error("RG0035", "Technique not in the stated tactic",
            "{0} ({1}) is not a technique of {2} ({3}); its tactics: {4}", Attack);

        public static readonly DiagnosticDescriptor AttackReferenceMismatch = Warning("RG0036", "ATT&CK reference URL does not match the id",
            "The reference of {0} is '{1}'; {2} says '{3}'", Attack);

        public static readonly DiagnosticDescriptor AttackTagNotInCatalogue = Warning("RG0037", "ATT&CK tag not in the catalogue",
            "'{0}' is not in {1}{2}", Attack);

        public static readonly DiagnosticDescriptor UnknownField = Error("RG0050", "Unknown field",
            "Field '{0}' is not in the schema ({1}){2}", Query);

        public static readonly DiagnosticDescriptor FieldNotInEcs = Warning("RG0051", "Field not in ECS and no schema for the data stream",
            "Field '{0}' is not in {1}, and RuleGen has no schema for {2}{3}; add a fields file if the field is right", Query);

        public static readonly DiagnosticDescriptor TypeMismatch = Error("RG0052", "Type mismatch",
            "{0}", Query);

        public static readonly DiagnosticDescriptor MultivaluedField = Warning("RG0053", "Single-value operator on an array field",
            "'{0}' is an array in ECS: {1} on a multivalued field is NULL in ES|QL and never matches such events; use MV_CONTAINS({0}, …)", Query);

        public static readonly DiagnosticDescriptor NeverTrue = Warning("RG0054", "Condition can never be true",
            "{0}: the rule can never fire", Query);

        // Sigma detection checks: what a reviewer would flag, as warnings (the rule still means something).
        public static readonly DiagnosticDescriptor UnusedSearchIdentifier = Warning("RG0070", "Search identifier never used",
            "Search identifier '{0}' is defined but no condition uses it", Query);

        public static readonly DiagnosticDescriptor FieldNotInLogSource = Warning("RG0071", "Field not in the log source's schema",
            "Field '{0}' is not in the schema ({1}){2}; the rule compiles, and a test on the field is false on every event (a missing field)", Query);

        public static readonly DiagnosticDescriptor ValueLooksLikeField = Warning("RG0072", "Value looks like a field name",
            "The value '{0}' is a field of {1}, but it is compared as text; did you mean '{2}|fieldref'?", Query);

        public static readonly DiagnosticDescriptor WildcardInsteadOfModifier = Warning("RG0073", "Wildcard redundant or in place of a modifier",
            "{0}", Query);

        public static readonly DiagnosticDescriptor RiskOutsideSeverityBand = Warning("RG0040", "risk_score outside the severity's band",
            "risk_score {0} is outside the {1} band ({2}); Elastic's bands: low 0-21, medium 22-47, high 48-73, critical 74-100", RuleFormat);

        public static readonly DiagnosticDescriptor LookBackShorterThanInterval = Warning("RG0041", "Look-back shorter than the interval",
            "from {0} looks back {1}, less than the interval {2}: events between runs would never be seen", RuleFormat);

        public static readonly DiagnosticDescriptor DuplicateRuleId = Error("RG0042", "Duplicate rule_id",
            "rule_id '{0}' is also used by {1}", RuleFormat);

        public static readonly DiagnosticDescriptor DuplicateRuleName = Warning("RG0043", "Duplicate rule name",
            "Rule name '{0}' is also used by {1}: alerts of both will carry one title", RuleFormat);

        public static readonly DiagnosticDescriptor ClassRenamed = Warning("RG0044", "Generated class renamed",
            "The class of rule '{0}' is named {1}: {2}", RuleFormat);

        public static readonly DiagnosticDescriptor NestedTooDeeply = Error("RG0060", "Nested too deeply",
            "{0} is nested too deeply (limit {1})", Limits);

        public static readonly DiagnosticDescriptor TooLarge = Error("RG0061", "Rule too large",
            "{0} (limit {1})", Limits);

        public static readonly DiagnosticDescriptor SigmaEcsMappingLoss = Warning("RG0080", "Sigma field loses information on ECS documents",
            "On Elastic's ECS documents, {0}", Query);

        public static readonly DiagnosticDescriptor SigmaPipelineProblem = Error("RG0081", "Invalid Sigma processing pipeline",
            "{0}", RuleFormat);

        // EQL sequences (issue 10): RG0095-RG0099.
        public static readonly DiagnosticDescriptor EsqlUnknownColumn = Error("RG0090", "ES|QL column not available",
            "Column '{0}' is not available here: {1}", Query);

        public static readonly DiagnosticDescriptor EsqlCommandNotSupported = Error("RG0091", "ES|QL command not supported",
            "{0}", Query);

        public static readonly DiagnosticDescriptor InvalidSequence = Error("RG0095", "Invalid EQL sequence",
            "Invalid sequence: {0}", Query);

        public static readonly DiagnosticDescriptor SequenceLongerThanLookBack = Warning("RG0096", "Sequence can be longer than the look-back",
            "maxspan={0} is longer than the rule's look-back ({1}): Elastic searches each execution's window afresh, so a sequence spanning more than {1} is never found", Query);
        // Alert suppression (issue 10, RG0110-RG0114).
        public static readonly DiagnosticDescriptor SuppressionGroupByBeyondThree = Warning("RG0110", "alert_suppression.group_by has more than 3 fields",
            "alert_suppression.group_by has {0} fields: Kibana 9.2 and later accept up to 5, earlier Kibana and detection-rules only 3", RuleFormat);
        public static readonly DiagnosticDescriptor CorrelationInvalid = Error("RG0100", "Invalid Sigma correlation rule",
            "Correlation rule: {0}", RuleFormat);

        public static readonly DiagnosticDescriptor CorrelationUnknownType = Error("RG0101", "Unknown correlation type",
            "Unknown correlation type '{0}': one of event_count, value_count, temporal, temporal_ordered, value_sum, value_avg, value_percentile{1}", RuleFormat);

        public static readonly DiagnosticDescriptor CorrelationBadTimespan = Error("RG0102", "Invalid correlation timespan",
            "timespan '{0}' must be a positive number followed by s, m, h or d (lowercase), such as 90m", RuleFormat);

        public static readonly DiagnosticDescriptor CorrelationBadCondition = Error("RG0103", "Invalid correlation condition",
            "condition: {0}", RuleFormat);

        public static readonly DiagnosticDescriptor CorrelationMissingField = Error("RG0104", "Correlation condition needs a field",
            "A {0} correlation names the field it measures: 'field' in its condition", RuleFormat);

        public static readonly DiagnosticDescriptor CorrelationUnknownReference = Error("RG0105", "Correlation refers to an unknown rule",
            "'{0}' is the id or name of no rule or correlation of this rule set{1}", RuleFormat);

        public static readonly DiagnosticDescriptor CorrelationCycle = Error("RG0106", "Correlation chain refers back to itself",
            "The correlation chain is a cycle: {0}", RuleFormat);

        public static readonly DiagnosticDescriptor CorrelationBadAlias = Error("RG0107", "Invalid correlation alias",
            "alias '{0}': {1}", RuleFormat);

        public static readonly DiagnosticDescriptor CorrelationNoGroupBy = Warning("RG0108", "Correlation without group-by",
            "The correlation has no group-by: every matching event falls in one group (the specification text calls group-by mandatory)", RuleFormat);

        public static readonly DiagnosticDescriptor CorrelationIgnoredKey = Warning("RG0109", "Correlation key has no effect",
            "{0}", RuleFormat);

        public static readonly DiagnosticDescriptor InternalError = Error("RG9999", "Internal generator error",
            "RuleGen failed on this rule ({0}); please report it: {1}", Internal);

        public static readonly IReadOnlyList<DiagnosticDescriptor> All = new[]
        {
            InvalidYaml, RootNotMapping, UnknownKey, MissingKey, WrongValueShape, InvalidSeverity, RiskScoreOutOfRange,
            InvalidSchedule, InvalidNumber, UnsupportedLanguage, DuplicateKey, InvalidThreat, InvalidRuleTest, KeyNotSupportedYet,
            InvalidSigmaValue, SigmaIdNotUuid,
            EsqlSyntaxError, UnknownFunction, WrongArgumentCount, NotSupportedYet, InvalidPattern, InvalidArgument, KqlSyntaxError, EqlSyntaxError,
            UnknownAttackId, AttackNameMismatch, AttackRevoked, AttackDeprecated, AttackWrongParent, AttackWrongTactic, AttackReferenceMismatch, AttackTagNotInCatalogue,
            UnknownField, FieldNotInEcs, TypeMismatch, MultivaluedField, NeverTrue, EsqlUnknownColumn, EsqlCommandNotSupported,
            RiskOutsideSeverityBand, LookBackShorterThanInterval, DuplicateRuleId, DuplicateRuleName, ClassRenamed,
            UnusedSearchIdentifier, FieldNotInLogSource, ValueLooksLikeField, WildcardInsteadOfModifier,
            NestedTooDeeply, TooLarge,
            SigmaEcsMappingLoss, SigmaPipelineProblem,
            InvalidSequence, SequenceLongerThanLookBack,
            SuppressionGroupByBeyondThree,
            CorrelationInvalid, CorrelationUnknownType, CorrelationBadTimespan, CorrelationBadCondition, CorrelationMissingField,
            CorrelationUnknownReference, CorrelationCycle, CorrelationBadAlias, CorrelationNoGroupBy, CorrelationIgnoredKey,
            InternalError,
        };

        private static readonly Dictionary<string, DiagnosticDescriptor> ById = All.ToDictionary(d => d.Id);

        public static DiagnosticDescriptor Find(string id) => ById[id];

        // Warnings can be raised to errors or silenced per project: dotnet_diagnostic.RG0040.severity in a .globalconfig,
        // or <WarningsAsErrors>/<NoWarn>.
        private static DiagnosticDescriptor Warning(string id, string title, string message, string category) =>
            new(id, title, message, category, DiagnosticSeverity.Warning, isEnabledByDefault: true,
                helpLinkUri: HelpRoot + id + ".md");

        // Errors cannot be silenced or lowered: a rule that has one is not compiled, so an error set to none, warning or
        // suggestion would drop the rule from the build without a word and leave it green. NotConfigurable makes the
        // compiler ignore every severity setting for the id (.globalconfig, .editorconfig, <NoWarn>). (A new array per
        // call: a static field declared here would still be null when the descriptors above are initialised.)
        private static DiagnosticDescriptor Error(string id, string title, string message, string category) =>
            new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true,
                helpLinkUri: HelpRoot + id + ".md", customTags: new[] { WellKnownDiagnosticTags.NotConfigurable });
    }
}
