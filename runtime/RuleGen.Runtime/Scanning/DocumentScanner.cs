using System;
using System.Collections.Generic;
using System.Text.Json;

namespace RuleGen.Runtime;

/// <summary>
/// Reads one JSON document once with <see cref="Utf8JsonReader"/>: records the value of every field in the
/// <see cref="FieldTable"/> in its slot, enters only objects that lead to a field, and skips every other subtree.
/// Strings are unescaped only when they carry escapes. Throws <see cref="JsonException"/> on malformed JSON.
/// </summary>
internal sealed class DocumentScanner
{
    private readonly FieldTable _table;
    private readonly Slot[] _slots;
    private readonly ByteArena _aux;
    private byte[] _name = new byte[256];

    public DocumentScanner(FieldTable table, ByteArena aux)
    {
        _table = table;
        // Slack at the end keeps this thread's slots, written for every event, off another thread's cache lines.
        _slots = new Slot[table.Fields.Count + 8];
        _aux = aux;
    }

    public Slot[] Slots => _slots;

    /// <summary>Gives back a name buffer grown past <paramref name="max"/> bytes by a huge escaped string.</summary>
    public void Trim(int max)
    {
        if (_name.Length > max) _name = new byte[256];
    }

    /// <summary>What the markers said about the document last scanned.</summary>
    public FieldTable.Marker Kind { get; private set; }

    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 };

    /// <summary>
    /// Reads <paramref name="document"/> into the slots. <paramref name="gatherRoot"/> false leaves the whole-document
    /// subtree empty, for <see cref="GatherRoot"/> to fill from another document (a raw record, not its normalised form).
    /// </summary>
    public void Scan(ReadOnlySpan<byte> document, bool gatherRoot = true)
    {
        _arrayOfObjectsDepth = 0;
        _gathered.Clear();
        _pending.Clear();
        Array.Clear(_slots, 0, _table.Fields.Count);
        Kind = FieldTable.Marker.None;
        var reader = new Utf8JsonReader(document, Options);
        if (!reader.Read()) throw new JsonException("empty document");
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"an event must be a JSON object, found {Describe(reader.TokenType)}");
        }
        if (gatherRoot && _table.Root.SubtreeSlot >= 0)
        {
            Utf8JsonReader copy = reader;
            GatherSubtree(document, ref copy, _table.Root.SubtreeSlot);
        }
        WalkObject(document, ref reader, _table.Root, topLevel: true);
        MergePending(document);
        if (reader.Read()) throw new JsonException("unexpected data after the end of the event");
    }

    /// <summary>Whether some rule reads every value of the whole document (a keyword search).</summary>
    public bool WantsRoot => _table.Root.SubtreeSlot >= 0;

    /// <summary>Fills the whole-document subtree from <paramref name="document"/> (valid JSON) instead.</summary>
    public void GatherRoot(ReadOnlySpan<byte> document)
    {
        if (_table.Root.SubtreeSlot < 0) return;
        _slots[_table.Root.SubtreeSlot] = default;
        var reader = new Utf8JsonReader(document, Options);
        if (reader.Read()) GatherSubtree(document, ref reader, _table.Root.SubtreeSlot);
    }

    /// <summary>
    /// Adds every scalar at or below the value at the reader to the subtree slot, as elements of one multivalue in
    /// the arena (property names are not values, JSON nulls are none); the reader ends on the value's last token.
    /// A loop, not recursion: the reader's own depth limit bounds the nesting.
    /// </summary>
    private void GatherSubtree(ReadOnlySpan<byte> document, ref Utf8JsonReader reader, int slotIndex)
    {
        int start = _aux.Length, count = 0;
        ValueKind lastKind = ValueKind.Null;
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            int depth = reader.CurrentDepth;
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray && reader.CurrentDepth == depth) break;
                AppendSubtreeScalar(ref reader, ref count, ref lastKind);
            }
        }
        else
        {
            AppendSubtreeScalar(ref reader, ref count, ref lastKind);
        }
        if (count == 0) return;
        Slot gathered = count == 1
            ? new Slot { Kind = lastKind, InAux = true, Start = start + 5, Length = _aux.Length - start - 5, Count = 1 }
            : new Slot { Kind = ValueKind.Multi, InAux = true, Start = start, Length = _aux.Length - start, Count = count };
        // Other spellings of the object ({"a.b": …} besides {"a": {"b": …}}) add their values to the same subtree.
        ref Slot slot = ref _slots[slotIndex];
        if (slot.Kind == ValueKind.Null) slot = gathered;
        else MergeLater(slotIndex, gathered);
    }

    private void AppendSubtreeScalar(ref Utf8JsonReader reader, ref int count, ref ValueKind lastKind)
    {
        ValueKind kind = reader.TokenType switch
        {
            JsonTokenType.String => ValueKind.String,
            JsonTokenType.Number => ValueKind.Number,
            JsonTokenType.True => ValueKind.True,
            JsonTokenType.False => ValueKind.False,
            _ => ValueKind.Null,
        };
        if (kind == ValueKind.Null) return;
        if (kind == ValueKind.String && reader.ValueIsEscaped)
        {
            // Unescaped straight into the element record: the header first, then the text, then its real length.
            Span<byte> target = _aux.Reserve(5 + reader.ValueSpan.Length);
            int written = reader.CopyString(target[5..]);
            target[0] = (byte)kind;
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(target.Slice(1, 4), written);
            _aux.Shrink(reader.ValueSpan.Length - written);
        }
        else
        {
            _aux.AppendElement(kind, reader.ValueSpan);
        }
        count++;
        lastKind = kind;
    }

    /// <summary>A property whose dotted name runs into or past a subtree's object gives its value to that subtree.</summary>
    private void GatherDottedSubtrees(ReadOnlySpan<byte> document, ref Utf8JsonReader reader, FieldTable.Node node, ReadOnlySpan<byte> name)
    {
        foreach (var (prefix, slot) in node.SubtreePrefixes)
        {
            if (!name.StartsWith(prefix)) continue;
            Utf8JsonReader copy = reader;
            GatherSubtree(document, ref copy, slot);
        }
    }

    private void WalkObject(ReadOnlySpan<byte> document, ref Utf8JsonReader reader, FieldTable.Node node, bool topLevel)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ReadOnlySpan<byte> name = reader.ValueSpan;
            if (reader.ValueIsEscaped)
            {
                if (_name.Length < name.Length) _name = new byte[name.Length * 2];
                name = _name.AsSpan(0, reader.CopyString(_name));
            }
            FieldTable.Node? child = node.Find(name);
            reader.Read();
            if (node.SubtreePrefixes.Length > 0) GatherDottedSubtrees(document, ref reader, node, name);
            if (child is not null && child.SubtreeSlot >= 0)
            {
                // Gathered from a copy: the walk below still reads the fields inside the object.
                Utf8JsonReader copy = reader;
                GatherSubtree(document, ref copy, child.SubtreeSlot);
            }
            if (child is null)
            {
                // A field no rule reads still says what the document is when it lies inside aws.cloudtrail.
                if (Kind == FieldTable.Marker.None && node.EcsMarkerPrefix is { } marker && name.StartsWith(marker)) Kind = FieldTable.Marker.EcsCloudTrail;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                continue;
            }
            if (child.Marker == FieldTable.Marker.RawCloudTrail && topLevel) Kind = FieldTable.Marker.RawCloudTrail;
            else if (child.Marker == FieldTable.Marker.EcsCloudTrail && Kind == FieldTable.Marker.None) Kind = FieldTable.Marker.EcsCloudTrail;

            if (child.Slot >= 0)
            {
                if (reader.TokenType == JsonTokenType.StartObject && child.HasChildren)
                {
                    // The field holds an object that other fields lie inside: keep it and enter it too.
                    Utf8JsonReader copy = reader;
                    Record(document, ref reader, child.Slot);
                    reader = copy;
                    WalkObject(document, ref reader, child, topLevel: false);
                    continue;
                }
                Record(document, ref reader, child.Slot);
                continue;
            }
            if (reader.TokenType == JsonTokenType.StartObject && child.HasChildren) WalkObject(document, ref reader, child, topLevel: false);
            else if (reader.TokenType == JsonTokenType.StartArray && child.HasChildren) WalkArrayOfObjects(document, ref reader, child);
            else if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
        }
    }

    // Inside an array of objects (aws.cloudtrail.resources[].arn), Elasticsearch flattens every object's values of a
    // field into one multivalue: values are gathered here, then written out when the outermost such array ends.
    private int _arrayOfObjectsDepth;
    private readonly List<(int Slot, ValueKind Kind, bool InAux, int Start, int Length)> _gathered = new();

    private void WalkArrayOfObjects(ReadOnlySpan<byte> document, ref Utf8JsonReader reader, FieldTable.Node node)
    {
        _arrayOfObjectsDepth++;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject) WalkObject(document, ref reader, node, topLevel: false);
            else if (reader.TokenType == JsonTokenType.StartArray) WalkArrayOfObjects(document, ref reader, node);
        }
        if (--_arrayOfObjectsDepth == 0 && _gathered.Count > 0) FinishGathered(document);
    }

    private void Gather(ReadOnlySpan<byte> document, ref Utf8JsonReader reader, int slotIndex)
    {
        Slot value = default;
        if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False)
        {
            RecordScalar(ref reader, ref value);
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            RecordArray(document, ref reader, ref value);
        }
        else if (reader.TokenType == JsonTokenType.StartObject)
        {
            int start = (int)reader.TokenStartIndex;
            reader.Skip();
            value = new Slot { Kind = ValueKind.Object, Start = start, Length = (int)reader.BytesConsumed - start, Count = 1 };
        }
        if (value.Kind == ValueKind.Null) return;
        if (value.Kind != ValueKind.Multi)
        {
            _gathered.Add((slotIndex, value.Kind, value.InAux, value.Start, value.Length));
            return;
        }
        // A multivalue's element records are in the arena: gather each element.
        ReadOnlySpan<byte> records = _aux.Slice(value.Start, value.Length);
        for (int offset = 0; offset < records.Length;)
        {
            int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(records.Slice(offset + 1, 4));
            _gathered.Add((slotIndex, (ValueKind)records[offset], true, value.Start + offset + 5, length));
            offset += 5 + length;
        }
    }

    private void FinishGathered(ReadOnlySpan<byte> document)
    {
        for (int i = 0; i < _gathered.Count; i++)
        {
            int slotIndex = _gathered[i].Slot;
            if (slotIndex < 0) continue;
            int count = 0, start = _aux.Length;
            ValueKind kind = _gathered[i].Kind;
            for (int j = i; j < _gathered.Count; j++)
            {
                var g = _gathered[j];
                if (g.Slot != slotIndex) continue;
                ReadOnlySpan<byte> bytes = g.InAux ? _aux.Slice(g.Start, g.Length) : document.Slice(g.Start, g.Length);
                _aux.AppendElement(g.Kind, bytes);
                _gathered[j] = (-1, g.Kind, g.InAux, g.Start, g.Length);
                count++;
            }
            Slot gathered = count == 1
                ? new Slot { Kind = kind, InAux = true, Start = start + 5, Length = _aux.Length - start - 5, Count = 1 }
                : new Slot { Kind = ValueKind.Multi, InAux = true, Start = start, Length = _aux.Length - start, Count = count };
            // Values the field got before the array (another spelling) come first.
            ref Slot slot = ref _slots[slotIndex];
            if (slot.Kind == ValueKind.Null) slot = gathered;
            else MergeLater(slotIndex, gathered);
        }
        _gathered.Clear();
    }

    private void Record(ReadOnlySpan<byte> document, ref Utf8JsonReader reader, int slotIndex)
    {
        if (_arrayOfObjectsDepth > 0)
        {
            Gather(document, ref reader, slotIndex);
            return;
        }
        ref Slot slot = ref _slots[slotIndex];
        if (slot.Kind == ValueKind.Null)
        {
            // The common case: the first (usually the only) spelling of the field; recorded in place.
            ReadValue(document, ref reader, ref slot);
            return;
        }
        // The field was already given a value by another spelling ({"a.b": 1, "a": {"b": 2}}): Elasticsearch indexes
        // both, so the new value is appended to the old one(s) as one multivalue, in document order.
        Slot added = default;
        ReadValue(document, ref reader, ref added);
        if (added.Kind != ValueKind.Null) MergeLater(slotIndex, added);
    }

    /// <summary>Reads the value at the reader into <paramref name="slot"/>; a JSON null leaves it as it is (NULL).</summary>
    private void ReadValue(ReadOnlySpan<byte> document, ref Utf8JsonReader reader, ref Slot slot)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
            case JsonTokenType.Number:
            case JsonTokenType.True:
            case JsonTokenType.False:
                RecordScalar(ref reader, ref slot);
                return;
            case JsonTokenType.Null:
                return;
            case JsonTokenType.StartObject:
            {
                int start = (int)reader.TokenStartIndex;
                reader.Skip();
                slot = new Slot { Kind = ValueKind.Object, Start = start, Length = (int)reader.BytesConsumed - start, Count = 1 };
                return;
            }
            case JsonTokenType.StartArray:
                RecordArray(document, ref reader, ref slot);
                return;
        }
        reader.Skip();
    }

    /// <summary>
    /// The values a field (or subtree) gets from its second and later spellings ({"a.b": 1, "a": {"b": 2}}, a dotted
    /// member of a whole object, a repeated key), merged once after the walk: merging at each spelling copied every
    /// value before it again, O(n²) bytes for n spellings (a 0.4 MB event could take a gigabyte).
    /// </summary>
    private readonly List<PendingMerge> _pending = new();

    private readonly struct PendingMerge : IComparable<PendingMerge>
    {
        public PendingMerge(int slotIndex, int order, Slot value)
        {
            SlotIndex = slotIndex;
            Order = order;
            Value = value;
        }

        public readonly int SlotIndex;
        public readonly int Order;
        public readonly Slot Value;

        // By slot, then in document order.
        public int CompareTo(PendingMerge other) => SlotIndex != other.SlotIndex ? SlotIndex.CompareTo(other.SlotIndex) : Order.CompareTo(other.Order);
    }

    private void MergeLater(int slotIndex, Slot value) => _pending.Add(new PendingMerge(slotIndex, _pending.Count, value));

    /// <summary>Each slot with later spellings becomes one multivalue: its first value's elements, then theirs, in document order.</summary>
    private void MergePending(ReadOnlySpan<byte> document)
    {
        if (_pending.Count == 0) return;
        Span<PendingMerge> pending = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_pending);
        pending.Sort();
        for (int i = 0; i < pending.Length;)
        {
            int slotIndex = pending[i].SlotIndex;
            ref Slot slot = ref _slots[slotIndex];
            int start = _aux.Length, count = slot.Count;
            AppendElements(document, slot);
            for (; i < pending.Length && pending[i].SlotIndex == slotIndex; i++)
            {
                AppendElements(document, pending[i].Value);
                count += pending[i].Value.Count;
            }
            slot = new Slot { Kind = ValueKind.Multi, InAux = true, Start = start, Length = _aux.Length - start, Count = count };
        }
        _pending.Clear();
    }

    private void AppendElements(ReadOnlySpan<byte> document, Slot value)
    {
        // Spans taken before the arena grows stay valid (they keep the old buffer), so copying within it is safe.
        if (value.Kind == ValueKind.Multi) _aux.Append(_aux.Slice(value.Start, value.Length));
        else _aux.AppendElement(value.Kind, (value.InAux ? _aux.Slice(value.Start, value.Length) : document.Slice(value.Start, value.Length)));
    }

    private void RecordScalar(ref Utf8JsonReader reader, ref Slot slot)
    {
        ValueKind kind = reader.TokenType switch
        {
            JsonTokenType.String => ValueKind.String,
            JsonTokenType.Number => ValueKind.Number,
            JsonTokenType.True => ValueKind.True,
            _ => ValueKind.False,
        };
        if (kind == ValueKind.String && reader.ValueIsEscaped)
        {
            Span<byte> target = _aux.Reserve(reader.ValueSpan.Length);
            int start = _aux.Length - target.Length;
            int written = reader.CopyString(target);
            _aux.Shrink(target.Length - written);
            slot = new Slot { Kind = kind, InAux = true, Start = start, Length = written, Count = 1 };
            return;
        }
        // A string token starts at its opening quote; the value starts one byte later.
        int offset = (int)reader.TokenStartIndex + (kind == ValueKind.String ? 1 : 0);
        slot = new Slot { Kind = kind, Start = offset, Length = reader.ValueSpan.Length, Count = 1 };
    }

    /// <summary>
    /// An array: null elements are dropped (as Elasticsearch does); none left is NULL, one left is that single
    /// value, more are a multi-value. Elements are copied to the arena as [kind][length][bytes] records.
    /// </summary>
    private void RecordArray(ReadOnlySpan<byte> document, ref Utf8JsonReader reader, ref Slot slot)
    {
        int start = _aux.Length;
        int count = 0;
        ValueKind singleKind = ValueKind.Null;
        int singleLength = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            ValueKind kind;
            ReadOnlySpan<byte> bytes;
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    continue;
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                {
                    // Nested structures inside an array are kept whole; operators treat them as non-comparable.
                    int from = (int)reader.TokenStartIndex;
                    reader.Skip();
                    kind = ValueKind.Object;
                    bytes = document[from..(int)reader.BytesConsumed];
                    break;
                }
                case JsonTokenType.String when reader.ValueIsEscaped:
                {
                    if (_name.Length < reader.ValueSpan.Length) _name = new byte[reader.ValueSpan.Length * 2];
                    int written = reader.CopyString(_name);
                    kind = ValueKind.String;
                    bytes = _name.AsSpan(0, written);
                    break;
                }
                default:
                    kind = reader.TokenType switch
                    {
                        JsonTokenType.String => ValueKind.String,
                        JsonTokenType.Number => ValueKind.Number,
                        JsonTokenType.True => ValueKind.True,
                        _ => ValueKind.False,
                    };
                    bytes = reader.ValueSpan;
                    break;
            }
            _aux.AppendElement(kind, bytes);
            count++;
            singleKind = kind;
            singleLength = bytes.Length;
        }
        slot = count switch
        {
            0 => default,
            1 => new Slot { Kind = singleKind, InAux = true, Start = start + 5, Length = singleLength, Count = 1 },
            _ => new Slot { Kind = ValueKind.Multi, InAux = true, Start = start, Length = _aux.Length - start, Count = count },
        };
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };
}
