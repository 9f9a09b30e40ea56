using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Alerts.Sources;

/// <summary>
/// A cluster whose gateway accepts every alert source: Grafana with an HMAC secret, CloudWatch over SNS with a signing
/// certificate the tests generate (and a loopback host trusted in place of AWS's), and CloudMonitor with a secret.
/// </summary>
public sealed class SourcesCluster : SurgeCluster
{
    /// <summary>The file name the tests' SigningCertURL ends in.</summary>
    public const string CertificateFile = "SimpleNotificationService-5urge7e575urge7e575urge7e575urge.pem";

    private readonly string certificateFolder = Directory.CreateTempSubdirectory("surge-it-sns-").FullName;

    /// <summary>Creates the signing key and writes its certificate where the gateway will look.</summary>
    public SourcesCluster()
    {
        SigningKey = RSA.Create(2048);
        var request = new CertificateRequest("CN=sns.test", SigningKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        File.WriteAllText(Path.Combine(certificateFolder, CertificateFile), certificate.ExportCertificatePem());
    }

    /// <summary>The key SNS messages are signed with.</summary>
    public RSA SigningKey { get; }

    /// <summary>The Grafana contact point's HMAC secret.</summary>
    public string GrafanaSecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    /// <summary>The secret in the CloudMonitor callback URL.</summary>
    public string CloudMonitorSecret { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> Overrides(string service) => service switch
    {
        "gateway" => new Dictionary<string, string>
        {
            ["Gateway__AlertSources__Grafana__HmacSecret"] = GrafanaSecret,
            ["Gateway__AlertSources__Grafana__TimestampHeader"] = "X-Grafana-Alerting-Signature-Timestamp",
            ["Gateway__AlertSources__CloudWatch__Enabled"] = "true",
            ["Gateway__AlertSources__CloudWatch__SigningCertificateFolder"] = certificateFolder,
            ["Gateway__AlertSources__CloudWatch__TrustedHosts__0"] = "127.0.0.1",
            ["Gateway__AlertSources__CloudWatch__AllowHttpUrls"] = "true",
            ["Gateway__AlertSources__CloudMonitor__Enabled"] = "true",
            ["Gateway__AlertSources__CloudMonitor__Secret"] = CloudMonitorSecret,
            ["Gateway__AlertSources__MaxBodyBytes"] = "65536",
        },
        _ => new Dictionary<string, string>(),
    };
}

/// <summary>The alert source tests share one cluster.</summary>
[CollectionDefinition(Name)]
public sealed class SourcesCollection : ICollectionFixture<SourcesCluster>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Surge alert sources cluster";
}
