using System.Text.Json;

namespace Surge.Gateway.Routing;

/// <summary>Reads the explanation a service gave with an error response: the title and detail of its problem details.</summary>
public static class ServiceProblem
{
    /// <summary>Returns the problem's title and detail as one text, or null when the body is not problem details.</summary>
    public static async Task<string?> ReadExplanationAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var problem = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            if (problem.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var parts = new[] { "title", "detail" }
                .Select(name => problem.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null)
                .Where(text => !string.IsNullOrWhiteSpace(text))
                .Select(text => text!.Trim());
            var explanation = string.Join(" ", parts);
            return explanation.Length == 0 ? null : explanation;
        }
        catch (JsonException)
        {
            // A proxy or a crashing process may send an HTML page or nothing, so only the status code is reported.
            return null;
        }
    }
}
