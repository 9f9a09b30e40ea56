using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Extensions.Options;

namespace Surge.Gateway.Webhooks;

/// <summary>Decides whether an SNS message is genuine: an allowed topic, a fresh timestamp, a trusted certificate URL and a valid signature.</summary>
public sealed class SnsMessageCheck(IOptions<AlertSourceOptions> options, SnsCertificates certificates, TimeProvider time)
{
    /// <summary>Checks <paramref name="message"/>; the failure names what to fix.</summary>
    public SourceCheck Check(SnsMessage message)
    {
        var settings = options.Value.CloudWatch;
        if (settings.TopicArns.Count > 0 && !settings.TopicArns.Contains(message.TopicArn, StringComparer.Ordinal))
        {
            return SourceCheck.Failed($"Topic {message.TopicArn} is not in Gateway:AlertSources:CloudWatch:TopicArns.", "TopicArn");
        }

        if (!DateTimeOffset.TryParse(message.Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sentAt))
        {
            return SourceCheck.Failed($"Timestamp '{message.Timestamp}' is not a time.", "Timestamp");
        }

        var age = time.GetUtcNow() - sentAt;
        if (age > settings.MaxMessageAge || age < -TimeSpan.FromMinutes(5))
        {
            return SourceCheck.Failed($"The message was sent at {message.Timestamp}, more than {settings.MaxMessageAge} from the gateway's clock; it is a replay or a clock is wrong.", "Timestamp");
        }

        return settings.VerifySignatures ? CheckSignature(message, settings) : SourceCheck.Passed;
    }

    private SourceCheck CheckSignature(SnsMessage message, CloudWatchSourceOptions settings)
    {
        if (SnsSignature.HashOf(message.SignatureVersion) is not { } hash)
        {
            return SourceCheck.Failed($"SignatureVersion '{message.SignatureVersion}' is not 1 (SHA1) or 2 (SHA256).", "SignatureVersion");
        }

        if (!TrustedHostPattern.Allows(message.SigningCertUrl, message.Region, settings.EffectiveTrustedHosts, settings.AllowHttpUrls))
        {
            return SourceCheck.Failed($"SigningCertURL does not name a trusted host ({string.Join(", ", settings.EffectiveTrustedHosts)}, with the topic's region).", "SigningCertURL");
        }

        byte[] signature;
        try
        {
            signature = Convert.FromBase64String(message.Signature);
        }
        catch (FormatException)
        {
            return SourceCheck.Failed("Signature is not Base64.", "Signature");
        }

        var fileName = Path.GetFileName(new Uri(message.SigningCertUrl).AbsolutePath);
        var signed = Encoding.UTF8.GetBytes(SnsSignature.CanonicalText(message));
        var now = time.GetUtcNow();
        var tried = 0;
        foreach (var certificate in certificates.For(fileName))
        {
            tried++;
            using var key = certificate.GetRSAPublicKey();
            if (key is not null && now >= certificate.NotBefore && now <= certificate.NotAfter
                && key.VerifyData(signed, signature, hash, RSASignaturePadding.Pkcs1))
            {
                return SourceCheck.Passed;
            }
        }

        return SourceCheck.Failed(tried == 0
            ? $"No configured certificate for {fileName}. Download it once from SigningCertURL on a trusted machine and put it in Gateway:AlertSources:CloudWatch:SigningCertificateFolder."
            : "The signature does not verify with any configured SNS certificate that is valid now.", tried == 0 ? "SigningCertURL" : "Signature");
    }
}
