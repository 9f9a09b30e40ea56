namespace Surge.Gateway.Webhooks;

/// <summary>How the gateway accepts and checks alarm notifications, bound from <c>Gateway:AlertSources</c>.</summary>
public sealed class AlertSourceOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Gateway:AlertSources";

    /// <summary>
    /// The largest notification body accepted, in bytes; a larger one gets 413 before it is read whole. Default 512 KiB:
    /// Alertmanager sends about 1 KiB per alert, so this fits a group of several hundred.
    /// </summary>
    public long MaxBodyBytes { get; set; } = 512 * 1024;

    /// <summary>Grafana's optional HMAC signature.</summary>
    public GrafanaSourceOptions Grafana { get; set; } = new();

    /// <summary>CloudWatch alarms delivered by Amazon SNS.</summary>
    public CloudWatchSourceOptions CloudWatch { get; set; } = new();

    /// <summary>Alibaba Cloud CloudMonitor threshold alert callbacks.</summary>
    public CloudMonitorSourceOptions CloudMonitor { get; set; } = new();
}

/// <summary>
/// Grafana's webhook HMAC: Grafana sends the lowercase hex HMAC-SHA256 of the body, keyed with the secret, in
/// <see cref="SignatureHeader"/>; with a timestamp header configured it sends the Unix time in seconds in that header
/// and signs <c>TIMESTAMP:BODY</c>. Without a secret, Grafana authenticates with a gateway API key like Alertmanager.
/// </summary>
public sealed class GrafanaSourceOptions
{
    /// <summary>The contact point's HMAC secret; when set, every Grafana notification must carry a valid signature.</summary>
    public string? HmacSecret { get; set; }

    /// <summary>The header Grafana puts the signature in. Default <c>X-Grafana-Alerting-Signature</c>, Grafana's default.</summary>
    public string SignatureHeader { get; set; } = "X-Grafana-Alerting-Signature";

    /// <summary>
    /// The contact point's timestamp header, such as <c>X-Grafana-Alerting-Signature-Timestamp</c>; Grafana has no default.
    /// When set, a notification without it, or older than <see cref="MaxSignatureAge"/>, is rejected as a replay.
    /// </summary>
    public string? TimestampHeader { get; set; }

    /// <summary>How far the signed timestamp may be from the gateway's clock. Default 5 minutes.</summary>
    public TimeSpan MaxSignatureAge { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// CloudWatch alarms through an SNS HTTP or HTTPS subscription. SNS signs each message with a certificate named by
/// <c>SigningCertURL</c>; the gateway never downloads it, but takes it from the configured PEM files or folder.
/// </summary>
public sealed class CloudWatchSourceOptions
{
    /// <summary>The host patterns used when <see cref="TrustedHosts"/> is empty; <c>{region}</c> is the topic's region.</summary>
    public static readonly IReadOnlyList<string> DefaultTrustedHosts = ["sns.{region}.amazonaws.com", "sns.{region}.amazonaws.com.cn"];

    /// <summary>Whether <c>POST /webhooks/cloudwatch</c> accepts messages. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>Whether message signatures are checked. Default true; turn off only on a machine that no one else can reach.</summary>
    public bool VerifySignatures { get; set; } = true;

    /// <summary>PEM files of SNS signing certificates; each is tried for every message.</summary>
    public List<string> SigningCertificateFiles { get; set; } = [];

    /// <summary>A folder of SNS signing certificates named as in <c>SigningCertURL</c>, such as <c>SimpleNotificationService-6aad65c2f9911b05cd53efda11f913f9.pem</c>.</summary>
    public string? SigningCertificateFolder { get; set; }

    /// <summary>
    /// Hosts that <c>SigningCertURL</c> and <c>SubscribeURL</c> must name; <c>{region}</c> stands for the region of the
    /// message's topic and <c>*</c> for one DNS label. Empty means <see cref="DefaultTrustedHosts"/>.
    /// </summary>
    public List<string> TrustedHosts { get; set; } = [];

    /// <summary>Whether those URLs may use plain http, for a test listener on loopback. Default false.</summary>
    public bool AllowHttpUrls { get; set; }

    /// <summary>Whether a SubscriptionConfirmation is confirmed by a GET of its SubscribeURL. Default true.</summary>
    public bool ConfirmSubscriptions { get; set; } = true;

    /// <summary>The topics accepted, by ARN; empty accepts any topic whose messages carry a valid signature.</summary>
    public List<string> TopicArns { get; set; } = [];

    /// <summary>How old a message's Timestamp may be; an older one is rejected as a replay. Default 1 hour, above SNS's retry span for HTTP.</summary>
    public TimeSpan MaxMessageAge { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The trusted host patterns in effect.</summary>
    public IReadOnlyList<string> EffectiveTrustedHosts => TrustedHosts.Count > 0 ? TrustedHosts : DefaultTrustedHosts;
}

/// <summary>
/// CloudMonitor callbacks carry no credential of their own that can be checked, so the callback URL carries a shared
/// secret as a query parameter: <c>/webhooks/cloudmonitor?token=SECRET</c>.
/// </summary>
public sealed class CloudMonitorSourceOptions
{
    /// <summary>The shortest secret accepted.</summary>
    public const int MinimumSecretLength = 24;

    /// <summary>Whether <c>POST /webhooks/cloudmonitor</c> accepts callbacks. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>The shared secret, at least 24 characters, such as the output of <c>openssl rand -hex 24</c>.</summary>
    public string? Secret { get; set; }

    /// <summary>The query parameter that carries the secret. Default <c>token</c>.</summary>
    public string SecretParameter { get; set; } = "token";

    /// <summary>How old a callback's timestamp may be; an older one is rejected as a replay. Default 1 hour.</summary>
    public TimeSpan MaxCallbackAge { get; set; } = TimeSpan.FromHours(1);
}
