using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using RuleGen.Generator.Languages.Kql;
using Xunit;

namespace RuleGen.Tests.Kql;

/// <summary>
/// Every KQL query of Elastic's AWS rule pack (Data/kql/aws-pack-queries.json, Elastic License 2.0, see its
/// MANIFEST.txt) parses, its literals' spans hold their raw text, and it prints back to KQL that parses to the same
/// tree. A handful of them have their whole tree in a golden file.
/// </summary>
public class KqlCorpusTests
{
    public sealed record CorpusQuery(string File, string RuleId, string Name, string Query);

    private static readonly IReadOnlyList<CorpusQuery> Queries = Load();

    private static IReadOnlyList<CorpusQuery> Load()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Repository.Data("kql", "aws-pack-queries.json")));
        return document.RootElement.GetProperty("queries").EnumerateArray()
            .Select(q => new CorpusQuery(q.GetProperty("file").GetString()!, q.GetProperty("rule_id").GetString()!,
                q.GetProperty("name").GetString()!, q.GetProperty("query").GetString()!))
            .ToList();
    }

    public static TheoryData<string> Files() => new(Queries.Select(q => q.File));

    [Fact]
    public void TheFileHoldsEveryKueryRuleOfThePack()
    {
        // 156 of the corpus's 229 AWS rule files are KQL, 13 of them deprecated.
        Assert.Equal(156, Queries.Count);
        Assert.Equal(13, Queries.Count(q => q.File.StartsWith("_deprecated/", System.StringComparison.Ordinal)));
        Assert.Equal(Queries.Count, Queries.Select(q => q.RuleId).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryQueryParsesAndPrintsBackToTheSameTree(string file)
    {
        string text = Queries.Single(q => q.File == file).Query;
        KqlQuery query = KqlParser.Parse(text);
        Assert.NotNull(query.Expression);
        foreach (KqlLiteral literal in KqlWalk.Literals(query)) Assert.Equal(literal.Raw, text.Substring(literal.Start, literal.Length));

        string printed = KqlSyntaxPrinter.ToKql(query);
        Assert.Equal(KqlSyntaxPrinter.Syntax(query), KqlSyntaxPrinter.Syntax(KqlParser.Parse(printed)));
    }

    [Fact]
    public void ThePackUsesFreeTextNowhereAndEveryFieldIsUnquoted()
    {
        // What the binder will meet: fields are plain names, values are literals, wildcards or lists of them.
        foreach (CorpusQuery q in Queries)
        {
            KqlQuery query = KqlParser.Parse(q.Query);
            Assert.DoesNotContain(KqlWalk.Expressions(query), e => e is KqlMatchExpression { Field: null });
            Assert.All(KqlWalk.Fields(query), f => Assert.False(f.IsQuoted || f.HasWildcard, $"{q.File}: {f.Raw}"));
        }
    }

    /// <summary>Queries chosen for their shapes: NOT over lists, escapes, lone and inner wildcards, nested lists,
    /// unquoted numbers and booleans, a query that starts indented.</summary>
    private static readonly string[] GoldenFiles =
    {
        "collection_s3_bucket_acl_public_access_new_identity.toml",
        "credential_access_rapid_secret_retrieval_attempts_from_secretsmanager.toml",
        "defense_evasion_guardduty_finding_suppression.toml",
        "discovery_new_terms_sts_getcalleridentity_ec2_role_new_source_as.toml",
        "defense_evasion_vpc_security_group_ingress_rule_added_for_remote_connections.toml",
        "privilege_escalation_iam_customer_managed_policy_attached_to_role.toml",
        "privilege_escalation_sts_role_chaining.toml",
        "_deprecated/defense_evasion_elasticache_security_group_modified_or_deleted.toml",
    };

    [Fact]
    public void AHandfulOfTreesMatchTheirGoldenFile()
    {
        var text = new StringBuilder();
        foreach (string file in GoldenFiles)
        {
            CorpusQuery q = Queries.Single(x => x.File == file);
            text.Append("=== ").Append(q.File).Append('\n');
            text.Append(KqlSyntaxPrinter.Tree(KqlParser.Parse(q.Query))).Append('\n');
        }
        Snapshot.Match("kql-aws-pack-trees", text.ToString());
    }
}
