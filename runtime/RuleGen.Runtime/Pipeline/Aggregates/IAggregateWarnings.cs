namespace RuleGen.Runtime.Pipeline.Aggregates;

/// <summary>
/// An aggregate whose result can be a NULL that Elasticsearch reports with a response warning (SUM of longs that
/// overflows: ES|QL's SumLongAggregator declares <c>warnExceptions = ArithmeticException</c>). The Stats operator adds
/// <see cref="Warnings"/> to the context's warning count after <see cref="EsqlAggregator.Result"/>.
/// </summary>
public interface IAggregateWarnings
{
    long Warnings { get; }
}
