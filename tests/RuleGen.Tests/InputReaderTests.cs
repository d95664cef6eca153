using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;
using RuleGen.Runtime;
using Xunit;

namespace RuleGen.Tests;

/// <summary>Every input layout the runtime promises, read from bytes: documents, their lines, and reported problems.</summary>
public class InputReaderTests
{
    private static (List<(string Doc, long Line)> Docs, List<(long Line, string Reason)> Problems, InputFormat Format) Read(byte[] bytes)
    {
        var docs = new List<(string, long)>();
        var problems = new List<(long, string)>();
        InputFormat format = InputReader.Read(new MemoryStream(bytes), (d, line, _) => docs.Add((Encoding.UTF8.GetString(d), line)), (line, reason) => problems.Add((line, reason)));
        return (docs, problems, format);
    }

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void CloudTrailRecordsYieldEveryRecord()
    {
        var (docs, problems, format) = Read(Utf8("{\"Records\":[{\"a\":1},{\"b\":\"]}\"},\n{\"c\":{\"d\":[1,2]}}]}"));
        Assert.Equal(InputFormat.CloudTrailRecords, format);
        Assert.Equal(new[] { "{\"a\":1}", "{\"b\":\"]}\"}", "{\"c\":{\"d\":[1,2]}}" }, docs.ConvertAll(d => d.Doc));
        Assert.Equal(new long[] { 1, 1, 2 }, docs.ConvertAll(d => d.Line));
        Assert.Empty(problems);
    }
}
