using Surge.Provisioner.Faults;

namespace Surge.Provisioner.Simulation.NetworkInterfaces;

/// <summary>Checks the settings under <c>SimulatedDataCentre:NetworkInterfaces</c>. Every message names the full key.</summary>
public static class NetworkInterfaceOptionsValidation
{
    /// <summary>Returns one message per problem in <paramref name="options"/>.</summary>
    public static IEnumerable<string> Validate(NetworkInterfaceOptions options)
    {
        if (options.AttachLatency is { } latency)
        {
            foreach (var message in FaultOptionsValidation.ValidateLatency($"{NetworkInterfaceOptions.Key}:{nameof(NetworkInterfaceOptions.AttachLatency)}", latency))
            {
                yield return message;
            }
        }

        if (options.MaxPerNode is < 0 or > NetworkInterfaceOptions.MaxPerNodeLimit)
        {
            yield return $"{NetworkInterfaceOptions.Key}:{nameof(NetworkInterfaceOptions.MaxPerNode)} must be between 0 and {NetworkInterfaceOptions.MaxPerNodeLimit}. It is {options.MaxPerNode}.";
        }
    }
}
