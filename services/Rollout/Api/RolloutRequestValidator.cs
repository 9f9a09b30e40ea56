using System.Globalization;
using System.Text.Json;
using Surge.Rollout.Saga;
using Surge.ServiceDefaults.Problems;

namespace Surge.Rollout.Api;

/// <summary>Turns a rollout request into a <see cref="RolloutSpec"/>, or reports every field that is wrong and how to fix it.</summary>
public static partial class RolloutRequestValidator
{
    /// <summary>The strategy names the API accepts.</summary>
    public const string InPlace = "in-place";

    /// <inheritdoc cref="InPlace"/>
    public const string DrainedInPlace = "drained-in-place";

    /// <summary>The strategy that replaces instances through Capacity, which Rollout does not do yet.</summary>
    public const string Recreate = "recreate";

    // Image references of registries stay well under this; longer values are mistakes, and they end up in every event.
    private const int MaxImageLength = 512;
    private const int MaxRequestedByLength = 200;

    private static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(30);

    /// <summary>Returns the spec; throws <see cref="RequestValidationException"/> listing each invalid field.</summary>
    public static RolloutSpec Validate(RolloutRequest request, TimeSpan defaultDrainTimeout)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(request.Service))
        {
            Error("service", "service is missing. Name the service to update, such as 'feed-api'.");
        }
        else if (!ServiceName().IsMatch(request.Service))
        {
            Error("service", $"service '{Shorten(request.Service)}' is not a service name. Service names have 1 to 63 lower-case letters, digits and '-', and start and end with a letter or digit, as in the fleet file.");
        }

        if (string.IsNullOrWhiteSpace(request.Image) || request.Image.Any(char.IsWhiteSpace))
        {
            Error("image", "image is missing or contains spaces. Give the image to run, such as 'registry.local/feed-api:1.1.0'.");
        }
        else if (request.Image.Length > MaxImageLength)
        {
            Error("image", $"image has {request.Image.Length} characters; give at most {MaxImageLength}.");
        }

        if (request.RequestedBy is { Length: > MaxRequestedByLength })
        {
            Error("requestedBy", $"requestedBy has {request.RequestedBy.Length} characters; give at most {MaxRequestedByLength}, such as a user or tool name.");
        }

        var strategy = request.Strategy ?? DrainedInPlace;
        RolloutStrategy? parsed = strategy switch
        {
            InPlace => RolloutStrategy.InPlace,
            DrainedInPlace => RolloutStrategy.DrainedInPlace,
            Recreate => RolloutStrategy.Recreate,
            _ => null,
        };
        if (parsed is null)
        {
            Error("strategy", $"strategy '{strategy}' is unknown. Use '{InPlace}', '{DrainedInPlace}' or '{Recreate}'.");
        }

        var (count, percent) = ParseBatchSize(request.BatchSize, Error);
        if (request.MaxUnavailable is < 1)
        {
            Error("maxUnavailable", $"maxUnavailable is {request.MaxUnavailable}; give at least 1, or leave it out to use the batch size.");
        }

        var pause = request.PauseBetweenBatches ?? TimeSpan.Zero;
        if (pause < TimeSpan.Zero || pause > TimeSpan.FromHours(24))
        {
            Error("pauseBetweenBatches", $"pauseBetweenBatches is {pause}; give between 00:00:00 and 1.00:00:00 (one day).");
        }

        var gate = ValidateGate(request.HealthGate, Error);
        var threshold = request.FailureThreshold ?? 1;
        if (threshold < 1)
        {
            Error("failureThreshold", $"failureThreshold is {threshold}; give at least 1 failed instance that starts the rollback.");
        }

        var drain = request.DrainTimeout ?? defaultDrainTimeout;
        if (drain < TimeSpan.FromSeconds(1) || drain > TimeSpan.FromHours(1))
        {
            Error("drainTimeout", $"drainTimeout is {drain}; give between 00:00:01 and 01:00:00.");
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors, errors.Count == 1 ? errors.First().Value[0] : "The rollout request has invalid fields.");
        }

        return new RolloutSpec(parsed!.Value, count, percent, request.MaxUnavailable, pause, gate, threshold, drain);
    }

    private static (int? Count, int? Percent) ParseBatchSize(JsonElement? batchSize, Action<string, string> error)
    {
        const string fix = "Give a count such as 3 or a share of the instances such as \"25%\".";
        if (batchSize is not { } value || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return (1, null);
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString()!.Trim(),
            _ => null,
        };
        var isPercent = text?.EndsWith('%') == true;
        var digits = isPercent ? text![..^1] : text;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            error("batchSize", $"batchSize '{text ?? value.GetRawText()}' is not a whole count or percentage. {fix}");
            return (null, null);
        }

        if (isPercent && number is < 1 or > 100)
        {
            error("batchSize", $"batchSize is {number}%; give between 1% and 100%.");
        }
        else if (!isPercent && number is < 1 or > 1000)
        {
            error("batchSize", $"batchSize is {number}; give between 1 and 1000 instances.");
        }

        return isPercent ? (null, number) : (number, null);
    }

    private static HealthGate ValidateGate(HealthGateRequest? gate, Action<string, string> error)
    {
        if (gate?.HttpPath is { } path && (!path.StartsWith('/') || path.Any(char.IsWhiteSpace) || path.Contains("//", StringComparison.Ordinal)))
        {
            error("healthGate.httpPath", $"healthGate.httpPath '{path}' is not an absolute path. Give a path such as '/healthz'.");
        }

        if (gate?.MaxErrorRate is { } rate && (double.IsNaN(rate) || rate < 0 || rate > 1))
        {
            error("healthGate.maxErrorRate", $"healthGate.maxErrorRate is {rate}; give a share between 0 and 1, such as 0.01 for 1%.");
        }

        var window = gate?.Window ?? DefaultWindow;
        if (window < TimeSpan.FromSeconds(1) || window > TimeSpan.FromHours(1))
        {
            error("healthGate.window", $"healthGate.window is {window}; give between 00:00:01 and 01:00:00.");
        }

        return new HealthGate(string.IsNullOrEmpty(gate?.HttpPath) ? null : gate.HttpPath, gate?.MaxErrorRate, window);
    }

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "...";

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\z")]
    private static partial System.Text.RegularExpressions.Regex ServiceName();
}
