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
/// one of them), case-insensitive keys are looked up case-folded, and values compare as their JSON text.
/// </summary>
internal sealed class DispatchIndex
{
    private readonly (int Slot, bool IgnoreCase, Dictionary<string, int[]> Rules)[] _fields;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>>[] _lookups;
    private readonly bool[] _indexed;
    private char[] _chars = new char[256];

    private DispatchIndex((int Slot, bool IgnoreCase, Dictionary<string, int[]> Rules)[] fields, bool[] indexed)
    {
        _fields = fields;
        _lookups = fields.Select(f => f.Rules.GetAlternateLookup<ReadOnlySpan<char>>()).ToArray();
        _indexed = indexed;
    }

    /// <summary>The index of a rule set, or null when fewer than two rules have a key (nothing to gain).</summary>
    public static DispatchIndex? For(RuleSet rules)
    {
        var bySlot = new Dictionary<(int, bool), Dictionary<string, List<int>>>();
        bool[] indexed = new bool[rules.Rules.Count];
        for (int r = 0; r < rules.Rules.Count; r++)
        {
            DispatchKey? key = rules.Rules[r].Dispatch;
            if (key is null) continue;
            indexed[r] = true;
            var where = (rules.SlotMaps[r][key.Field], key.IgnoreCase);
            if (!bySlot.TryGetValue(where, out var values))
            {
                bySlot[where] = values = new Dictionary<string, List<int>>(key.IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
            }
            foreach (string value in key.Values)
            {
                if (!values.TryGetValue(value, out var list)) values[value] = list = new List<int>();
                list.Add(r);
            }
        }
        if (indexed.Count(i => i) < 2) return null;
        return new DispatchIndex(
            bySlot.Select(s => (s.Key.Item1, s.Key.Item2, s.Value.ToDictionary(v => v.Key, v => v.Value.ToArray(), s.Value.Comparer))).ToArray(),
            indexed);
    }

    /// <summary>Clears the candidate flag of every indexed rule whose key none of the event's values of that field matches.</summary>
    public void Narrow(ReadOnlySpan<byte> document, ReadOnlySpan<byte> aux, ReadOnlySpan<Slot> slots, Span<bool> candidates, Span<bool> reached)
    {
        reached.Clear();
        for (int f = 0; f < _fields.Length; f++)
        {
            FieldValue value = slots[_fields[f].Slot].Value(document, aux);
            foreach (FieldValue element in value.GetElements())
            {
                if (!element.IsScalar) continue;
                ReadOnlySpan<byte> bytes = element.Bytes;
                if (_chars.Length < bytes.Length) _chars = new char[bytes.Length * 2];
                int count = Encoding.UTF8.GetChars(bytes, _chars);
                if (_lookups[f].TryGetValue(_chars.AsSpan(0, count), out int[]? rules))
                {
                    foreach (int r in rules) reached[r] = true;
                }
            }
        }
        for (int r = 0; r < candidates.Length; r++)
        {
            if (_indexed[r] && !reached[r]) candidates[r] = false;
        }
    }
}
