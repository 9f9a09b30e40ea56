using Surge.Gateway.Webhooks;

namespace Surge.Gateway.Tests.Webhooks;

public sealed class SnsMessageCheckTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2019, 2, 16, 0, 0, 0, TimeSpan.Zero);
    private readonly TestCertificates certificates = new(Now.AddDays(-30), Now.AddDays(30));

    public void Dispose() => certificates.Dispose();

    private SnsMessageCheck Check(Action<CloudWatchSourceOptions>? change = null)
    {
        var options = new AlertSourceOptions { CloudWatch = { Enabled = true, SigningCertificateFolder = certificates.Folder } };
        change?.Invoke(options.CloudWatch);
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        return new SnsMessageCheck(wrapped, new SnsCertificates(wrapped), new FixedTime(Now));
    }

    /// <summary>The captured notification, re-signed with the test key and pointing at the test certificate.</summary>
    private SnsMessage Signed(string version = "1", string? certUrl = null)
    {
        var message = SnsMessageParser.Parse(TestData.Bytes("cloud/aws-sns-http-cloudwatch-alarm.json")) with
        {
            SignatureVersion = version,
            SigningCertUrl = certUrl ?? $"https://sns.eu-west-1.amazonaws.com/{TestCertificates.FileName}",
        };
        return message with { Signature = SnsSignature.Sign(message, certificates.Key) };
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public void Check_SignedNotification_Passes(string version)
    {
        var result = Check().Check(Signed(version));

        Assert.True(result.Succeeded, result.Failure);
    }

    [Theory]
    [InlineData(SnsMessage.SubscriptionConfirmation)]
    [InlineData(SnsMessage.UnsubscribeConfirmation)]
    public void Check_SignedConfirmationTypes_Pass(string type)
    {
        var message = SnsMessageParser.Parse(TestData.Bytes("cloud/aws-sns-http-subscription-confirmation.json")) with
        {
            Type = type,
            Timestamp = "2019-02-15T23:59:00.000Z",
            SigningCertUrl = $"https://sns.eu-west-1.amazonaws.com/{TestCertificates.FileName}",
        };
        message = message with { Signature = SnsSignature.Sign(message, certificates.Key) };

        var result = Check().Check(message);

        Assert.True(result.Succeeded, result.Failure);
        Assert.Contains("SubscribeURL\n", SnsSignature.CanonicalText(message));
        Assert.Contains("Token\n", SnsSignature.CanonicalText(message));
        Assert.DoesNotContain("Subject\n", SnsSignature.CanonicalText(message));
    }

    [Fact]
    public void CanonicalText_Notification_ListsFieldsInSnsOrder()
    {
        var text = SnsSignature.CanonicalText(Signed());

        var order = new[] { "Message\n", "MessageId\n", "Subject\n", "Timestamp\n", "TopicArn\n", "Type\n" }.Select(name => text.IndexOf(name, StringComparison.Ordinal)).ToList();
        Assert.Equal(order.Order(), order);
        Assert.DoesNotContain(-1, order);
        Assert.EndsWith("Type\nNotification\n", text);
    }

    [Fact]
    public void Check_ChangedMessage_Fails()
    {
        var message = Signed();

        var result = Check().Check(message with { Message = message.Message.Replace("ALARM", "OK", StringComparison.Ordinal) });

        Assert.False(result.Succeeded);
        Assert.Equal("Signature", result.Field);
    }

    [Fact]
    public void Check_CapturedAwsSignature_Fails()
    {
        var captured = SnsMessageParser.Parse(TestData.Bytes("cloud/aws-sns-http-cloudwatch-alarm.json")) with
        {
            SigningCertUrl = $"https://sns.eu-west-1.amazonaws.com/{TestCertificates.FileName}",
        };

        Assert.False(Check().Check(captured).Succeeded);
    }

    [Theory]
    [InlineData("https://sns.eu-west-1.amazonaws.com.attacker.example/cert.pem")]
    [InlineData("https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem")]
    [InlineData("http://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem")]
    [InlineData("https://user@sns.eu-west-1.amazonaws.com/SimpleNotificationService-0123456789abcdef0123456789abcdef.pem")]
    public void Check_CertificateUrlOffTheTrustedHost_Fails(string url)
    {
        var result = Check().Check(Signed(certUrl: url));

        Assert.False(result.Succeeded);
        Assert.Contains("trusted host", result.Failure);
        Assert.Equal("SigningCertURL", result.Field);
    }

    [Fact]
    public void Check_UnknownCertificate_Fails()
    {
        var result = Check().Check(Signed(certUrl: "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-ffffffffffffffffffffffffffffffff.pem"));

        Assert.False(result.Succeeded);
        Assert.Contains("SigningCertificateFolder", result.Failure);
    }

    [Fact]
    public void Check_CertificateFromConfiguredFile_Passes()
    {
        var result = Check(settings => { settings.SigningCertificateFolder = null; settings.SigningCertificateFiles = [certificates.FilePath]; })
            .Check(Signed(certUrl: "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-ffffffffffffffffffffffffffffffff.pem"));

        Assert.True(result.Succeeded, result.Failure);
    }

    [Fact]
    public void Check_OldMessage_FailsAsReplay()
    {
        var old = Signed();
        var result = Check(settings => settings.MaxMessageAge = TimeSpan.FromMinutes(1)).Check(old);

        Assert.False(result.Succeeded);
        Assert.Contains("replay", result.Failure);
        Assert.Equal("Timestamp", result.Field);
    }

    [Fact]
    public void Check_TopicNotAllowed_Fails()
    {
        var result = Check(settings => settings.TopicArns = ["arn:aws:sns:eu-west-1:1234567890:other"]).Check(Signed());

        Assert.False(result.Succeeded);
        Assert.Contains("TopicArns", result.Failure);
        Assert.Equal("TopicArn", result.Field);
    }

    [Fact]
    public void Check_UnknownSignatureVersion_Fails()
    {
        Assert.False(Check().Check(Signed() with { SignatureVersion = "3" }).Succeeded);
    }

    [Fact]
    public void Check_ExpiredCertificate_Fails()
    {
        using var expired = new TestCertificates(Now.AddDays(-60), Now.AddDays(-1));
        var options = Microsoft.Extensions.Options.Options.Create(new AlertSourceOptions { CloudWatch = { SigningCertificateFolder = expired.Folder } });
        var message = SnsMessageParser.Parse(TestData.Bytes("cloud/aws-sns-http-cloudwatch-alarm.json")) with { SigningCertUrl = $"https://sns.eu-west-1.amazonaws.com/{TestCertificates.FileName}" };
        message = message with { Signature = SnsSignature.Sign(message, expired.Key) };

        Assert.False(new SnsMessageCheck(options, new SnsCertificates(options), new FixedTime(Now)).Check(message).Succeeded);
    }
}
