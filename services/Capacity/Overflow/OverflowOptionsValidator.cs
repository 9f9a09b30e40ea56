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
                var unreadable = UnreadableSettings(configured).ToList();
                failures.AddRange(unreadable.Count > 0
                    ? unreadable
                    : [$"{OverflowOptions.Section}:Providers:{configured.Key} could not be read. Check that Kind is {string.Join(" or ", Enum.GetNames<Scheduling.CloudKind>())}, that the sizes and MaxNodes are whole numbers and ExpectedProvisioningTime is a duration such as 00:02:00."]);
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

    // Names each setting of a provider entry that the binder could not convert, with the value and the form to write.
    private static IEnumerable<string> UnreadableSettings(IConfigurationSection provider)
    {
        foreach (var setting in provider.GetChildren().Where(setting => setting.Value is not null))
        {
            var path = $"{OverflowOptions.Section}:Providers:{provider.Key}:{setting.Key}";
            var problem = setting.Key.ToLowerInvariant() switch
            {
                "kind" when !Enum.TryParse<Scheduling.CloudKind>(setting.Value, ignoreCase: true, out _) =>
                    $"is not one of {string.Join(", ", Enum.GetNames<Scheduling.CloudKind>())}",
                "nodecpumillicores" or "nodememorymib" or "nodediskgib" or "nodeswapmib" or "maxnodes" when !int.TryParse(setting.Value, out _) =>
                    "is not a whole number",
                "expectedprovisioningtime" when !TimeSpan.TryParse(setting.Value, System.Globalization.CultureInfo.InvariantCulture, out _) =>
                    "is not a duration such as 00:02:00",
                _ => null,
            };
            if (problem is not null)
            {
                yield return $"{path}: '{setting.Value}' {problem}.";
            }
        }
    }
}
