using Surge.Cli.Arguments;
using Surge.Cli.Resources;

namespace Surge.Cli.Commands;

/// <summary>Reads the rollout id that <c>rollout show</c>, <c>pause</c>, <c>resume</c>, <c>abort</c> and <c>rollback</c> take first.</summary>
internal static class RolloutIdentity
{
    /// <summary>Returns the ID argument in canonical form. Anything but a UUID is a usage error, because the gateway would return 404.</summary>
    public static string From(ParsedArguments arguments)
    {
        var value = arguments.Positionals[0];
        if (!Guid.TryParse(value, out var id))
        {
            throw new UsageException(Text.Format(Strings.UsageInvalidRolloutId, value), arguments.Command);
        }

        return id.ToString();
    }
}
