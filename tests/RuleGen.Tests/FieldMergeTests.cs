using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests;

/// <summary>
/// One field spelt more than once in a document: Elasticsearch indexes <c>{"a.b": 1, "a": {"b": 2}}</c> as field
/// a.b with the values [1, 2], so the scanner merges every occurrence (dotted, nested, mixed, repeated, inside
/// arrays of objects) into one multivalue in document order (docs/semantics.md, "Values").
/// </summary>
public class FieldMergeTests
{
    private static readonly string[] Fields = { "a.b", "a.b.c", "r.arn", "x" };

    /// <summary>The values the scanner records for <paramref name="field"/>, in order, as JSON texts.</summary>
    private static string[] Values(string json, string field)
    {
        var table = new FieldTable(Fields);
        var aux = new ByteArena();
        var scanner = new DocumentScanner(table, aux);
        byte[] document = Encoding.UTF8.GetBytes(json);
        scanner.Scan(document);
        FieldValue value = scanner.Slots[Array.IndexOf(Fields, field)].Value(document, aux.Written);
        var texts = new List<string>();
        foreach (FieldValue element in value.GetElements()) texts.Add(Text(element));
        return texts.ToArray();
    }

    private static string Text(FieldValue value) => value.Kind switch
    {
        ValueKind.String => "\"" + Encoding.UTF8.GetString(value.Bytes) + "\"",
        _ => Encoding.UTF8.GetString(value.Bytes),
    };

    [Theory]
    // One spelling: as before.
    [InlineData("a.b", "{\"a.b\":1}", "1")]
    [InlineData("a.b", "{\"a\":{\"b\":[1,2]}}", "1,2")]
    // Dotted then nested, nested then dotted, mixed: every occurrence, in document order.
    [InlineData("a.b", "{\"a.b\":1,\"a\":{\"b\":2}}", "1,2")]
    [InlineData("a.b", "{\"a\":{\"b\":2},\"a.b\":1}", "2,1")]
    [InlineData("a.b", "{\"a\":{\"b\":\"x\"},\"a.b\":\"y\",\"a\":{\"b\":\"z\"}}", "\"x\",\"y\",\"z\"")]
    // Repeated name (Elasticsearch itself refuses a literal duplicate key: see docs/semantics.md).
    [InlineData("x", "{\"x\":1,\"x\":2}", "1,2")]
    // Arrays and escapes keep their elements; an escaped name is the same field.
    [InlineData("a.b", "{\"a.b\":[1,2],\"a\":{\"b\":[3]},\"a\\u002eb\":\"q\\u0022\"}", "1,2,3,\"q\"\"")]
    // null and [] add nothing, and do not erase what another spelling gave.
    [InlineData("a.b", "{\"a.b\":1,\"a\":{\"b\":null}}", "1")]
    [InlineData("a.b", "{\"a.b\":null,\"a\":{\"b\":2}}", "2")]
    [InlineData("a.b", "{\"a.b\":[],\"a\":{\"b\":[null,3]}}", "3")]
    // Deeper: a.b.c dotted at three levels.
    [InlineData("a.b.c", "{\"a.b.c\":1,\"a\":{\"b.c\":2,\"b\":{\"c\":3}}}", "1,2,3")]
    public void EveryOccurrenceOfAFieldIsOneMultivalueInDocumentOrder(string field, string json, string expected) =>
        Assert.Equal(expected, string.Join(",", Values(json, field)));

    [Theory]
    // Arrays of objects flatten (already so before merging existed) ...
    [InlineData("{\"r\":[{\"arn\":\"x\"},{\"arn\":\"y\"}]}", "\"x\",\"y\"")]
    // ... and merge with the field's other spellings, before and after the array.
    [InlineData("{\"r.arn\":\"w\",\"r\":[{\"arn\":\"x\"},{\"arn\":\"y\"}],\"r.arn\":\"z\"}", "\"w\",\"x\",\"y\",\"z\"")]
    [InlineData("{\"r\":[{\"arn\":\"x\"}],\"r.arn\":\"z\"}", "\"x\",\"z\"")]
    [InlineData("{\"r\":[{\"arn\":[\"a\",\"b\"]},{\"arn\":\"c\"}],\"r\":[{\"arn\":\"d\"}]}", "\"a\",\"b\",\"c\",\"d\"")]
    public void ArraysOfObjectsFlattenAndMerge(string json, string expected) =>
        Assert.Equal(expected, string.Join(",", Values(json, "r.arn")));

    [Fact]
    public void ASingleSpellingIsRecordedInPlaceWithoutTheArena()
    {
        // The common path keeps pointing into the document: nothing copied, so nothing to allocate or grow.
        var table = new FieldTable(Fields);
        var aux = new ByteArena();
        var scanner = new DocumentScanner(table, aux);
        scanner.Scan(Encoding.UTF8.GetBytes("{\"a\":{\"b\":\"v\"},\"x\":7}"));
        Assert.Equal(0, aux.Length);
        Assert.False(scanner.Slots[0].InAux);
    }

    [Fact]
    public void ScanningDocumentsWithOneSpellingPerFieldAllocatesNothing()
    {
        // The allocation pin of the common path (AllocationTests does the same through the whole scanner): a warm
        // scanner reading documents whose fields are spelt once allocates nothing, merged documents in between or not.
        var table = new FieldTable(Fields);
        var aux = new ByteArena();
        var scanner = new DocumentScanner(table, aux);
        byte[][] documents =
        {
            Encoding.UTF8.GetBytes("{\"a\":{\"b\":\"v\",\"z\":[1,{\"q\":2}]},\"x\":7,\"r\":[{\"arn\":\"x\"},{\"arn\":\"y\"}]}"),
            Encoding.UTF8.GetBytes("{\"a.b\":[1,2,3],\"x\":\"s\\u0041\",\"other\":{\"deep\":[{\"k\":1}]}}"),
            Encoding.UTF8.GetBytes("{\"a.b\":1,\"a\":{\"b\":2},\"x\":1,\"x\":2}"),
        };
        void Round()
        {
            foreach (byte[] d in documents)
            {
                aux.Reset();
                scanner.Scan(d);
            }
        }
        for (int i = 0; i < 100; i++) Round();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) Round();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
