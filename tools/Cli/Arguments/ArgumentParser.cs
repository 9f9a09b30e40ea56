using Surge.Cli.Resources;

namespace Surge.Cli.Arguments;

/// <summary>Splits a command's arguments into options and positionals by the command's <see cref="CommandSpec"/>.</summary>
/// <remarks>
/// Accepted forms: <c>--name value</c>, <c>--name=value</c>, <c>-x value</c> for a declared alias, <c>--flag</c>
/// for an option without a value, and <c>--help</c>/<c>-h</c> anywhere. A negative number such as <c>-5</c> is a
/// value, not an option, so the command can name it in its error. An option given twice, an unknown option, a
/// missing value, a value given to a flag, or a missing or extra positional is a <see cref="UsageException"/>.
/// </remarks>
internal static class ArgumentParser
{
    /// <summary>Parses <paramref name="arguments"/>, which exclude the command name itself.</summary>
    public static ParsedArguments Parse(CommandSpec spec, IReadOnlyList<string> arguments)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var positionals = new List<string>();
        var helpRequested = false;

        for (var index = 0; index < arguments.Count; index++)
        {
            var argument = arguments[index];
            if (argument is "--help" or "-h")
            {
                helpRequested = true;
                continue;
            }

            if (!IsOption(argument))
            {
                positionals.Add(argument);
                continue;
            }

            var (name, inlineValue) = SplitOption(spec, argument);
            if (spec.Flags.Contains(name, StringComparer.Ordinal))
            {
                AddFlag(spec, flags, name, inlineValue);
                continue;
            }

            var value = inlineValue ?? TakeValue(spec, arguments, ref index, argument);
            if (!options.TryAdd(name, value))
            {
                throw new UsageException(Text.Format(Strings.UsageOptionRepeated, "--" + name), spec.Name);
            }
        }

        if (!helpRequested)
        {
            CheckPositionals(spec, positionals);
        }

        return new ParsedArguments(spec.Name, positionals, options, helpRequested) { Flags = flags };
    }

    private static bool IsOption(string argument) => argument.Length > 1 && argument[0] == '-' && !char.IsAsciiDigit(argument[1]);

    private static void AddFlag(CommandSpec spec, HashSet<string> flags, string name, string? inlineValue)
    {
        if (inlineValue is not null)
        {
            throw new UsageException(Text.Format(Strings.UsageFlagTakesNoValue, "--" + name, inlineValue), spec.Name);
        }

        if (!flags.Add(name))
        {
            throw new UsageException(Text.Format(Strings.UsageOptionRepeated, "--" + name), spec.Name);
        }
    }

    private static (string Name, string? InlineValue) SplitOption(CommandSpec spec, string argument)
    {
        string name;
        string? inlineValue = null;
        if (argument.StartsWith("--", StringComparison.Ordinal))
        {
            var body = argument[2..];
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            name = equals < 0 ? body : body[..equals];
            inlineValue = equals < 0 ? null : body[(equals + 1)..];
        }
        else if (!spec.ShortAliases.TryGetValue(argument[1..], out name!))
        {
            throw new UsageException(Text.Format(Strings.UsageUnknownOption, argument, spec.Name), spec.Name);
        }

        if (!spec.ValueOptions.Contains(name, StringComparer.Ordinal) && !spec.Flags.Contains(name, StringComparer.Ordinal))
        {
            throw new UsageException(Text.Format(Strings.UsageUnknownOption, argument, spec.Name), spec.Name);
        }

        return (name, inlineValue);
    }

    private static string TakeValue(CommandSpec spec, IReadOnlyList<string> arguments, ref int index, string option)
    {
        if (index + 1 >= arguments.Count || IsOption(arguments[index + 1]))
        {
            throw new UsageException(Text.Format(Strings.UsageOptionNeedsValue, option), spec.Name);
        }

        index++;
        return arguments[index];
    }

    private static void CheckPositionals(CommandSpec spec, List<string> positionals)
    {
        if (positionals.Count < spec.PositionalNames.Count)
        {
            var missing = spec.PositionalNames[positionals.Count];
            throw new UsageException(Text.Format(Strings.UsageMissingArgument, missing, spec.Name), spec.Name);
        }

        var allowed = spec.PositionalNames.Count + spec.OptionalPositionalNames.Count;
        if (positionals.Count > allowed)
        {
            var extra = positionals[allowed];
            throw new UsageException(Text.Format(Strings.UsageUnexpectedArgument, extra, spec.Name), spec.Name);
        }
    }
}
