using System.Text.Json;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Webhooks;

/// <summary>
/// Reads the SNS envelope of an HTTP delivery. SNS sends it as <c>text/plain</c> although it is JSON, and puts the
/// alarm itself in <c>Message</c> as a JSON string.
/// </summary>
public static class SnsMessageParser
{
    private const string Expected = "an Amazon SNS HTTP message (Notification, SubscriptionConfirmation or UnsubscribeConfirmation)";

    /// <summary>Parses the envelope or throws a 400 naming every missing field.</summary>
    public static SnsMessage Parse(ReadOnlySpan<byte> body)
    {
        using var document = WebhookJson.ParseObject(body, Expected);
        var root = document.RootElement;
        var errors = new Dictionary<string, string[]>();

        var type = Required(root, "Type", errors);
        if (type is not (null or SnsMessage.Notification or SnsMessage.SubscriptionConfirmation or SnsMessage.UnsubscribeConfirmation))
        {
            errors["Type"] = [$"Type is \"{type}\"; SNS sends Notification, SubscriptionConfirmation or UnsubscribeConfirmation."];
        }

        var message = new SnsMessage(
            type ?? "",
            Required(root, "MessageId", errors) ?? "",
            Required(root, "TopicArn", errors) ?? "",
            Required(root, "Message", errors) ?? "",
            Required(root, "Timestamp", errors) ?? "",
            Required(root, "SignatureVersion", errors) ?? "",
            Required(root, "Signature", errors) ?? "",
            Required(root, "SigningCertURL", errors) ?? "",
            WebhookJson.OptionalString(root, "Subject", "", errors),
            WebhookJson.OptionalString(root, "Token", "", errors),
            WebhookJson.OptionalString(root, "SubscribeURL", "", errors),
            WebhookJson.OptionalString(root, "UnsubscribeURL", "", errors));

        if (type is SnsMessage.SubscriptionConfirmation or SnsMessage.UnsubscribeConfirmation)
        {
            Required(root, "Token", errors);
            Required(root, "SubscribeURL", errors);
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors, "The body is not an Amazon SNS HTTP message; nothing was stored. Subscribe the endpoint to the topic with the HTTP or HTTPS protocol and raw message delivery off.");
        }

        return message;
    }

    private static string? Required(JsonElement root, string name, Dictionary<string, string[]> errors)
    {
        var value = WebhookJson.OptionalString(root, name, "", errors);
        if (string.IsNullOrEmpty(value) && !errors.ContainsKey(name))
        {
            errors[name] = [$"{name} is missing; every SNS message of this type carries it."];
        }

        return value;
    }
}
