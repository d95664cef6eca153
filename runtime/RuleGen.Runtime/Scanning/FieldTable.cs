using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RuleGen.Runtime;

/// <summary>
/// The property paths a scan must recognise, as a tree matched by the UTF-8 bytes of property names as they stand
/// in the event (no copy, no decoding, no hashing): each object level knows the few names that lead somewhere —
/// single segments ("event") and dotted runs ("aws.cloudtrail", "cloudtrail.user_identity.type") alike, so nested,
/// dotted and mixed spellings reach the same field. Nodes carry the slot of the field ending there and markers that
/// tell what kind of document it is.
/// </summary>
internal sealed class FieldTable
{
    public enum Marker : byte { None, RawCloudTrail, EcsCloudTrail }

    public sealed class Node
    {
        private (byte[] Name, Node Child)[] _children = Array.Empty<(byte[], Node)>();
        private ulong _lengths; // bit n: some child name is n bytes long (63: 63 or more)

        /// <summary>The slot of the field that ends here, or -1.</summary>
        public int Slot { get; set; } = -1;

        /// <summary>The slot gathering every scalar below the object here (a subtree field, <c>path.**</c>), or -1.</summary>
        public int SubtreeSlot { get; set; } = -1;

        /// <summary>
        /// Subtrees below this node reached by a dotted property name that runs past them: a property whose name
        /// starts with <c>Prefix</c> ("versioning." for the subtree requestParameters.versioning, seen from
        /// requestParameters) lies inside the subtree of <c>Slot</c>.
        /// </summary>
        public (byte[] Prefix, int Slot)[] SubtreePrefixes { get; private set; } = Array.Empty<(byte[], int)>();

        public void AddSubtreePrefix(byte[] prefix, int slot) => SubtreePrefixes = SubtreePrefixes.Append((prefix, slot)).ToArray();

        public Marker Marker { get; set; }

        /// <summary>
        /// A dotted property name below this node that starts with these bytes is inside aws.cloudtrail, so the
        /// document is an ECS one even when no rule reads that field ({"aws.cloudtrail.event_version": …}); null: none.
        /// </summary>
        public byte[]? EcsMarkerPrefix { get; set; }

        /// <summary>Whether any field lies below this node.</summary>
        public bool HasChildren => _children.Length > 0;

        /// <summary>The child reached by a property with this name (compared by length, then bytes), or null.</summary>
        public Node? Find(ReadOnlySpan<byte> name)
        {
            // Most property names of an event lead nowhere: their length alone says so.
            if ((_lengths & (1UL << Math.Min(name.Length, 63))) == 0) return null;
            foreach (var (childName, child) in _children)
            {
                if (childName.Length == name.Length && name.SequenceEqual(childName)) return child;
            }
            return null;
        }

        public void Add(byte[] name, Node child)
        {
            _children = _children.Append((name, child)).ToArray();
            _lengths |= 1UL << Math.Min(name.Length, 63);
        }
    }

    public FieldTable(IReadOnlyList<string> fields)
    {
        Fields = fields;
        // Every path by its dotted name, then the links between them: a property named "b.c" inside the object at
        // path "a" leads to the node of "a.b.c".
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal) { [string.Empty] = Root };
        Node NodeOf(string path)
        {
            if (!nodes.TryGetValue(path, out Node? node)) nodes[path] = node = new Node();
            return node;
        }

        // A subtree entry ("a.b.**", "**" for the whole document) marks the node of its object, never a property
        // literally named "**".
        var paths = new List<string>();
        var subtrees = new List<(string Path, int Slot)>();
        for (int slot = 0; slot < fields.Count; slot++)
        {
            string field = fields[slot];
            if (field == "**") Root.SubtreeSlot = slot;
            else if (field.EndsWith(".**", StringComparison.Ordinal)) subtrees.Add((field[..^3], slot));
            else
            {
                paths.Add(field);
                NodeOf(field).Slot = slot;
            }
        }
        foreach (var (path, slot) in subtrees)
        {
            paths.Add(path);
            NodeOf(path).SubtreeSlot = slot;
            // From every object above it, a dotted name that goes past the subtree's path lands inside it.
            for (int dot = -1; dot < path.Length; dot = path.IndexOf('.', dot + 1))
            {
                string parent = dot < 0 ? string.Empty : path[..dot];
                NodeOf(parent).AddSubtreePrefix(Encoding.UTF8.GetBytes(path[(dot + 1)..] + "."), slot);
                if (path.IndexOf('.', dot + 1) < 0) break;
            }
        }
        paths.AddRange(new[] { "eventSource", "aws.cloudtrail" });
        // A top-level eventSource means a raw CloudTrail record; an aws.cloudtrail object means an ECS document of
        // the aws.cloudtrail data stream (whose constant fields Elasticsearch keeps out of the document).
        NodeOf("eventSource").Marker = Marker.RawCloudTrail;
        NodeOf("aws.cloudtrail").Marker = Marker.EcsCloudTrail;
        Root.EcsMarkerPrefix = Encoding.UTF8.GetBytes("aws.cloudtrail.");
        NodeOf("aws").EcsMarkerPrefix = Encoding.UTF8.GetBytes("cloudtrail.");
        // So do the fields below it, reached by a dotted name that skips the aws.cloudtrail node itself
        // ({"aws.cloudtrail.user_identity.type": …} or {"aws": {"cloudtrail.user_identity.type": …}}).
        foreach (string field in paths)
        {
            if (field.StartsWith("aws.cloudtrail.", StringComparison.Ordinal)) NodeOf(field).Marker = Marker.EcsCloudTrail;
        }

        var linked = new HashSet<(string, string)>();
        foreach (string path in paths)
        {
            // Every prefix at a dot can be an object; every run of segments after it a property name.
            var starts = new List<int> { 0 };
            for (int dot = path.IndexOf('.'); dot > 0; dot = path.IndexOf('.', dot + 1)) starts.Add(dot + 1);
            var ends = starts.Skip(1).Select(s => s - 1).Append(path.Length).ToList();
            foreach (int start in starts)
            {
                string parent = start == 0 ? string.Empty : path.Substring(0, start - 1);
                foreach (int end in ends.Where(e => e > start))
                {
                    string child = path.Substring(0, end);
                    if (linked.Add((parent, child))) NodeOf(parent).Add(Encoding.UTF8.GetBytes(path.Substring(start, end - start)), NodeOf(child));
                }
            }
        }
    }

    public IReadOnlyList<string> Fields { get; }

    /// <summary>The document's own top level.</summary>
    public Node Root { get; } = new();
}
