namespace RuleGen.Generator.Model
{
    /// <summary>The .NET type a KEEP column gets in a rule's alert record, from its field's type in the schema.</summary>
    internal enum AlertValueKind
    {
        /// <summary>Unknown to the schema, no schema, or object-valued (object, flattened, geo_point, …): the JSON as written.</summary>
        Json,
        String,
        Long,
        Double,
        Boolean,
        Ip,
        Date,
    }

    /// <summary>
    /// One property of a rule's alert record: the KEEP column, its value kind, and whether the schema declares the
    /// field an array (then the property is a list). Kept beside the plan, not in it: the plan says what the query
    /// means, this says how the emitter types what it keeps.
    /// </summary>
    internal sealed record AlertColumn(string Column, AlertValueKind Kind, bool IsArray);
}
