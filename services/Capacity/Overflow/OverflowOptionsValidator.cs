using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Surge.Capacity.Overflow;

/// <summary>Checks every provider of <see cref="OverflowOptions"/> at start, naming the key of each bad value.</summary>
public sealed class OverflowOptionsValidator : IValidateOptions<OverflowOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OverflowOptions options)
    {
        var failures = new List<string>();
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
