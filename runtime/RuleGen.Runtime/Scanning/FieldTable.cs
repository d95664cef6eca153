using System;
using System.Collections.Generic;
using System.Text;

namespace RuleGen.Runtime;

/// <summary>
/// The property paths a scan must recognise, matched by their UTF-8 bytes (no decoding): every field any rule reads
/// (with its slot), every dotted prefix of one (so the scanner knows which objects to enter), and marker paths that
/// tell what kind of document it is. A document may spell a field nested, dotted or mixed; all three reach the same
/// dotted path. Lookup is an open-addressing hash over the path bytes, built once per rule set.
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

    private readonly ulong _lengths; // bit n set: some path is n bytes long (n < 64)
    private readonly int _maxLength;
    private readonly byte[][] _keys;
    private readonly Entry[] _entries;
    private readonly int[] _buckets; // index into _keys + 1; 0 is empty
    private readonly int _mask;

    public FieldTable(IReadOnlyList<string> fields)
    {
        Fields = fields;
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        void Set(string path, Func<Entry, Entry> update) =>
            entries[path] = update(entries.TryGetValue(path, out Entry existing) ? existing : new Entry(-1, false, Marker.None));

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

        int size = 16;
        while (size < entries.Count * 4) size *= 2;
        _buckets = new int[size];
        _mask = size - 1;
        _keys = new byte[entries.Count][];
        _entries = new Entry[entries.Count];
        int index = 0;
        foreach (var (path, entry) in entries)
        {
            _keys[index] = Encoding.UTF8.GetBytes(path);
            _entries[index] = entry;
            int length = _keys[index].Length;
            _maxLength = Math.Max(_maxLength, length);
            if (length < 64) _lengths |= 1UL << length;
            else _lengths |= 1UL << 63;
            int bucket = Mix(Extend(Start, _keys[index])) & _mask;
            while (_buckets[bucket] != 0) bucket = (bucket + 1) & _mask;
            _buckets[bucket] = ++index;
        }
    }

    public IReadOnlyList<string> Fields { get; }

    /// <summary>
    /// Looks a path up by its bytes and its running hash (<see cref="Extend"/> from <see cref="Start"/> over the
    /// path, so a child's hash continues its parent's). Most property paths are ruled out by length alone.
    /// </summary>
    /// <summary>Whether any known path has this length: most property paths are ruled out here, before any copy or hash.</summary>
    public bool MayHaveLength(int length) => length <= _maxLength && (_lengths & (1UL << Math.Min(length, 63))) != 0;

    public bool TryFind(ReadOnlySpan<byte> path, int parentLength, uint parentHash, out Entry entry, out uint hash)
    {
        int length = path.Length;
        if (!MayHaveLength(length))
        {
            entry = default;
            hash = 0;
            return false;
        }
        hash = Extend(parentHash, path[parentLength..]);
        int bucket = Mix(hash) & _mask;
        while (true)
        {
            int index = _buckets[bucket] - 1;
            if (index < 0)
            {
                entry = default;
                return false;
            }
            if (path.SequenceEqual(_keys[index]))
            {
                entry = _entries[index];
                return true;
            }
            bucket = (bucket + 1) & _mask;
        }
    }

    /// <summary>The FNV-1a state of the empty path.</summary>
    public const uint Start = 2166136261;

    /// <summary>FNV-1a, continued over more bytes: hash("a.b") = Extend(Extend(Start, "a"), ".b").</summary>
    public static uint Extend(uint hash, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes) hash = (hash ^ b) * 16777619;
        return hash;
    }

    private static int Mix(uint hash) => (int)(hash ^ (hash >> 15));
}
