using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Surge.IntegrationTests.Alerts.Sources;

/// <summary>Builds and sends notifications the way each alarm system does.</summary>
public static class SourcesBodies
{
    /// <summary>A Grafana 9 body with one firing alert, Grafana's fingerprint and rule UID.</summary>
    public static string Grafana(string alertName, string service, DateTimeOffset startsAt, string fingerprint) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["receiver"] = "surge",
        ["status"] = "firing",
        ["orgId"] = 1,
        ["alerts"] = new[]
        {
            new Dictionary<string, object>
            {
                ["status"] = "firing",
                ["labels"] = new Dictionary<string, string> { ["alertname"] = alertName, ["service"] = service },
                ["annotations"] = new Dictionary<string, string> { ["summary"] = "Traffic is rising" },
                ["startsAt"] = startsAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
                ["endsAt"] = "0001-01-01T00:00:00Z",
                ["generatorURL"] = "https://grafana.example.com/alerting/grafana/x/view",
                ["fingerprint"] = fingerprint,
                ["silenceURL"] = "",
                ["dashboardURL"] = "",
                ["panelURL"] = "",
                ["values"] = new Dictionary<string, double> { ["B"] = 44.2 },
                ["valueString"] = "[ var='B' value=44.2 ]",
            },
        },
        ["groupLabels"] = new Dictionary<string, string>(),
        ["commonLabels"] = new Dictionary<string, string> { ["service"] = service },
        ["commonAnnotations"] = new Dictionary<string, string>(),
        ["externalURL"] = "https://grafana.example.com/",
        ["version"] = "1",
        ["groupKey"] = "{}:{}",
        ["truncatedAlerts"] = 0,
        ["title"] = "[FIRING:1]",
        ["state"] = "alerting",
        ["message"] = "**Firing**",
    });

    /// <summary>Posts a body to the Grafana route with Grafana's HMAC headers.</summary>
    public static async Task<HttpResponseMessage> PostGrafanaAsync(HttpClient client, string body, string secret, DateTimeOffset signedAt)
    {
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}:{body}")));
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/grafana") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Grafana-Alerting-Signature", signature);
        request.Headers.Add("X-Grafana-Alerting-Signature-Timestamp", timestamp);
        request.Headers.UserAgent.ParseAdd("Grafana/12.1.0");
        return await client.SendAsync(request);
    }

    /// <summary>A CloudWatch alarm entering ALARM at <paramref name="changedAt"/>, as the Message of an SNS notification.</summary>
    public static string CloudWatchAlarm(string alarmName, string bucket, DateTimeOffset changedAt) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["AlarmName"] = alarmName,
        ["AlarmDescription"] = "bucket bytes size exceeded",
        ["AWSAccountId"] = "123456789012",
        ["AlarmConfigurationUpdatedTimestamp"] = "2026-01-01T00:00:00.000+0000",
        ["NewStateValue"] = "ALARM",
        ["NewStateReason"] = "Threshold Crossed: 1 datapoint was greater than or equal to the threshold (0.0).",
        ["StateChangeTime"] = changedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture),
        ["Region"] = "EU (Ireland)",
        ["AlarmArn"] = $"arn:aws:cloudwatch:eu-west-1:123456789012:alarm:{alarmName}",
        ["OldStateValue"] = "OK",
        ["OKActions"] = Array.Empty<string>(),
        ["AlarmActions"] = new[] { "arn:aws:sns:eu-west-1:123456789012:surge" },
        ["InsufficientDataActions"] = Array.Empty<string>(),
        ["Trigger"] = new Dictionary<string, object?>
        {
            ["MetricName"] = "BucketSizeBytes",
            ["Namespace"] = "AWS/S3",
            ["StatisticType"] = "Statistic",
            ["Statistic"] = "AVERAGE",
            ["Unit"] = null,
            ["Dimensions"] = new[] { new { value = "StandardStorage", name = "StorageType" }, new { value = bucket, name = "BucketName" } },
            ["Period"] = 86400,
            ["EvaluationPeriods"] = 1,
            ["ComparisonOperator"] = "GreaterThanOrEqualToThreshold",
            ["Threshold"] = 0.0,
            ["TreatMissingData"] = "",
            ["EvaluateLowSampleCountPercentile"] = "",
        },
    });

    /// <summary>Returns a signed SNS message (SignatureVersion 2) with the fields of its type.</summary>
    public static string SnsMessage(RSA key, string type, string messageId, string message, string? subject = null, string? subscribeUrl = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Type"] = type,
            ["MessageId"] = messageId,
            ["TopicArn"] = "arn:aws:sns:eu-west-1:123456789012:surge",
            ["Message"] = message,
            ["Timestamp"] = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["SignatureVersion"] = "2",
            ["SigningCertURL"] = $"https://127.0.0.1/{SourcesCluster.CertificateFile}",
        };
        if (subject is not null)
        {
            fields["Subject"] = subject;
        }

        if (subscribeUrl is not null)
        {
            fields["Token"] = "2336412f37fb687f5d51e6e2425c464de12884ec";
            fields["SubscribeURL"] = subscribeUrl;
        }

        // SNS signs the fields in this order, each as "Name\nValue\n".
        var names = type == "Notification"
            ? new[] { "Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type" }
            : ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"];
        var canonical = string.Concat(names.Where(fields.ContainsKey).Select(name => $"{name}\n{fields[name]}\n"));
        fields["Signature"] = Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(canonical), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        return JsonSerializer.Serialize(fields);
    }

    /// <summary>Posts an SNS message the way SNS does: text/plain, with its x-amz-sns headers.</summary>
    public static async Task<HttpResponseMessage> PostSnsAsync(HttpClient client, string message)
    {
        using var document = JsonDocument.Parse(message);
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/cloudwatch") { Content = new StringContent(message, Encoding.UTF8, "text/plain") };
        request.Headers.Add("x-amz-sns-message-type", document.RootElement.GetProperty("Type").GetString());
        request.Headers.Add("x-amz-sns-message-id", document.RootElement.GetProperty("MessageId").GetString());
        request.Headers.UserAgent.ParseAdd("Amazon Simple Notification Service Agent");
        return await client.SendAsync(request);
    }

    /// <summary>A CloudMonitor threshold callback, form-encoded, for one API stage; Chinese text as the console writes it.</summary>
    public static string CloudMonitor(string ruleId, string stage, DateTimeOffset notifiedAt) => string.Join('&', new Dictionary<string, string>
    {
        ["lastTime"] = "0分钟",
        ["rawMetricName"] = "code5XX_stage",
        ["expression"] = "$Value >= 5",
        ["metricName"] = "code5XX_stage",
        ["instanceName"] = "null",
        ["signature"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        ["transId"] = Guid.NewGuid().ToString(),
        ["groupId"] = "10000001",
        ["regionName"] = "null",
        ["productGroupName"] = "demo-product-group",
        ["metricProject"] = "acs_apigateway",
        ["userId"] = "1000000000000001",
        ["curValue"] = "9",
        ["unit"] = "个",
        ["alertName"] = "API网关_返回码5XX个数",
        ["regionId"] = "null",
        ["namespace"] = "acs_apigateway",
        ["triggerLevel"] = "CRITICAL",
        ["alertState"] = "ALERT",
        ["preTriggerLevel"] = "null",
        ["ruleId"] = ruleId,
        ["dimensions"] = $"{{apiStageName={stage}, apiUid=00000000000000000000000000000001, region=cn-shenzhen, userId=1000000000000001}}",
        ["timestamp"] = notifiedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
    }.Select(field => $"{field.Key}={Uri.EscapeDataString(field.Value)}"));

    /// <summary>Posts a callback the way CloudMonitor does, with the secret in the URL.</summary>
    public static async Task<HttpResponseMessage> PostCloudMonitorAsync(HttpClient client, string body, string secret)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") { CharSet = "UTF-8" };
        return await client.PostAsync($"/webhooks/cloudmonitor?token={Uri.EscapeDataString(secret)}", content);
    }

    /// <summary>A body of Surge's own JSON form with one firing alert.</summary>
    public static string Plain(string alertName, string service, DateTimeOffset startsAt) => JsonSerializer.Serialize(new
    {
        receiver = "zabbix-prod",
        alerts = new[]
        {
            new
            {
                status = "firing",
                fingerprint = $"zabbix:trigger:{alertName}",
                startsAt = startsAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                labels = new Dictionary<string, string> { ["alertname"] = alertName, ["service"] = service },
                annotations = new Dictionary<string, string> { ["summary"] = "Requests doubled" },
            },
        },
    });
}
