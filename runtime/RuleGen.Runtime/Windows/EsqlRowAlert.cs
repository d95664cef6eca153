using System.Collections.Generic;
using System.Text.Json;

namespace RuleGen.Runtime.Windows;

/// <summary>
/// An alert made from one row of an ES|QL execution. An aggregated row's alert is the row's columns only (there is no
/// source document: esql.ts builds it from the row); a non-aggregating row's alert copies its event, with the row's
/// columns written over it (<see cref="WindowAlert.Source"/>).
/// </summary>
public sealed class EsqlRowAlert : WindowAlert
{
    private readonly IReadOnlyList<KeptColumn> _columns;

    public EsqlRowAlert(string id, long tickMs, string? originalTime, RuleMatch? source, IReadOnlyList<KeptColumn> columns, RuleMatch row)
        : base(id, tickMs, originalTime, source)
    {
        _columns = source is null ? columns : System.Array.Empty<KeptColumn>();
        Row = row;
    }

    /// <summary>The row as a match (its columns in <see cref="RuleMatch.Columns"/>), for the rule's typed alert record (<c>Rule.ToAlert(alert.Row)</c>).</summary>
    public RuleMatch Row { get; }

    /// <summary>The row's columns (an aggregated row's; a copied event's are written with it).</summary>
    public IReadOnlyList<KeptColumn> Columns => _columns;

    public override void WriteFields(Utf8JsonWriter w)
    {
        foreach (KeptColumn column in _columns)
        {
            // The alert's own @timestamp is the execution time (Kibana's build_alert); a row column of that name is not written over it.
            if (column.Name is "@timestamp" or "kibana.alert.uuid" or "kibana.alert.original_time") continue;
            w.WritePropertyName(column.Name);
            w.WriteRawValue(column.RawJson, skipInputValidation: true);
        }
    }
}
