using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Surge.Gateway.Webhooks;

/// <summary>
/// The SNS signing certificates the gateway trusts, from configured PEM files and a folder. Nothing is downloaded:
/// a receiver that fetched the certificate named in a message would let the message choose its own trust.
/// </summary>
public sealed class SnsCertificates(IOptions<AlertSourceOptions> options)
{
    private readonly Lazy<IReadOnlyList<X509Certificate2>> files = new(() => [.. options.Value.CloudWatch.SigningCertificateFiles.Select(Load).OfType<X509Certificate2>()]);
    private readonly ConcurrentDictionary<string, X509Certificate2?> folder = new(StringComparer.Ordinal);

    /// <summary>
    /// Returns the certificates to try for a message whose SigningCertURL ends in <paramref name="fileName"/>: the
    /// folder's file of that name, read once, then every configured file.
    /// </summary>
    public IEnumerable<X509Certificate2> For(string fileName)
    {
        var directory = options.Value.CloudWatch.SigningCertificateFolder;
        if (!string.IsNullOrWhiteSpace(directory) && IsPlainPemName(fileName))
        {
            // A file copied into the folder later is found on the next message; a missing one is looked for again.
            var certificate = folder.GetOrAdd(fileName, name => Load(Path.Combine(directory, name)));
            if (certificate is null)
            {
                folder.TryRemove(fileName, out _);
            }
            else
            {
                yield return certificate;
            }
        }

        foreach (var certificate in files.Value)
        {
            yield return certificate;
        }
    }

    // The name comes from the message, so it may only name a .pem file directly inside the folder.
    private static bool IsPlainPemName(string name) =>
        name.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) && name.IndexOfAny(['/', '\\']) < 0 && !name.StartsWith('.') && name.Length <= 200;

    private static X509Certificate2? Load(string path)
    {
        try
        {
            return File.Exists(path) ? X509Certificate2.CreateFromPem(File.ReadAllText(path)) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
