using System.Collections.Generic;

namespace RuleGen.Runtime;

/// <summary>
/// The constant_keyword fields Elasticsearch keeps in a data stream's mapping rather than in each document
/// (event.dataset, event.module, data_stream.*). ES|QL sees them on every row, so a scan supplies them when a
/// document lacks them.
/// </summary>
public static class StreamConstants
{
    /// <summary>The constants of data stream <c>logs-{dataset}-default</c>.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(string dataset)
    {
        int dot = dataset.IndexOf('.');
        return new[]
        {
            new KeyValuePair<string, string>("event.dataset", dataset),
            new KeyValuePair<string, string>("event.module", dot > 0 ? dataset[..dot] : dataset),
            new KeyValuePair<string, string>("data_stream.dataset", dataset),
            new KeyValuePair<string, string>("data_stream.type", "logs"),
            new KeyValuePair<string, string>("data_stream.namespace", "default"),
        };
    }
}
