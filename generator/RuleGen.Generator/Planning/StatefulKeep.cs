using System.Collections.Generic;
using System.Linq;
using RuleGen.Generator.Ir;
using RuleGen.Generator.Model;

namespace RuleGen.Generator.Planning
{
    /// <summary>
    /// The columns a stateful rule's filter hands to its window stage, after the rule's own kept columns: the fields the
    /// kind reads (threshold group and cardinality fields, new_terms fields, sequence join keys…), @timestamp
    /// (original_time and the fallback time), the timestamp_override field (the window time) and the document identity
    /// fields (<c>_id</c>, <c>event.id</c>, <c>eventID</c>: Elastic-style alert ids). The window stage reads them from the
    /// match's kept columns, so the per-event path is unchanged.
    /// </summary>
    internal static class StatefulKeep
    {
        private static readonly string[] IdentityFields = { "_id", "event.id", "eventID" };

        public static EquatableArray<string> Of(IEnumerable<string> ownKeep, IEnumerable<string> stateFields, string? timestampOverride)
        {
            var keep = new List<string>();
            void Add(string field)
            {
                if (!keep.Contains(field)) keep.Add(field);
            }
            foreach (string field in ownKeep) Add(field);
            foreach (string field in stateFields) Add(field);
            Add("@timestamp");
            if (timestampOverride is not null) Add(timestampOverride);
            foreach (string field in IdentityFields) Add(field);
            return keep.ToEquatableArray();
        }

        /// <summary>
        /// An EQL sequence's building blocks are copies of their events, so the rule keeps every column (<c>*</c>), which
        /// holds the join keys, timestamp_field, tiebreaker_field, event_category_override, @timestamp, the override and
        /// the identity fields whenever the event has them; naming them again would add null columns to the copies.
        /// Without the wildcard (never, for EQL today) they are added as for any stateful rule.
        /// </summary>
        public static EquatableArray<string> Of(SequenceModel sequence, EquatableArray<string> ownKeep, RuleSearchModel search, string? timestampOverride)
        {
            if (ownKeep.Contains("*")) return ownKeep;
            var fields = new List<string>();
            foreach (SequenceStageModel stage in sequence.Until is null ? sequence.Stages : sequence.Stages.Concat(new[] { sequence.Until }))
                foreach (SequenceKeyModel key in stage.Keys) fields.Add(key.Field);
            foreach (string? field in new[] { search.TimestampField, search.TiebreakerField, search.EventCategoryOverride })
                if (field is not null) fields.Add(field);
            if (search.AlertSuppression is AlertSuppressionModel suppression) fields.AddRange(suppression.GroupBy);
            return Of(ownKeep, fields, timestampOverride);
        }

        /// <summary>A threshold alert is synthetic (no event copy), so only what the stage reads is kept.</summary>
        public static EquatableArray<string> Of(ThresholdModel threshold, string? timestampOverride)
        {
            var fields = new List<string>(threshold.Fields);
            foreach (ThresholdCardinalityModel cardinality in threshold.Cardinality) fields.Add(cardinality.Field);
            return Of(new string[0], fields, timestampOverride);
        }
    }
}
