namespace RuleGen.Runtime.Pipeline.Aggregates;

/// <summary>
/// One aggregate of one STATS group: fed each row's value of its argument (a multivalue whole: most aggregates take
/// every value of it, as ES|QL does; NULL rows are skipped by most), then asked for the result. A fresh instance per
/// group, made by the factory the generated code passes.
/// </summary>
public abstract class EsqlAggregator
{
    public abstract void Add(EsqlValue value);

    public abstract EsqlValue Result();
}

/// <summary>COUNT(*) and COUNT(): the number of rows.</summary>
public sealed class CountRows : EsqlAggregator
{
    private long _count;

    public override void Add(EsqlValue value) => _count++;

    public override EsqlValue Result() => EsqlValue.Long(_count);
}

/// <summary>COUNT(x): the number of values of x (a multivalue counts each value; NULL counts nothing).</summary>
public sealed class Count : EsqlAggregator
{
    private long _count;

    public override void Add(EsqlValue value) => _count += value.Count;

    public override EsqlValue Result() => EsqlValue.Long(_count);
}
