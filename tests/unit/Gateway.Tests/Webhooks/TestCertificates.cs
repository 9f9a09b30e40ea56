using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Surge.Gateway.Tests.Webhooks;

/// <summary>A self-signed RSA certificate standing in for SNS's, written as PEM into a folder of its own.</summary>
internal sealed class TestCertificates : IDisposable
{
    public const string FileName = "SimpleNotificationService-0123456789abcdef0123456789abcdef.pem";

    public TestCertificates(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        Key = RSA.Create(2048);
        var request = new CertificateRequest("CN=sns.eu-west-1.amazonaws.com", Key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        Folder = Directory.CreateTempSubdirectory("surge-sns-").FullName;
        File.WriteAllText(Path.Combine(Folder, FileName), certificate.ExportCertificatePem());
    }

    public RSA Key { get; }

    public string Folder { get; }

    public string FilePath => Path.Combine(Folder, FileName);

    public void Dispose()
    {
        Key.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
