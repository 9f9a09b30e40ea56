using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;

namespace Surge.Gateway.Webhooks;

/// <summary>Reads a notification body after checking its content type, and refuses one over the size limit before holding it whole.</summary>
public static class WebhookBody
{
    /// <summary>Returns the body, or throws a 415 for a content type not in <paramref name="accepted"/> or a 413 for a body over <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, long maxBytes, IReadOnlyList<string> accepted, CancellationToken cancellationToken)
    {
        CheckContentType(request, accepted);
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes, $"Content-Length is {request.ContentLength} bytes, more");
        }

        // Kestrel enforces the limit too, for bodies sent without a length. The loop below enforces it whichever
        // server runs the gateway.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw TooLarge(maxBytes, "The body is longer");
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxBytes, "The body is longer");
        }

        return buffer.ToArray();
    }

    private static void CheckContentType(HttpRequest request, IReadOnlyList<string> accepted)
    {
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType : null;
        if (mediaType is null || !accepted.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            throw new WebhookRejection(
                StatusCodes.Status415UnsupportedMediaType,
                "The content type is not accepted.",
                "Content-Type",
                $"Content-Type is '{request.ContentType}'; this endpoint accepts {string.Join(" or ", accepted)}.");
        }
    }

    private static WebhookRejection TooLarge(long maxBytes, string what) => new(
        StatusCodes.Status413PayloadTooLarge,
        "The notification is too large.",
        "body",
        $"{what} than the {maxBytes} bytes Gateway:AlertSources:MaxBodyBytes allows. Lower the sender's alerts per notification (Alertmanager's max_alerts, Grafana's max alerts) or raise the limit.");
}
