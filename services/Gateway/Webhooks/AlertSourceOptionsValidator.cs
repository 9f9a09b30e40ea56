using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Surge.Gateway.Webhooks;

/// <summary>Checks the alert source settings at start, naming each faulty one by its configuration path.</summary>
public sealed class AlertSourceOptionsValidator : IValidateOptions<AlertSourceOptions>
{
    private const string Section = AlertSourceOptions.Section;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AlertSourceOptions options)
    {
        var errors = new List<string>();
        if (options.MaxBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            errors.Add($"{Section}:MaxBodyBytes is {options.MaxBodyBytes}; it must be between 1024 (1 KiB) and 67108864 (64 MiB).");
        }

        ValidateGrafana(options.Grafana, errors);
        ValidateCloudWatch(options.CloudWatch, errors);
        ValidateCloudMonitor(options.CloudMonitor, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateGrafana(GrafanaSourceOptions grafana, List<string> errors)
    {
        const string path = $"{Section}:Grafana";
        if (grafana.HmacSecret is { Length: < 16 })
        {
            errors.Add($"{path}:HmacSecret is shorter than 16 characters; use the contact point's secret, a random text such as the output of 'openssl rand -hex 24'.");
        }

        if (string.IsNullOrWhiteSpace(grafana.SignatureHeader))
        {
            errors.Add($"{path}:SignatureHeader is empty; use the contact point's HMAC header, X-Grafana-Alerting-Signature by default.");
        }

        if (grafana.MaxSignatureAge < TimeSpan.FromSeconds(1) || grafana.MaxSignatureAge > TimeSpan.FromHours(1))
        {
            errors.Add($"{path}:MaxSignatureAge must be between 00:00:01 and 01:00:00.");
        }
    }

    private static void ValidateCloudWatch(CloudWatchSourceOptions cloudWatch, List<string> errors)
    {
        const string path = $"{Section}:CloudWatch";
        if (!cloudWatch.Enabled)
        {
            return;
        }

        if (cloudWatch.VerifySignatures && cloudWatch.SigningCertificateFiles.Count == 0 && string.IsNullOrWhiteSpace(cloudWatch.SigningCertificateFolder))
        {
            errors.Add($"{path}: give SigningCertificateFiles or SigningCertificateFolder with the SNS signing certificates (the PEM files SigningCertURL names), or set VerifySignatures to false on a machine nobody else reaches.");
        }

        for (var i = 0; i < cloudWatch.SigningCertificateFiles.Count; i++)
        {
            if (LoadError(cloudWatch.SigningCertificateFiles[i]) is { } error)
            {
                errors.Add($"{path}:SigningCertificateFiles:{i}: {error}");
            }
        }

        if (!string.IsNullOrWhiteSpace(cloudWatch.SigningCertificateFolder) && !Directory.Exists(cloudWatch.SigningCertificateFolder))
        {
            errors.Add($"{path}:SigningCertificateFolder '{cloudWatch.SigningCertificateFolder}' does not exist.");
        }

        for (var i = 0; i < cloudWatch.TrustedHosts.Count; i++)
        {
            if (!TrustedHostPattern.IsWellFormed(cloudWatch.TrustedHosts[i]))
            {
                errors.Add($"{path}:TrustedHosts:{i} '{cloudWatch.TrustedHosts[i]}' is not a host pattern such as sns.{{region}}.amazonaws.com.");
            }
        }

        if (cloudWatch.MaxMessageAge < TimeSpan.FromMinutes(1) || cloudWatch.MaxMessageAge > TimeSpan.FromDays(14))
        {
            errors.Add($"{path}:MaxMessageAge must be between 00:01:00 and 14.00:00:00.");
        }
    }

    private static void ValidateCloudMonitor(CloudMonitorSourceOptions cloudMonitor, List<string> errors)
    {
        const string path = $"{Section}:CloudMonitor";
        if (!cloudMonitor.Enabled)
        {
            return;
        }

        if (cloudMonitor.Secret is null || cloudMonitor.Secret.Length < CloudMonitorSourceOptions.MinimumSecretLength)
        {
            errors.Add($"{path}:Secret is missing or shorter than {CloudMonitorSourceOptions.MinimumSecretLength} characters; use a random text such as the output of 'openssl rand -hex 24' and put it in the callback URL as ?{cloudMonitor.SecretParameter}=SECRET.");
        }

        if (string.IsNullOrWhiteSpace(cloudMonitor.SecretParameter))
        {
            errors.Add($"{path}:SecretParameter is empty; name the query parameter that carries the secret, token by default.");
        }

        if (cloudMonitor.MaxCallbackAge < TimeSpan.FromMinutes(1) || cloudMonitor.MaxCallbackAge > TimeSpan.FromDays(14))
        {
            errors.Add($"{path}:MaxCallbackAge must be between 00:01:00 and 14.00:00:00.");
        }
    }

    private static string? LoadError(string file)
    {
        if (!File.Exists(file))
        {
            return $"'{file}' does not exist.";
        }

        try
        {
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(file));
            return certificate.GetRSAPublicKey() is null ? $"'{file}' holds no RSA certificate; SNS signs with RSA." : null;
        }
        catch (CryptographicException exception)
        {
            return $"'{file}' is not a PEM certificate: {exception.Message}";
        }
    }
}
