using System.Text.Json;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// An alert that copies one event and adds nothing of its own: an event a doNotSuppress rule could not group (a
/// group_by field is missing), or the alert a suppressed alert is built on. Its id is Kibana's document id
/// (<see cref="SuppressionIds.Document"/>), so an overlapping execution that finds the same event writes no second one.
/// </summary>
public sealed class DocumentAlert : WindowAlert
{
    public DocumentAlert(string id, long tickMs, StageHit hit) : base(id, tickMs, hit.Timestamp, hit.Match) => Hit = hit;

    public StageHit Hit { get; }

    public static DocumentAlert For(StageHit hit, long tickMs, string ruleId) =>
        new(SuppressionIds.Document(hit.File, hit.Identity, ruleId), tickMs, hit);

    public override void WriteFields(Utf8JsonWriter w)
    {
    }
}
