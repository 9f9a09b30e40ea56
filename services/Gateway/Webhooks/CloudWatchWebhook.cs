using Microsoft.Extensions.Options;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Webhooks;

/// <summary>The SNS route: a genuine message from a trusted topic, then a CloudWatch alarm or a subscription message.</summary>
public static class CloudWatchWebhook
{
    // SNS sends text/plain; application/json is accepted for tools that replay messages.
    private static readonly string[] ContentTypes = ["text/plain", "application/json"];

    /// <summary>Checks and handles one SNS message.</summary>
    public static async Task<IResult> ReceiveAsync(HttpContext http, WebhookIntake intake, SnsMessageCheck check, SnsSubscriptions subscriptions, IOptions<AlertSourceOptions> options, CancellationToken cancellationToken)
    {
        if (!options.Value.CloudWatch.Enabled)
        {
            throw new WebhookRejection(StatusCodes.Status404NotFound, "This alert source is off.", "Gateway:AlertSources:CloudWatch:Enabled", "CloudWatch intake is off; set Gateway:AlertSources:CloudWatch:Enabled to true and configure the SNS signing certificates.");
        }

        var body = await WebhookBody.ReadAsync(http.Request, options.Value.MaxBodyBytes, ContentTypes, cancellationToken);
        var message = SnsMessageParser.Parse(body);
        if (http.Request.Headers["x-amz-sns-message-type"].ToString() is { Length: > 0 } headerType && headerType != message.Type)
        {
            throw new RequestValidationException("x-amz-sns-message-type", $"The x-amz-sns-message-type header is {headerType} but the body's Type is {message.Type}.");
        }

        if (check.Check(message) is { Succeeded: false } failed)
        {
            throw WebhookRejection.Unauthorized(failed.Field ?? "Signature", failed.Failure!);
        }

        return message.Type switch
        {
            SnsMessage.Notification => await intake.AnswerAsync(http, CloudWatchAlarmParser.Read(message), cancellationToken),
            SnsMessage.SubscriptionConfirmation => TypedResults.Ok(await ConfirmAsync(subscriptions, message, cancellationToken)),
            _ => TypedResults.Ok(subscriptions.Unsubscribed(message)),
        };
    }

    /// <summary>Lists the subscription messages handled since start.</summary>
    public static IResult ListSubscriptions(SnsSubscriptions subscriptions) => TypedResults.Ok(subscriptions.Records);

    // A SubscribeURL that fails or times out becomes a 503, so SNS sends the confirmation request again.
    private static async Task<SnsSubscriptionRecord> ConfirmAsync(SnsSubscriptions subscriptions, SnsMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await subscriptions.ConfirmAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new DependencyUnavailableException("Amazon SNS subscription", exception);
        }
    }
}
