using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace RuleGen.Runtime;

/// <summary>
/// Rules indexed by the values of the fields their conditions require (see <see cref="DispatchKey"/>): after an
/// event is scanned, one lookup per value of each indexed field (usually just event.action) finds the few rules that
/// can match it, so the cost of a scan barely grows with the number of rules. Rules without a key are never skipped.
/// Sound for every leaf semantics: each value of a multivalued field is looked up (an any-value leaf may match any
/// one of them), case-insensitive keys are looked up case-folded, values compare as their JSON text, and a prefix
/// key ("Delete*") is looked up as the value's first characters, one lookup per distinct prefix length.
/// </summary>
internal sealed class DispatchIndex
{
    /// <summary>One indexed field (in one case mode): rules by exact value, and by value prefix, grouped by prefix length.</summary>
    private sealed class Field
    {
        public Field(int slot, StringComparer comparer)
        {
            Slot = slot;
            Exact = new Dictionary<string, List<int>>(comparer);
            Comparer = comparer;
        }

        public int Slot { get; }
        public StringComparer Comparer { get; }
        public Dictionary<string, List<int>> Exact { get; }
        public SortedDictionary<int, Dictionary<string, List<int>>> ByPrefixLength { get; } = new();
        public Dictionary<string, List<int>>.AlternateLookup<ReadOnlySpan<char>> ExactLookup;
        public (int Length, Dictionary<string, List<int>>.AlternateLookup<ReadOnlySpan<char>> Lookup)[] PrefixLookups = Array.Empty<(int, Dictionary<string, List<int>>.AlternateLookup<ReadOnlySpan<char>>)>();

        public void Freeze()
        {
            ExactLookup = Exact.GetAlternateLookup<ReadOnlySpan<char>>();
            PrefixLookups = ByPrefixLength.Select(p => (p.Key, p.Value.GetAlternateLookup<ReadOnlySpan<char>>())).ToArray();
        }
    }

    private readonly Field[] _fields;
    private readonly bool[] _indexed;
    private char[] _chars = new char[256];

    private DispatchIndex(Field[] fields, bool[] indexed)
    {
        _fields = fields;
        _indexed = indexed;
    }

    /// <summary>The index of a rule set, or null when fewer than two rules have a key (nothing to gain).</summary>
    public static DispatchIndex? For(RuleSet rules)
    {
        var bySlot = new Dictionary<(int, bool), Field>();
        bool[] indexed = new bool[rules.Rules.Count];
        for (int r = 0; r < rules.Rules.Count; r++)
        {
            if (rules.Rules[r].Dispatch is null) continue;
            indexed[r] = true;
            // A chain of keys registers the rule under each: any one reaching it is enough.
            for (DispatchKey? key = rules.Rules[r].Dispatch; key is not null; key = key.OrElse) Register(bySlot, key, rules.SlotMaps[r], r);
        }
        if (indexed.Count(i => i) < 2) return null;
        foreach (Field field in bySlot.Values) field.Freeze();
        return new DispatchIndex(bySlot.Values.ToArray(), indexed);
    }

    private static void Register(Dictionary<(int, bool), Field> bySlot, DispatchKey key, int[] slotMap, int r)
    {
        var where = (slotMap[key.Field], key.IgnoreCase);
        if (!bySlot.TryGetValue(where, out Field? field))
        {
            bySlot[where] = field = new Field(where.Item1, key.IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        }
        foreach (string value in key.Values) Add(field.Exact, value, r);
        foreach (string prefix in key.Prefixes)
        {
            if (!field.ByPrefixLength.TryGetValue(prefix.Length, out var byLength))
            {
                field.ByPrefixLength[prefix.Length] = byLength = new Dictionary<string, List<int>>(field.Comparer);
            }
            Add(byLength, prefix, r);
        }
    }

    private static void Add(Dictionary<string, List<int>> map, string value, int rule)
    {
        if (!map.TryGetValue(value, out var list)) map[value] = list = new List<int>();
        if (!list.Contains(rule)) list.Add(rule);
    }

    /// <summary>Clears the candidate flag of every indexed rule whose key none of the event's values of that field matches.</summary>
    public void Narrow(ReadOnlySpan<byte> document, ReadOnlySpan<byte> aux, ReadOnlySpan<Slot> slots, Span<bool> candidates, Span<bool> reached)
    {
        reached.Clear();
        foreach (Field field in _fields)
        {
            FieldValue value = slots[field.Slot].Value(document, aux);
            foreach (FieldValue element in value.GetElements())
            {
                if (!element.IsScalar) continue;
                ReadOnlySpan<byte> bytes = element.Bytes;
                if (_chars.Length < bytes.Length) _chars = new char[bytes.Length * 2];
                ReadOnlySpan<char> text = _chars.AsSpan(0, Encoding.UTF8.GetChars(bytes, _chars));
                if (field.ExactLookup.TryGetValue(text, out List<int>? rules)) Reach(rules, reached);
                foreach (var (length, lookup) in field.PrefixLookups)
                {
                    if (length > text.Length) break;
                    if (lookup.TryGetValue(text[..length], out rules)) Reach(rules, reached);
                }
            }
        }
        for (int r = 0; r < candidates.Length; r++)
        {
            if (_indexed[r] && !reached[r]) candidates[r] = false;
        }
    }

    private static void Reach(List<int> rules, Span<bool> reached)
    {
        foreach (int r in rules) reached[r] = true;
    }
}
