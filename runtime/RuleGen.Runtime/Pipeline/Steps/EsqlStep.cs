using System.Collections.Generic;

namespace RuleGen.Runtime.Pipeline.Steps;

/// <summary>
/// One command of a compiled pipeline, run over all rows of an execution at once (one event's row when the rule runs
/// per event; the window's rows when it runs per tick). It changes the list in place: a WHERE removes rows, an EVAL
/// writes a column, STATS replaces every row with one per group.
/// </summary>
public abstract class EsqlStep
{
    public abstract void Run(List<EsqlRow> rows, EsqlContext context);
}

/// <summary>EVAL: column <c>Column</c> of every row becomes the expression's value.</summary>
public sealed class EvalStep : EsqlStep
{
    private readonly int _column;
    private readonly EsqlExpression _value;

    public EvalStep(int column, EsqlExpression value)
    {
        _column = column;
        _value = value;
    }

    public override void Run(List<EsqlRow> rows, EsqlContext context)
    {
        foreach (EsqlRow row in rows) row[_column] = _value(row.Values, context);
    }
}

/// <summary>WHERE: keeps the rows whose condition is TRUE (FALSE and NULL both drop the row).</summary>
public sealed class WhereStep : EsqlStep
{
    private readonly EsqlExpression _condition;

    public WhereStep(EsqlExpression condition) => _condition = condition;

    public override void Run(List<EsqlRow> rows, EsqlContext context) =>
        rows.RemoveAll(row => !EsqlOperators.IsTrue(_condition(row.Values, context)));
}

/// <summary>MV_EXPAND: a row whose column holds several values becomes one row per value, in the values' order; NULL stays one row.</summary>
public sealed class MvExpandStep : EsqlStep
{
    private readonly int _column;

    public MvExpandStep(int column) => _column = column;

    public override void Run(List<EsqlRow> rows, EsqlContext context)
    {
        var expanded = new List<EsqlRow>(rows.Count);
        foreach (EsqlRow row in rows)
        {
            EsqlValue value = row[_column];
            if (!value.IsMulti)
            {
                expanded.Add(row);
                continue;
            }
            foreach (EsqlValue single in value.Values)
            {
                EsqlRow copy = row.Copy(row.Values.Length);
                copy[_column] = single;
                expanded.Add(copy);
            }
        }
        rows.Clear();
        rows.AddRange(expanded);
    }
}

/// <summary>LIMIT n: the first n rows.</summary>
public sealed class LimitStep : EsqlStep
{
    private readonly int _count;

    public LimitStep(int count) => _count = count;

    public override void Run(List<EsqlRow> rows, EsqlContext context)
    {
        if (rows.Count > _count) rows.RemoveRange(_count, rows.Count - _count);
    }
}
