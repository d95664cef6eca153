using System.Collections.Generic;
using RuleGen.Generator.Model;

namespace RuleGen.Generator.Planning
{
    /// <summary>
    /// The columns a threshold rule's filter hands to the window stage: the group fields (the alert carries them), the
    /// cardinality field, @timestamp (original_time and the fallback time) and the timestamp_override field (the
    /// window time). The window stage reads them from the match's kept columns, so the per-event path is unchanged.
    /// </summary>
    internal static class ThresholdKeep
    {
        public static EquatableArray<string> Of(ThresholdModel threshold, string? timestampOverride)
        {
            var keep = new List<string>();
            void Add(string field)
            {
                if (!keep.Contains(field)) keep.Add(field);
            }
            foreach (string field in threshold.Fields) Add(field);
            foreach (ThresholdCardinalityModel cardinality in threshold.Cardinality) Add(cardinality.Field);
            Add("@timestamp");
            if (timestampOverride is not null) Add(timestampOverride);
            return keep.ToEquatableArray();
        }
    }
}
