using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Surge.Simulators.KubernetesApi.Options;

/// <summary>Checks <see cref="SimulatorOptions"/> when the simulator starts; every message names its full key.</summary>
public sealed partial class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromHours(1);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        var errors = new List<string>();
        var section = SimulatorOptions.Section;
        if (options.HistoryLimit < 1)
        {
            errors.Add($"{section}:HistoryLimit is {options.HistoryLimit}; keep at least 1 event, such as 1000.");
        }

        if (options.BookmarkInterval <= TimeSpan.Zero)
        {
            errors.Add($"{section}:BookmarkInterval is {options.BookmarkInterval}; give a positive interval such as 00:00:05.");
        }

        CheckDelay(errors, $"{section}:Kubelet:SandboxDelay", options.Kubelet.SandboxDelay);
        CheckDelay(errors, $"{section}:Kubelet:PullDelay", options.Kubelet.PullDelay);
        CheckDelay(errors, $"{section}:Kubelet:ReadinessDelay", options.Kubelet.ReadinessDelay);
        for (var index = 0; index < options.ImageDigests.Count; index++)
        {
            var entry = options.ImageDigests[index];
            if (string.IsNullOrWhiteSpace(entry.Image))
            {
                errors.Add($"{section}:ImageDigests:{index}:Image is empty; give an image reference such as registry.local/app:1.1.");
            }

            if (!DigestPattern().IsMatch(entry.Digest))
            {
                errors.Add($"{section}:ImageDigests:{index}:Digest is '{entry.Digest}'; give sha256: and 64 lowercase hex digits.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckDelay(List<string> errors, string key, TimeSpan delay)
    {
        if (delay < TimeSpan.Zero || delay > MaxDelay)
        {
            errors.Add($"{key} is {delay}; give a delay between 00:00:00 and 01:00:00.");
        }
    }

    [GeneratedRegex("^sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestPattern();
}
