using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace RuleGen.Benchmarks;

/// <summary>
/// A deterministic corpus of CloudTrail events as Elastic's pipeline indexes them (ECS, nested), NDJSON. Event
/// names, sizes and nesting vary like real CloudTrail (read-only noise dominates; request strings from a few bytes
/// to a few kilobytes). Planted: a MADE seed-rule hit every 10,007 events and a near miss (root creating a login
/// profile for another user) every 5,003, so the expected alert count is known.
/// </summary>
public static class Corpus
{
    public const int HitEvery = 10_007;
    public const int NearMissEvery = 5_003;

    // Read-only noise dominates real CloudTrail; the write calls detection rules look for are a fraction of a percent.
    private static readonly (string Provider, string Action, int Weight)[] Events =
    {
        ("ec2.amazonaws.com", "DescribeInstances", 300), ("s3.amazonaws.com", "GetObject", 250), ("s3.amazonaws.com", "ListBuckets", 80),
        ("sts.amazonaws.com", "AssumeRole", 200), ("kms.amazonaws.com", "Decrypt", 150), ("iam.amazonaws.com", "GetUser", 60),
        ("iam.amazonaws.com", "ListRoles", 50), ("cloudtrail.amazonaws.com", "LookupEvents", 30), ("signin.amazonaws.com", "ConsoleLogin", 30),
        ("ec2.amazonaws.com", "DescribeSecurityGroups", 60), ("lambda.amazonaws.com", "Invoke", 50), ("secretsmanager.amazonaws.com", "DescribeSecret", 30),
        ("iam.amazonaws.com", "CreateAccessKey", 1), ("iam.amazonaws.com", "AttachUserPolicy", 1), ("s3.amazonaws.com", "PutBucketPolicy", 1),
        ("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", 1), ("cloudtrail.amazonaws.com", "StopLogging", 1), ("iam.amazonaws.com", "CreateUser", 1),
        ("kms.amazonaws.com", "ScheduleKeyDeletion", 1), ("guardduty.amazonaws.com", "UpdateDetector", 1), ("iam.amazonaws.com", "UpdateLoginProfile", 1),
        ("secretsmanager.amazonaws.com", "GetSecretValue", 2), ("ec2.amazonaws.com", "RunInstances", 2), ("s3.amazonaws.com", "PutBucketAcl", 1),
    };

    private static readonly string[] IdentityTypes = { "AssumedRole", "AssumedRole", "AssumedRole", "IAMUser", "IAMUser", "AWSService", "Root", "FederatedUser" };
    private static readonly string[] Regions = { "us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2" };
    private static readonly string[] Agents =
    {
        "aws-cli/2.15.30 Python/3.11.8 Linux/6.1.0 exe/x86_64.debian.12 prompt/off command/ec2.describe-instances",
        "Boto3/1.34.61 md/Botocore#1.34.61 ua/2.0 os/linux#5.10.210 md/arch#x86_64 lang/python#3.12.2 cfg/retry-mode#legacy Botocore/1.34.61",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36",
        "aws-sdk-go-v2/1.25.3 os/linux lang/go#1.22.1 md/GOOS#linux md/GOARCH#amd64 api/sts#1.28.4", "AWS Internal", "ec2.amazonaws.com",
    };

    public sealed record Summary(long Events, long Bytes, long PlantedHits, long PlantedNearMisses);

    /// <summary>Writes about <paramref name="megabytes"/> MB of NDJSON.</summary>
    public static Summary Write(Stream output, int megabytes, int seed = 42)
    {
        var random = new Random(seed);
        var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        long target = (long)megabytes << 20, events = 0, hits = 0, misses = 0, bytes = 0;
        int totalWeight = 0;
        foreach (var e in Events) totalWeight += e.Weight;
        DateTime time = new(2024, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        while (bytes < target)
        {
            events++;
            time = time.AddMilliseconds(random.Next(1, 400));
            string provider, action, identity;
            string? userName = null;
            bool hit = events % HitEvery == 0, miss = events % NearMissEvery == 0;
            if (hit || miss)
            {
                (provider, action, identity) = ("iam.amazonaws.com", "CreateLoginProfile", "Root");
                if (miss) userName = "backdoor-" + events;
                if (hit) hits++; else misses++;
            }
            else
            {
                int pick = random.Next(totalWeight);
                (provider, action, _) = Events[0];
                foreach (var e in Events)
                {
                    if ((pick -= e.Weight) < 0)
                    {
                        (provider, action) = (e.Provider, e.Action);
                        break;
                    }
                }
                identity = IdentityTypes[random.Next(IdentityTypes.Length)];
            }
            string account = (100000000000L + random.Next(0, 40) * 7919L).ToString();
            bool failed = !hit && !miss && random.Next(20) == 0;

            writer.WriteStartObject();
            writer.WriteString("@timestamp", time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
            writer.WriteStartObject("event");
            writer.WriteString("action", action);
            writer.WriteString("provider", provider);
            writer.WriteString("outcome", failed ? "failure" : "success");
            writer.WriteString("kind", "event");
            writer.WriteString("id", Guid(random));
            writer.WriteStartArray("type");
            writer.WriteStringValue("info");
            writer.WriteEndArray();
            writer.WriteString("created", time.AddMinutes(4).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
            writer.WriteEndObject();
            writer.WriteStartObject("cloud");
            writer.WriteStartObject("account");
            writer.WriteString("id", account);
            writer.WriteEndObject();
            writer.WriteString("region", Regions[random.Next(Regions.Length)]);
            writer.WriteEndObject();
            string ip = $"{random.Next(1, 223)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";
            writer.WriteStartObject("source");
            writer.WriteString("address", random.Next(6) == 0 ? provider : ip);
            writer.WriteString("ip", ip);
            if (random.Next(2) == 0)
            {
                writer.WriteStartObject("geo");
                writer.WriteString("country_iso_code", random.Next(3) == 0 ? "DE" : "US");
                writer.WriteString("city_name", random.Next(2) == 0 ? "Ashburn" : "Frankfurt am Main");
                writer.WriteStartObject("location");
                writer.WriteNumber("lat", 39.0 + random.NextDouble());
                writer.WriteNumber("lon", -77.0 - random.NextDouble());
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteStartObject("user_agent");
            writer.WriteString("original", Agents[random.Next(Agents.Length)]);
            writer.WriteEndObject();
            writer.WriteStartObject("user");
            writer.WriteString("name", identity == "Root" ? "root" : "user-" + random.Next(50));
            writer.WriteEndObject();

            writer.WriteStartObject("aws");
            writer.WriteStartObject("cloudtrail");
            writer.WriteString("event_version", "1.09");
            writer.WriteString("event_type", "AwsApiCall");
            writer.WriteString("request_id", Guid(random));
            writer.WriteString("recipient_account_id", account);
            writer.WriteStartObject("user_identity");
            writer.WriteString("type", identity);
            writer.WriteString("arn", identity == "Root" ? $"arn:aws:iam::{account}:root" : $"arn:aws:sts::{account}:assumed-role/role-{random.Next(30)}/session-{random.Next(1000)}");
            if (hit || miss || random.Next(4) != 0) writer.WriteString("access_key_id", "ASIA" + Hex(random, 16).ToUpperInvariant());
            writer.WriteStartObject("session_context");
            writer.WriteString("mfa_authenticated", random.Next(3) == 0 ? "true" : "false");
            writer.WriteString("creation_date", time.AddMinutes(-random.Next(600)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"));
            writer.WriteEndObject();
            writer.WriteEndObject();
            string request = Request(random, action, userName);
            writer.WriteString("request_parameters", request);
            if (!failed && random.Next(3) == 0) writer.WriteString("response_elements", "{requestId=" + Guid(random) + ", status=OK}");
            if (failed) writer.WriteString("error_code", "AccessDenied");
            writer.WriteStartObject("flattened");
            writer.WriteStartObject("request_parameters");
            writer.WriteString("raw", request.Length > 200 ? request[..200] : request);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartObject("related");
            writer.WriteStartArray("entity");
            writer.WriteStringValue(account);
            writer.WriteStringValue(ip);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.Flush();
            output.WriteByte((byte)'\n');
            bytes += writer.BytesCommitted + 1;
            writer.Reset();
        }
        return new Summary(events, bytes, hits, misses);
    }

    private static string Request(Random random, string action, string? userName)
    {
        var text = new StringBuilder("{");
        if (action == "CreateLoginProfile")
        {
            if (userName is not null) text.Append("userName=").Append(userName).Append(", ");
            return text.Append("passwordResetRequired=").Append(random.Next(2) == 0).Append('}').ToString();
        }
        int size = random.Next(10) switch { < 5 => 1, < 8 => 3, < 9 => 8, _ => 40 };
        for (int i = 0; i < size; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(i % 3 == 0 ? "instancesSet" : i % 3 == 1 ? "bucketName" : "filterSet").Append(i).Append('=');
            text.Append(i % 5 == 4 ? "{items=[{name=tag:Name, valueSet={items=[{value=" + Hex(random, 12) + "}]}}]}" : Hex(random, 8 + random.Next(24)));
        }
        return text.Append('}').ToString();
    }

    private static string Guid(Random random) => $"{Hex(random, 8)}-{Hex(random, 4)}-{Hex(random, 4)}-{Hex(random, 4)}-{Hex(random, 12)}";

    private static string Hex(Random random, int length)
    {
        const string digits = "0123456789abcdef";
        var chars = new char[length];
        for (int i = 0; i < length; i++) chars[i] = digits[random.Next(16)];
        return new string(chars);
    }
}
