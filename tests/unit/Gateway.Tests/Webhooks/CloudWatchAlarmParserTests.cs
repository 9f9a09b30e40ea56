using System.Text;
using System.Text.Json.Nodes;
using Surge.Contracts.Alerts;
using Surge.Gateway.Webhooks;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Tests.Webhooks;

public sealed class CloudWatchAlarmParserTests
{
    private const string AlarmFile = "cloud/aws-sns-http-cloudwatch-alarm.json";
    private const string ConfirmationFile = "cloud/aws-sns-http-subscription-confirmation.json";

    private static SnsMessage Envelope(Action<JsonObject>? changeAlarm = null)
    {
        var message = SnsMessageParser.Parse(TestData.Bytes(AlarmFile));
        if (changeAlarm is null)
        {
            return message;
        }

        var alarm = JsonNode.Parse(message.Message)!.AsObject();
        changeAlarm(alarm);
        return message with { Message = alarm.ToJsonString() };
    }

    [Fact]
    public void Parse_NotificationFile_ReadsEveryEnvelopeField()
    {
        var message = SnsMessageParser.Parse(TestData.Bytes(AlarmFile));

        Assert.Equal(SnsMessage.Notification, message.Type);
        Assert.Equal("e288882d-4281-5be4-8fde-dccc11c8cb01", message.MessageId);
        Assert.Equal("arn:aws:sns:eu-west-1:1234567890:alerta-test", message.TopicArn);
        Assert.Equal("ALARM: \"bucketbytesAlarm\" in EU (Ireland)", message.Subject);
        Assert.Equal("2019-02-15T23:53:45.134Z", message.Timestamp);
        Assert.Equal("1", message.SignatureVersion);
        Assert.StartsWith("Wui8Zxai", message.Signature);
        Assert.Equal("https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-6aad65c2f9911b05cd53efda11f913f9.pem", message.SigningCertUrl);
        Assert.StartsWith("https://sns.eu-west-1.amazonaws.com/?Action=Unsubscribe", message.UnsubscribeUrl);
        Assert.Equal("eu-west-1", message.Region);
        Assert.Equal("1234567890", message.Account);
    }

    [Fact]
    public void Parse_SubscriptionConfirmation_ReadsToken()
    {
        var message = SnsMessageParser.Parse(TestData.Bytes(ConfirmationFile));

        Assert.Equal(SnsMessage.SubscriptionConfirmation, message.Type);
        Assert.StartsWith("TOKEN-PLACEHOLDER", message.Token);
        Assert.StartsWith("https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription", message.SubscribeUrl);
        Assert.Null(message.Subject);
        Assert.Contains("\nTo confirm", message.Message);
    }

    [Fact]
    public void Read_AlarmFile_IsFiringAlert()
    {
        var parsed = CloudWatchAlarmParser.Read(Envelope());

        var notification = parsed.Notification!;
        Assert.Equal("cloudwatch", notification.Source);
        Assert.Equal("arn:aws:sns:eu-west-1:1234567890:alerta-test", notification.Receiver);
        var alert = Assert.Single(notification.Alerts);
        Assert.Equal("firing", alert.Status);
        Assert.Equal(new DateTimeOffset(2019, 2, 15, 23, 53, 45, 93, TimeSpan.Zero), alert.StartsAt);
        Assert.Equal("bucketbytesAlarm", alert.Labels["alertname"]);
        Assert.Equal("1234567890", alert.Labels["aws_account_id"]);
        Assert.Equal("eu-west-1", alert.Labels["aws_region"]);
        Assert.Equal("AWS/S3", alert.Labels["aws_namespace"]);
        Assert.Equal("BucketSizeBytes", alert.Labels["metric_name"]);
        Assert.Equal("try.alerta.io", alert.Labels["BucketName"]);
        Assert.Equal(new Dictionary<string, string> { ["StorageType"] = "StandardStorage", ["BucketName"] = "try.alerta.io" }, alert.Dimensions);
        Assert.Equal("bucket bytes size exceeded", alert.Annotations["description"]);
        Assert.Equal("INSUFFICIENT_DATA", alert.Annotations["old_state"]);
        Assert.Equal("EU (Ireland)", alert.Annotations["region_name"]);
        Assert.StartsWith("Threshold Crossed", alert.Annotations["reason"]);
        Assert.Equal("INSUFFICIENT_DATA -> ALARM", parsed.Note);
    }

    [Fact]
    public void Read_MissingArn_BuildsSameIdentity()
    {
        var withoutArn = CloudWatchAlarmParser.Read(Envelope()).Notification!.Alerts[0];
        var withArn = CloudWatchAlarmParser.Read(Envelope(alarm => alarm["AlarmArn"] = "arn:aws:cloudwatch:eu-west-1:1234567890:alarm:bucketbytesAlarm")).Notification!.Alerts[0];

        Assert.Equal(withoutArn.Fingerprint, withArn.Fingerprint);
        Assert.Equal(LabelFingerprint.OfText("arn:aws:cloudwatch:eu-west-1:1234567890:alarm:bucketbytesAlarm"), withArn.Fingerprint);
    }

    [Fact]
    public void Read_RetryAndNewIncident_Identities()
    {
        var first = CloudWatchAlarmParser.Read(Envelope()).Notification!.Alerts[0];
        var retry = CloudWatchAlarmParser.Read(SnsMessageParser.Parse(TestData.Bytes(AlarmFile))).Notification!.Alerts[0];
        var later = CloudWatchAlarmParser.Read(Envelope(alarm => alarm["StateChangeTime"] = "2019-02-16T08:00:00.000+0000")).Notification!.Alerts[0];
        var otherAccount = CloudWatchAlarmParser.Read(Envelope(alarm => alarm["AWSAccountId"] = "999999999999")).Notification!.Alerts[0];

        Assert.Equal((first.Fingerprint, first.StartsAt), (retry.Fingerprint, retry.StartsAt));
        Assert.Equal(first.Fingerprint, later.Fingerprint);
        Assert.NotEqual(first.StartsAt, later.StartsAt);
        Assert.NotEqual(first.Fingerprint, otherAccount.Fingerprint);
    }

    [Fact]
    public void Read_Ok_IsResolved()
    {
        var alert = CloudWatchAlarmParser.Read(Envelope(alarm => { alarm["NewStateValue"] = "OK"; alarm["OldStateValue"] = "ALARM"; })).Notification!.Alerts[0];

        Assert.Equal("resolved", alert.Status);
    }

    [Fact]
    public void Read_InsufficientData_IsIgnoredWithAReason()
    {
        var parsed = CloudWatchAlarmParser.Read(Envelope(alarm => alarm["NewStateValue"] = "INSUFFICIENT_DATA"));

        Assert.Null(parsed.Notification);
        var outcome = Assert.Single(parsed.Ignored);
        Assert.Equal(AlertOutcomes.Ignored, outcome.Outcome);
        Assert.Contains("INSUFFICIENT_DATA", outcome.Detail);
    }

    [Fact]
    public void Read_MetricMathAlarm_CollectsDimensions()
    {
        var parsed = CloudWatchAlarmParser.Read(Envelope(alarm => alarm["Trigger"] = JsonNode.Parse("""
            {"Metrics":[{"Id":"m1","MetricStat":{"Metric":{"Dimensions":[{"value":"i-1","name":"InstanceId"}],"MetricName":"CPUUtilization","Namespace":"AWS/EC2"},"Period":60,"Stat":"Average"},"ReturnData":false},
                        {"Expression":"m1*2","Id":"e1","ReturnData":true}]}
            """)));

        Assert.Equal("i-1", parsed.Notification!.Alerts[0].Dimensions!["InstanceId"]);
    }

    [Theory]
    [InlineData("NewStateValue", "\"PENDING\"", "Message.NewStateValue")]
    [InlineData("StateChangeTime", "\"yesterday\"", "Message.StateChangeTime")]
    [InlineData("AlarmName", "null", "Message.AlarmName")]
    public void Read_BadAlarmField_NamesIt(string field, string json, string expected)
    {
        var error = Assert.Throws<RequestValidationException>(() => CloudWatchAlarmParser.Read(Envelope(alarm => alarm[field] = JsonNode.Parse(json))));

        Assert.Contains(expected, error.Errors.Keys);
    }

    [Fact]
    public void Read_MessageNotJson_SaysWhatItNeeds()
    {
        var error = Assert.Throws<RequestValidationException>(() => CloudWatchAlarmParser.Read(Envelope() with { Message = "plain text" }));

        Assert.Contains("CloudWatch alarm", error.Errors["body"][0]);
    }

    [Fact]
    public void Parse_EnvelopeWithoutSignature_NamesTheField()
    {
        var body = JsonNode.Parse(TestData.Text(AlarmFile))!.AsObject();
        body.Remove("Signature");

        var error = Assert.Throws<RequestValidationException>(() => SnsMessageParser.Parse(Encoding.UTF8.GetBytes(body.ToJsonString())));

        Assert.Equal(["Signature"], error.Errors.Keys);
    }

    [Theory]
    [InlineData("2019-02-15T23:53:45.093+0000", 93)]
    [InlineData("2019-02-15T23:53:45.093Z", 93)]
    [InlineData("2019-02-16T00:53:45.093+0100", 93)]
    public void TryParseTime_CloudWatchFormats_AreOneInstant(string text, int milliseconds)
    {
        Assert.True(CloudWatchAlarmParser.TryParseTime(text, out var time));
        Assert.Equal(new DateTimeOffset(2019, 2, 15, 23, 53, 45, milliseconds, TimeSpan.Zero), time);
    }
}
