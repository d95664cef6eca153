using System.Globalization;
using RuleGen.Generator.Diagnostics;
using RuleGen.Generator.Ir;

namespace RuleGen.Generator.Planning
{
    /// <summary>
    /// What a sequence rule's schedule means for its sequences: Kibana runs one EQL search per execution over that
    /// execution's window only (a fresh matcher), so a sequence longer than the window (<c>from</c>) is never found.
    /// detection-rules tests the same thing (test_all_rules.py <c>test_eql_lookback</c>); RG0096 at the maxspan.
    /// </summary>
    internal static class SequenceChecks
    {
        public static void Check(SequenceModel sequence, string? from, LocationInfo at, DiagnosticBag diagnostics)
        {
            if (sequence.MaxSpanMs is not long span || from is null || !from.StartsWith("now-", System.StringComparison.Ordinal)) return;
            string back = from.Substring("now-".Length);
            if (Milliseconds(back) is long window && span > window)
            {
                diagnostics.Add(DiagnosticCatalog.SequenceLongerThanLookBack, at, sequence.MaxSpanText ?? span.ToString(CultureInfo.InvariantCulture) + "ms", back);
            }
        }

        private static long? Milliseconds(string duration)
        {
            if (duration.Length < 2 || !long.TryParse(duration.Substring(0, duration.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out long n)) return null;
            return duration[duration.Length - 1] switch { 's' => n * 1000, 'm' => n * 60_000, 'h' => n * 3_600_000, 'd' => n * 86_400_000, _ => (long?)null };
        }
    }
}
