using System.Text.RegularExpressions;
using Surge.Provisioner.Faults;

namespace Surge.Provisioner.Simulation.Clouds;

/// <summary>
/// Checks the settings under <c>SimulatedDataCentre:Clouds</c>: provider names, quotas, operation names and their
/// latency and fault settings. Every message names the full key.
/// </summary>
public static partial class SimulatedCloudOptionsValidation
{
    private static readonly string KnownOperations = string.Join(", ", Enum.GetNames<CloudOperation>());

    /// <summary>
    /// Returns one message per problem in <paramref name="clouds"/>, bound from <paramref name="section"/>, including the
    /// entries the configuration binder dropped because it could not convert one of their values.
    /// </summary>
    public static IEnumerable<string> Validate(IConfigurationSection section, IReadOnlyDictionary<string, SimulatedCloudOptions> clouds)
    {
        foreach (var entry in section.GetChildren())
        {
            if (!clouds.TryGetValue(entry.Key, out var settings))
            {
                yield return DroppedEntryError<SimulatedCloudOptions>(entry, "Set MaxNodes and Operations as keys below it.");
                continue;
            }

            foreach (var message in FindDroppedOperations(entry.GetSection(nameof(SimulatedCloudOptions.Operations)), settings))
            {
                yield return message;
            }
        }

        foreach (var (provider, settings) in clouds)
        {
            foreach (var message in ValidateCloud(provider, settings))
            {
                yield return message;
            }
        }
    }

    /// <summary>Returns one message per problem in the settings of <paramref name="provider"/>.</summary>
    public static IEnumerable<string> ValidateCloud(string provider, SimulatedCloudOptions settings)
    {
        var key = SimulatedCloudOptions.Key(provider);
        if (!ProviderName().IsMatch(provider))
        {
            yield return $"{key} is not a valid provider name. Use lower-case letters, digits and inner hyphens, such as private-cloud, because the name starts the name of every node the provider creates.";
        }

        if (settings.MaxNodes is < 0 or > SimulatedCloudOptions.MaxNodesLimit)
        {
            yield return $"{key}:{nameof(SimulatedCloudOptions.MaxNodes)} must be between 0 and {SimulatedCloudOptions.MaxNodesLimit}. It is {settings.MaxNodes}.";
        }

        foreach (var (operationName, operationSettings) in settings.Operations)
        {
            if (!TryParseOperation(operationName, out var operation))
            {
                yield return $"{key}:{nameof(SimulatedCloudOptions.Operations)}:{operationName} is not a cloud operation. Use one of {KnownOperations}.";
                continue;
            }

            foreach (var message in ValidateOperation(SimulatedCloudOptions.OperationKey(provider, operation), operationSettings))
            {
                yield return message;
            }
        }
    }

    private static IEnumerable<string> ValidateOperation(string key, OperationFaultOptions settings)
    {
        if (settings.Latency is { } latency)
        {
            foreach (var message in FaultOptionsValidation.ValidateLatency($"{key}:{nameof(OperationFaultOptions.Latency)}", latency))
            {
                yield return message;
            }
        }

        var failureRateKey = $"{key}:{nameof(OperationFaultOptions.FailureRate)}";
        var neverAnswerRateKey = $"{key}:{nameof(OperationFaultOptions.NeverAnswerRate)}";
        var failureRate = settings.FailureRate ?? 0.0;
        var rateErrors = new[]
        {
            FaultOptionsValidation.ValidateRate(failureRateKey, failureRate),
            FaultOptionsValidation.ValidateRate(neverAnswerRateKey, settings.NeverAnswerRate),
        }.OfType<string>().ToList();
        foreach (var message in rateErrors)
        {
            yield return message;
        }

        if (rateErrors.Count == 0
            && FaultOptionsValidation.ValidateRateSum(failureRateKey, failureRate, neverAnswerRateKey, settings.NeverAnswerRate) is { } sumError)
        {
            yield return sumError;
        }
    }

    private static IEnumerable<string> FindDroppedOperations(IConfigurationSection operations, SimulatedCloudOptions settings) =>
        operations.GetChildren()
            .Where(entry => !settings.Operations.ContainsKey(entry.Key))
            .Select(entry => DroppedEntryError<OperationFaultOptions>(entry, "Set its Latency, FailureRate and NeverAnswerRate as keys below it."));

    // The configuration binder leaves out a dictionary entry whose values it cannot convert, such as MaxNodes=many,
    // without an error. Binding the entry again on its own gives the error that names the value and its key.
    private static string DroppedEntryError<TOptions>(IConfigurationSection entry, string fix)
    {
        try
        {
            entry.Get<TOptions>();
            return $"{entry.Path} could not be read. {fix}";
        }
        catch (InvalidOperationException exception)
        {
            return $"{entry.Path} could not be read: {exception.Message}";
        }
    }

    // Enum.TryParse also accepts numbers such as "0", which are not operation names.
    private static bool TryParseOperation(string name, out CloudOperation operation)
    {
        var match = Enum.GetNames<CloudOperation>().FirstOrDefault(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase));
        operation = match is null ? default : Enum.Parse<CloudOperation>(match);
        return match is not null;
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?$")]
    private static partial Regex ProviderName();
}
