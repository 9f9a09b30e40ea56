using System.Globalization;

namespace Surge.Provisioner.Faults;

/// <summary>
/// Checks latency and fault settings. Every message names the full configuration key, so a provider passes the key its
/// settings were bound from.
/// </summary>
public static class FaultOptionsValidation
{
    /// <summary>The longest latency parameter accepted, one day.</summary>
    public static readonly TimeSpan MaxLatency = TimeSpan.FromDays(1);

    /// <summary>Returns one message per problem in the latency settings bound from <paramref name="key"/>.</summary>
    public static IEnumerable<string> ValidateLatency(string key, LatencyOptions options)
    {
        if (!Enum.IsDefined(options.Kind))
        {
            yield return Format($"{key}:Kind is {(int)options.Kind}, which is not a latency kind. Use one of {string.Join(", ", Enum.GetNames<LatencyKind>())}.");
            yield break;
        }

        foreach (var (name, value) in Parameters(options))
        {
            if (value is { } latency && (latency < TimeSpan.Zero || latency > MaxLatency))
            {
                yield return Format($"{key}:{name} must be between 00:00:00 and 1.00:00:00 (one day). It is {latency}.");
            }
        }

        foreach (var name in MissingParameters(options))
        {
            yield return $"{key}:{name} is missing. Latency kind {options.Kind} needs {string.Join(" and ", RequiredParameters(options.Kind))}.";
        }

        if (options.Kind == LatencyKind.Uniform && options.Min > options.Max)
        {
            yield return Format($"{key}:Min ({options.Min}) is greater than {key}:Max ({options.Max}). Set Min at most Max.");
        }
    }

    /// <summary>Returns a message when <paramref name="rate"/>, bound from <paramref name="key"/>, is not between 0 and 1.</summary>
    public static string? ValidateRate(string key, double rate) =>
        rate is >= 0.0 and <= 1.0 ? null : Format($"{key} must be between 0 and 1. It is {rate}.");

    /// <summary>Returns a message when a failure rate and a never-answer rate add up to more than 1.</summary>
    public static string? ValidateRateSum(string failureRateKey, double failureRate, string neverAnswerRateKey, double neverAnswerRate) =>
        OperationFaults.RatesFit(failureRate, neverAnswerRate)
            ? null
            : Format($"{failureRateKey} ({failureRate}) and {neverAnswerRateKey} ({neverAnswerRate}) add up to {failureRate + neverAnswerRate}, but must add up to at most 1, because each call either fails, never answers or succeeds. Lower one of them.");

    /// <summary>Returns the parameters <paramref name="kind"/> needs. <see cref="LatencyOptions.Max"/> is optional for the normal and exponential kinds.</summary>
    public static IReadOnlyList<string> RequiredParameters(LatencyKind kind) => kind switch
    {
        LatencyKind.Fixed => [nameof(LatencyOptions.Mean)],
        LatencyKind.Uniform => [nameof(LatencyOptions.Min), nameof(LatencyOptions.Max)],
        LatencyKind.Normal => [nameof(LatencyOptions.Mean), nameof(LatencyOptions.StdDev)],
        LatencyKind.Exponential => [nameof(LatencyOptions.Mean)],
        _ => [],
    };

    private static IEnumerable<string> MissingParameters(LatencyOptions options) =>
        RequiredParameters(options.Kind).Where(name => Parameters(options).Single(parameter => parameter.Name == name).Value is null);

    private static (string Name, TimeSpan? Value)[] Parameters(LatencyOptions options) =>
    [
        (nameof(LatencyOptions.Mean), options.Mean),
        (nameof(LatencyOptions.Min), options.Min),
        (nameof(LatencyOptions.Max), options.Max),
        (nameof(LatencyOptions.StdDev), options.StdDev),
    ];

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
