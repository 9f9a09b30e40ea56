using System.Text;
using System.Text.Json.Nodes;
using Surge.Gateway.Webhooks;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Tests.Webhooks;

public sealed class CloudMonitorParserTests
{
    private const string CallbackFile = "cloud/alibaba-cms-threshold-callback-alert.form.json";

    private static string RawBody() => JsonNode.Parse(TestData.Text(CallbackFile))!["rawBody"]!.GetValue<string>();

    private static ParsedWebhook Read(string body) => CloudMonitorParser.Read(Encoding.UTF8.GetBytes(body));

    /// <summary>The captured body with fields replaced, as CloudMonitor would encode them.</summary>
    private static string With(params (string Field, string Value)[] changes)
    {
        var fields = RawBody().Split('&').Select(pair => pair.Split('=', 2)).ToList();
        foreach (var (field, value) in changes)
        {
            var encoded = Uri.EscapeDataString(value);
            var index = fields.FindIndex(f => f[0] == field);
            if (index < 0)
            {
                fields.Add([field, encoded]);
            }
            else
            {
                fields[index] = [field, encoded];
            }
        }

        return string.Join('&', fields.Select(f => $"{f[0]}={f[1]}"));
    }

    [Fact]
    public void Read_CapturedCallback_UnderstandsEveryField()
    {
        var decoded = JsonNode.Parse(TestData.Text(CallbackFile))!["decoded"]!.AsObject();

        var parsed = Read(RawBody());

        var notification = parsed.Notification!;
        Assert.Equal("cloudmonitor", notification.Source);
        Assert.Equal("demo-product-group", notification.Receiver);
        var alert = Assert.Single(notification.Alerts);
        Assert.Equal("firing", alert.Status);
        Assert.Equal("API网关_返回码5XX个数", alert.Labels["alertname"]);
        Assert.Equal("alarmRule_uuid_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", alert.Labels["rule_id"]);
        Assert.Equal("acs_apigateway", alert.Labels["metric_project"]);
        Assert.Equal("code5XX_stage", alert.Labels["metric_name"]);
        Assert.Equal("1000000000000001", alert.Labels["user_id"]);
        Assert.Equal("10000001", alert.Labels["group_id"]);
        Assert.Equal("INFO", alert.Labels["trigger_level"]);
        Assert.Equal("cn-shenzhen", alert.Labels["region"]);
        Assert.Equal("RELEASE", alert.Labels["apiStageName"]);
        Assert.Equal(4, alert.Dimensions!.Count);
        Assert.Equal("1000000000000001", alert.Dimensions["userId"]);
        Assert.Equal("$Value >= 5", alert.Annotations["expression"]);
        Assert.Equal("9 个", alert.Annotations["current_value"]);
        Assert.Equal("0分钟", alert.Annotations["last_time"]);
        Assert.Equal("code5XX_stage", alert.Annotations["raw_metric_name"]);
        Assert.Equal(decoded["transId"]!.GetValue<string>(), alert.Annotations["trans_id"]);

        // Fields sent as the literal "null" are absent, and the signature is not kept.
        Assert.DoesNotContain("instance_name", alert.Labels.Keys);
        Assert.DoesNotContain("region_id", alert.Labels.Keys);
        Assert.DoesNotContain("pre_trigger_level", alert.Annotations.Keys);
        Assert.DoesNotContain("region_name", alert.Annotations.Keys);
        Assert.DoesNotContain(alert.Annotations.Values.Concat(alert.Labels.Values), value => value.Contains("AAAAAAAA", StringComparison.Ordinal));

        // 1685646149981 ms is 2023-06-01T19:02:29.981Z; the alert lasted 0 minutes, so it started in that minute.
        Assert.Equal(new DateTimeOffset(2023, 6, 1, 19, 2, 0, TimeSpan.Zero), alert.StartsAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1685646149981), parsed.SentAt);
    }

    [Fact]
    public void Read_RepeatAndOk_KeepIdentity()
    {
        var first = Read(RawBody()).Notification!.Alerts[0];
        var repeat = Read(With(("timestamp", "1685732552000"), ("lastTime", "1天0小时0分钟"))).Notification!.Alerts[0];
        var resolved = Read(With(("timestamp", "1685649750"), ("lastTime", "60分钟"), ("alertState", "OK"))).Notification!.Alerts[0];

        Assert.Equal((first.Fingerprint, first.StartsAt), (repeat.Fingerprint, repeat.StartsAt));
        Assert.Equal((first.Fingerprint, first.StartsAt), (resolved.Fingerprint, resolved.StartsAt));
        Assert.Equal("resolved", resolved.Status);
    }

    [Fact]
    public void Read_NewIncident_GetsNewIdentity()
    {
        var first = Read(RawBody()).Notification!.Alerts[0];
        var otherStage = Read(With(("dimensions", "{apiStageName=TEST, apiUid=00000000000000000000000000000001, region=cn-shenzhen, userId=1000000000000001}"))).Notification!.Alerts[0];
        var later = Read(With(("timestamp", "1685700000000"))).Notification!.Alerts[0];

        Assert.NotEqual(first.Fingerprint, otherStage.Fingerprint);
        Assert.Equal(first.Fingerprint, later.Fingerprint);
        Assert.NotEqual(first.StartsAt, later.StartsAt);
    }

    [Fact]
    public void Read_TimestampInSeconds_Matches()
    {
        var seconds = Read(With(("timestamp", "1685646149"))).Notification!.Alerts[0];

        Assert.Equal(new DateTimeOffset(2023, 6, 1, 19, 2, 0, TimeSpan.Zero), seconds.StartsAt);
    }

    [Fact]
    public void Read_InsufficientData_IsIgnoredWithAReason()
    {
        var parsed = Read(With(("alertState", "INSUFFICIENT_DATA")));

        Assert.Null(parsed.Notification);
        Assert.Contains("insufficient data", Assert.Single(parsed.Ignored).Detail);
    }

    [Fact]
    public void Read_AlarmSpelling_IsFiring()
    {
        Assert.Equal("firing", Read(With(("alertState", "ALARM"))).Notification!.Alerts[0].Status);
    }

    [Theory]
    [InlineData("alertState", "PENDING", "alertState")]
    [InlineData("alertState", "null", "alertState")]
    [InlineData("timestamp", "yesterday", "timestamp")]
    [InlineData("alertName", "null", "alertName")]
    [InlineData("dimensions", "instanceId=i-1", "dimensions")]
    public void Read_BadField_NamesIt(string field, string value, string expected)
    {
        var error = Assert.Throws<RequestValidationException>(() => Read(With((field, value))));

        Assert.Equal([expected], error.Errors.Keys);
    }

    [Fact]
    public void Read_RepeatedField_IsRejected()
    {
        var error = Assert.Throws<RequestValidationException>(() => Read(RawBody() + "&alertState=OK"));

        Assert.Equal(["alertState"], error.Errors.Keys);
    }

    [Theory]
    [InlineData("{instanceId=i-1, userId=2}", "instanceId", "i-1")]
    [InlineData("{instanceName=web, blue, userId=2}", "instanceName", "web, blue")]
    [InlineData("[{\"userId\":\"12345\",\"instanceId\":\"i-12345\"}]", "instanceId", "i-12345")]
    [InlineData("{}", null, null)]
    public void Dimensions_BothForms_AreRead(string text, string? key, string? value)
    {
        var dimensions = CloudMonitorDimensions.Parse(text)!;

        if (key is null)
        {
            Assert.Empty(dimensions);
        }
        else
        {
            Assert.Equal(value, dimensions[key]);
        }
    }

    [Theory]
    [InlineData("0分钟", 0)]
    [InlineData("5分钟", 5)]
    [InlineData("1小时5分钟", 65)]
    [InlineData("1天", 1440)]
    [InlineData("5 minutes", 5)]
    [InlineData("1h 5m", 65)]
    public void Duration_ConsoleLanguages_AreRead(string text, int minutes)
    {
        Assert.True(CloudMonitorDuration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
    }

    [Fact]
    public void Read_UnreadableLastTime_UsesNotificationMinute()
    {
        var parsed = Read(With(("lastTime", "soon")));

        Assert.Equal(new DateTimeOffset(2023, 6, 1, 19, 2, 0, TimeSpan.Zero), parsed.Notification!.Alerts[0].StartsAt);
        Assert.Contains("lastTime", parsed.Note);
    }
}
