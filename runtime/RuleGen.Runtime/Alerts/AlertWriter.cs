using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace RuleGen.Runtime;

/// <summary>
/// Writes alerts as NDJSON with Elastic's alerts-as-data names (kibana.alert.*), then the KEEP columns under their
/// own dotted names with their exact JSON values, then where the event was read (rulegen.input.*).
/// </summary>
public sealed class AlertWriter : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    private readonly Stream _output;
    private readonly Utf8JsonWriter _writer;

    public AlertWriter(Stream output)
    {
        _output = output;
        _writer = new Utf8JsonWriter(output, Options);
    }

    public void Write(RuleMatch match)
    {
        RuleMetadata rule = match.Rule.Metadata;
        Utf8JsonWriter w = _writer;
        w.WriteStartObject();
        w.WriteString("kibana.alert.rule.rule_id", rule.RuleId);
        w.WriteString("kibana.alert.rule.name", rule.Name);
        w.WriteString("kibana.alert.severity", rule.Severity.ToString().ToLowerInvariant());
        w.WriteNumber("kibana.alert.risk_score", rule.RiskScore);
        w.WriteString("kibana.alert.rule.version", rule.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteStartArray("kibana.alert.rule.author");
        foreach (string author in rule.Authors) w.WriteStringValue(author);
        w.WriteEndArray();
        if (rule.License is not null) w.WriteString("kibana.alert.rule.license", rule.License);
        w.WriteStartArray("kibana.alert.rule.threat");
        foreach (ThreatEntry threat in rule.Threat)
        {
            w.WriteStartObject();
            w.WriteString("framework", threat.Framework);
            w.WritePropertyName("tactic");
            Reference(w, threat.Tactic);
            w.WriteStartArray("technique");
            foreach (ThreatTechnique technique in threat.Techniques)
            {
                w.WriteStartObject();
                w.WriteString("id", technique.Technique.Id);
                w.WriteString("name", technique.Technique.Name);
                w.WriteString("reference", technique.Technique.Reference);
                w.WriteStartArray("subtechnique");
                foreach (AttackReference sub in technique.Subtechniques) Reference(w, sub);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        if (match.OriginalTime is not null) w.WriteString("kibana.alert.original_time", match.OriginalTime);
        else w.WriteNull("kibana.alert.original_time");
        foreach (KeptColumn column in match.Columns)
        {
            w.WritePropertyName(column.Name);
            w.WriteRawValue(column.RawJson, skipInputValidation: true);
        }
        w.WriteString("rulegen.input.file", match.Position.File);
        w.WriteNumber("rulegen.input.line", match.Position.Line);
        w.WriteNumber("rulegen.input.record", match.Position.Record);
        w.WriteEndObject();
        w.Flush();
        _output.WriteByte((byte)'\n');
        w.Reset();
    }

    private static void Reference(Utf8JsonWriter w, AttackReference reference)
    {
        w.WriteStartObject();
        w.WriteString("id", reference.Id);
        w.WriteString("name", reference.Name);
        w.WriteString("reference", reference.Reference);
        w.WriteEndObject();
    }

    public void Flush() => _output.Flush();

    public void Dispose()
    {
        _writer.Dispose();
        _output.Flush();
    }
}
