using System;
using System.Collections.Generic;

namespace RuleGen.Runtime;

/// <summary>
/// The property paths a scan must recognise: every field any rule reads (with its slot), every dotted prefix of
/// one (so the scanner knows which objects to enter), and marker paths that tell what kind of document it is.
/// A document may spell a field nested, dotted or mixed; all three reach the same dotted path.
/// </summary>
internal sealed class FieldTable
{
    public enum Marker : byte { None, RawCloudTrail, EcsCloudTrail }

    public readonly struct Entry
    {
        public Entry(int slot, bool descend, Marker marker)
        {
            Slot = slot;
            Descend = descend;
            Marker = marker;
        }

        /// <summary>The slot of the field with this exact path, or -1.</summary>
        public int Slot { get; }

        /// <summary>Whether some field lies below this path.</summary>
        public bool Descend { get; }

        public Marker Marker { get; }
    }

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public FieldTable(IReadOnlyList<string> fields)
    {
        Fields = fields;
        for (int slot = 0; slot < fields.Count; slot++)
        {
            string field = fields[slot];
            Set(field, e => new Entry(slot, e.Descend, e.Marker));
            for (int dot = field.IndexOf('.'); dot > 0; dot = field.IndexOf('.', dot + 1))
            {
                Set(field[..dot], e => new Entry(e.Slot, true, e.Marker));
            }
        }
        // A top-level eventSource means a raw CloudTrail record; an aws.cloudtrail object means an ECS document of
        // the aws.cloudtrail data stream (whose constant fields Elasticsearch keeps out of the document).
        Set("eventSource", e => new Entry(e.Slot, e.Descend, Marker.RawCloudTrail));
        Set("aws", e => new Entry(e.Slot, true, e.Marker));
        Set("aws.cloudtrail", e => new Entry(e.Slot, e.Descend, Marker.EcsCloudTrail));
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<string> Fields { get; }

    public bool TryFind(ReadOnlySpan<char> path, out Entry entry) => _lookup.TryGetValue(path, out entry);

    private void Set(string path, Func<Entry, Entry> update)
    {
        Entry current = _entries.TryGetValue(path, out Entry existing) ? existing : new Entry(-1, false, Marker.None);
        _entries[path] = update(current);
    }
}
