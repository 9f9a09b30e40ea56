using System.Security.Cryptography;
using System.Text;

namespace Surge.Gateway.Webhooks;

/// <summary>
/// Checks an SNS message signature: RSA PKCS#1 v1.5 over the message's canonical text, with SHA1 for
/// SignatureVersion 1 and SHA256 for 2. The canonical text lists, in this order and each as <c>Name\nValue\n</c>,
/// Message, MessageId, Subject (only when present), Timestamp, TopicArn and Type for a Notification, and Message,
/// MessageId, SubscribeURL, Timestamp, Token, TopicArn and Type for the two confirmation types.
/// </summary>
public static class SnsSignature
{
    /// <summary>Returns the text SNS signs for <paramref name="message"/>.</summary>
    public static string CanonicalText(SnsMessage message)
    {
        var fields = message.Type == SnsMessage.Notification
            ? new List<(string, string?)> { ("Message", message.Message), ("MessageId", message.MessageId), ("Subject", message.Subject), ("Timestamp", message.Timestamp), ("TopicArn", message.TopicArn), ("Type", message.Type) }
            : [("Message", message.Message), ("MessageId", message.MessageId), ("SubscribeURL", message.SubscribeUrl), ("Timestamp", message.Timestamp), ("Token", message.Token), ("TopicArn", message.TopicArn), ("Type", message.Type)];

        var text = new StringBuilder();
        foreach (var (name, value) in fields.Where(field => field.Item2 is not null))
        {
            text.Append(name).Append('\n').Append(value).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Returns the hash a SignatureVersion names, or null for an unknown version.</summary>
    public static HashAlgorithmName? HashOf(string signatureVersion) => signatureVersion switch
    {
        "1" => HashAlgorithmName.SHA1,
        "2" => HashAlgorithmName.SHA256,
        _ => null,
    };

    /// <summary>Signs a message as SNS would, for tests and tools; returns the Base64 signature.</summary>
    public static string Sign(SnsMessage message, RSA key) =>
        Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(CanonicalText(message)), HashOf(message.SignatureVersion) ?? HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
}
