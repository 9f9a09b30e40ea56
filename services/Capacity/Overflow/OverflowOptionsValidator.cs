using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Surge.Capacity.Overflow;

/// <summary>Checks every provider of <see cref="OverflowOptions"/> at start, naming the key of each bad value.</summary>
public sealed class OverflowOptionsValidator(IConfiguration configuration) : IValidateOptions<OverflowOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OverflowOptions options)
    {
        var failures = new List<string>();

        // The configuration binder leaves out a provider with a value it cannot convert, such as Kind=Privat or
        // MaxNodes=four, instead of failing, so a configured provider missing from the options is reported here.
        foreach (var configured in configuration.GetSection($"{OverflowOptions.Section}:Providers").GetChildren())
        {
            if (!options.Providers.ContainsKey(configured.Key))
            {
                failures.Add($"{OverflowOptions.Section}:Providers:{configured.Key} could not be read. Check that Kind is {string.Join(" or ", Enum.GetNames<Scheduling.CloudKind>())}, that the sizes and MaxNodes are whole numbers and ExpectedProvisioningTime is a duration such as 00:02:00.");
            }
        }

        foreach (var (provider, settings) in options.Providers)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(settings, new ValidationContext(settings), results, validateAllProperties: true);
            failures.AddRange(results.Select(result => $"{OverflowOptions.Section}:Providers:{provider}: {result.ErrorMessage}"));
            if (settings.Zones.Any(string.IsNullOrWhiteSpace))
            {
                failures.Add($"{OverflowOptions.Section}:Providers:{provider}:Zones has an empty zone name.");
            }
        }

        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
