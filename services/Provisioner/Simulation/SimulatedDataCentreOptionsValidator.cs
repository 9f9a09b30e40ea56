using Microsoft.Extensions.Options;
using Surge.Provisioner.Configuration;
using Surge.Provisioner.Faults;
using Surge.Provisioner.Simulation.Clouds;
using Surge.Provisioner.Simulation.NetworkInterfaces;

namespace Surge.Provisioner.Simulation;

/// <summary>
/// Checks what data annotations on <see cref="SimulatedDataCentreOptions"/> cannot: the operation names and settings
/// under <c>SimulatedDataCentre:Operations</c> and <c>SimulatedDataCentre:Clouds</c>, the settings under
/// <c>SimulatedDataCentre:NetworkInterfaces</c>, the older keys set together with
/// the keys that replace them, and misspelt keys anywhere in the section. Every message names the full key.
/// </summary>
public sealed class SimulatedDataCentreOptionsValidator(IConfiguration configuration) : IValidateOptions<SimulatedDataCentreOptions>
{
    private static readonly string KnownOperations = string.Join(", ", Enum.GetNames<ProviderOperation>());

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SimulatedDataCentreOptions options)
    {
        var section = configuration.GetSection(SimulatedDataCentreOptions.Section);
        var errors = UnknownConfigurationKeys.Find(section, typeof(SimulatedDataCentreOptions))
            .Concat(FindDroppedOperations(section.GetSection(nameof(SimulatedDataCentreOptions.Operations)), options))
            .Concat(ValidateOperations(options))
            .Concat(SimulatedCloudOptionsValidation.Validate(section.GetSection(nameof(SimulatedDataCentreOptions.Clouds)), options.Clouds))
            .Concat(NetworkInterfaceOptionsValidation.Validate(options.NetworkInterfaces))
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    // The configuration binder leaves out a dictionary entry whose values it cannot convert, such as Kind=Gaussian,
    // without an error. Binding the entry again on its own gives the error that names the value and its key.
    private static IEnumerable<string> FindDroppedOperations(IConfigurationSection operations, SimulatedDataCentreOptions options)
    {
        foreach (var entry in operations.GetChildren().Where(entry => !options.Operations.ContainsKey(entry.Key)))
        {
            string error;
            try
            {
                entry.Get<OperationFaultOptions>();
                error = $"{entry.Path} could not be read. Set its Latency, FailureRate and NeverAnswerRate as keys below it.";
            }
            catch (InvalidOperationException exception)
            {
                error = $"{entry.Path} could not be read: {exception.Message}";
            }

            yield return error;
        }
    }

    /// <summary>Returns one message per problem under <c>SimulatedDataCentre:Operations</c> and per older key that conflicts with it.</summary>
    public static IEnumerable<string> ValidateOperations(SimulatedDataCentreOptions options)
    {
        foreach (var (operationName, settings) in options.Operations)
        {
            if (!TryParseOperation(operationName, out var operation))
            {
                yield return $"{SimulatedDataCentreOptions.Section}:{nameof(SimulatedDataCentreOptions.Operations)}:{operationName} is not an operation. Use one of {KnownOperations}.";
                continue;
            }

            foreach (var message in ValidateOperation(options, operation, settings))
            {
                yield return message;
            }
        }
    }

    private static IEnumerable<string> ValidateOperation(SimulatedDataCentreOptions options, ProviderOperation operation, OperationFaultOptions settings)
    {
        var key = SimulatedDataCentreOptions.OperationKey(operation);
        var latencyKey = $"{key}:{nameof(OperationFaultOptions.Latency)}";
        var failureRateKey = $"{key}:{nameof(OperationFaultOptions.FailureRate)}";
        var neverAnswerRateKey = $"{key}:{nameof(OperationFaultOptions.NeverAnswerRate)}";

        if (settings.Latency is { } latency)
        {
            foreach (var message in FaultOptionsValidation.ValidateLatency(latencyKey, latency))
            {
                yield return message;
            }

            if (SimulatedDataCentreFaults.OlderLatency(options, operation) is not null)
            {
                yield return $"{SimulatedDataCentreFaults.OlderLatencyKey(operation)} and {latencyKey} are both set. Remove {SimulatedDataCentreFaults.OlderLatencyKey(operation)}, the older form of a Fixed {latencyKey}.";
            }
        }

        var olderFailureRate = SimulatedDataCentreFaults.OlderFailureRate(options, operation);
        if (settings.FailureRate is not null && olderFailureRate is not null)
        {
            yield return $"{SimulatedDataCentreFaults.OlderFailureRateKey} and {failureRateKey} are both set. Remove {SimulatedDataCentreFaults.OlderFailureRateKey}, the older form of {failureRateKey}.";
        }

        var rateErrors = new[]
        {
            settings.FailureRate is { } failureRate ? FaultOptionsValidation.ValidateRate(failureRateKey, failureRate) : null,
            FaultOptionsValidation.ValidateRate(neverAnswerRateKey, settings.NeverAnswerRate),
        }.OfType<string>().ToList();
        foreach (var message in rateErrors)
        {
            yield return message;
        }

        // The older key's own range is checked by its data annotation, so the sum is checked only when both rates are valid.
        var (effectiveRate, effectiveKey) = settings.FailureRate is { } configured
            ? (configured, failureRateKey)
            : (olderFailureRate ?? 0.0, SimulatedDataCentreFaults.OlderFailureRateKey);
        if (rateErrors.Count == 0 && effectiveRate is >= 0.0 and <= 1.0
            && FaultOptionsValidation.ValidateRateSum(effectiveKey, effectiveRate, neverAnswerRateKey, settings.NeverAnswerRate) is { } sumError)
        {
            yield return sumError;
        }
    }

    // Enum.TryParse also accepts numbers such as "0", which are not operation names.
    private static bool TryParseOperation(string name, out ProviderOperation operation)
    {
        var match = Enum.GetNames<ProviderOperation>().FirstOrDefault(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase));
        operation = match is null ? default : Enum.Parse<ProviderOperation>(match);
        return match is not null;
    }
}
