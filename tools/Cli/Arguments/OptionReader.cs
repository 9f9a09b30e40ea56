using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Surge.Cli.Resources;

namespace Surge.Cli.Arguments;

/// <summary>Reads and checks option values, turning bad ones into a <see cref="UsageException"/> that names the option.</summary>
internal static class OptionReader
{
    /// <summary>The gateway used when neither <c>--gateway</c> nor <c>SURGE_GATEWAY_URL</c> is set.</summary>
    public static readonly Uri DefaultGateway = new("http://127.0.0.1:5080/");

    /// <summary>The data plane used when neither <c>--data-plane</c> nor <c>SURGE_DATA_PLANE_URL</c> is set.</summary>
    public static readonly Uri DefaultDataPlane = new("http://127.0.0.1:5090/");

    public const string GatewayVariable = "SURGE_GATEWAY_URL";

    public const string DataPlaneVariable = "SURGE_DATA_PLANE_URL";

    /// <summary>Returns the gateway base URL from <c>--gateway</c>, else <c>SURGE_GATEWAY_URL</c>, else the default.</summary>
    public static Uri Gateway(ParsedArguments arguments, Func<string, string?> environment) =>
        BaseUrl(arguments, "gateway", GatewayVariable, DefaultGateway, environment);

    /// <summary>Returns the data plane base URL from <c>--data-plane</c>, else <c>SURGE_DATA_PLANE_URL</c>, else the default.</summary>
    public static Uri DataPlane(ParsedArguments arguments, Func<string, string?> environment) =>
        BaseUrl(arguments, "data-plane", DataPlaneVariable, DefaultDataPlane, environment);

    /// <summary>Returns the value of a required option.</summary>
    public static string Required(ParsedArguments arguments, string name)
    {
        var value = arguments.Option(name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new UsageException(Text.Format(Strings.UsageMissingOption, "--" + name, arguments.Command), arguments.Command);
        }

        return value;
    }

    /// <summary>Returns the option's value, or <paramref name="fallback"/> when it is absent; an empty value is rejected.</summary>
    public static string TextOrDefault(ParsedArguments arguments, string name, string fallback)
    {
        var value = arguments.Option(name);
        if (value is null)
        {
            return fallback;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new UsageException(Text.Format(Strings.UsageEmptyValue, "--" + name), arguments.Command);
        }

        return value;
    }

    /// <summary>Returns the option's value, or null when it is absent. An empty value is a usage error.</summary>
    public static string? TextOrNull(ParsedArguments arguments, string name)
    {
        var value = arguments.Option(name);
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            throw new UsageException(Text.Format(Strings.UsageEmptyValue, "--" + name), arguments.Command);
        }

        return value;
    }

    /// <summary>Returns the option as a UUID, or null when it is absent.</summary>
    public static Guid? Uuid(ParsedArguments arguments, string name)
    {
        var value = TextOrNull(arguments, name);
        if (value is null)
        {
            return null;
        }

        if (!Guid.TryParse(value, out var uuid))
        {
            throw new UsageException(Text.Format(Strings.UsageInvalidUuid, "--" + name, value), arguments.Command);
        }

        return uuid;
    }

    /// <summary>
    /// Returns the option as an IP address in canonical text, or null when it is absent. IPv4 must be four decimal
    /// numbers, as Ipam requires, because <see cref="IPAddress.TryParse(string, out IPAddress)"/> also reads short and
    /// octal forms such as <c>10.1</c>. An IPv6 zone id such as <c>%eth0</c> is rejected, because it names a link.
    /// </summary>
    public static string? IpAddress(ParsedArguments arguments, string name)
    {
        var value = TextOrNull(arguments, name);
        if (value is null)
        {
            return null;
        }

        if (!IPAddress.TryParse(value, out var address) || !IsPlainAddress(address, value))
        {
            throw new UsageException(Text.Format(Strings.UsageInvalidIpAddress, "--" + name, value), arguments.Command);
        }

        return address.ToString();
    }

    /// <summary>Returns the option as an integer from 1 to <paramref name="maximum"/>, or <paramref name="fallback"/> when it is absent.</summary>
    public static int PositiveInteger(ParsedArguments arguments, string name, int fallback, int maximum)
    {
        var value = arguments.Option(name);
        if (value is null)
        {
            return fallback;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1 || number > maximum)
        {
            throw new UsageException(Text.Format(Strings.UsageInvalidInteger, "--" + name, value, maximum), arguments.Command);
        }

        return number;
    }

    /// <summary>Returns the option as a whole number from 1 to <see cref="int.MaxValue"/>, or null when it is absent.</summary>
    public static int? PositiveIntegerOrNull(ParsedArguments arguments, string name)
    {
        var value = arguments.Option(name);
        if (value is null)
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            throw new UsageException(Text.Format(Strings.UsageInvalidInteger, "--" + name, value, int.MaxValue), arguments.Command);
        }

        return number;
    }

    /// <summary>Returns the option as a duration such as <c>30s</c>, <c>1h30m</c> or <c>00:01:30</c>, or null when it is absent.</summary>
    public static TimeSpan? Duration(ParsedArguments arguments, string name)
    {
        var value = arguments.Option(name);
        if (value is null)
        {
            return null;
        }

        return DurationText.Parse(value.Trim())
            ?? throw new UsageException(Text.Format(Strings.UsageInvalidDuration, "--" + name, value), arguments.Command);
    }

    /// <summary>Returns the option as a share from 0 to 1, written as such (<c>0.01</c>) or as a percentage (<c>1%</c>), or null when it is absent.</summary>
    public static double? Share(ParsedArguments arguments, string name)
    {
        var value = arguments.Option(name);
        if (value is null)
        {
            return null;
        }

        var text = value.Trim();
        var isPercent = text.EndsWith('%');
        var styles = NumberStyles.AllowDecimalPoint;
        if (!double.TryParse(isPercent ? text[..^1] : text, styles, CultureInfo.InvariantCulture, out var number)
            || (isPercent ? number > 100 : number > 1))
        {
            throw new UsageException(Text.Format(Strings.UsageInvalidShare, "--" + name, value), arguments.Command);
        }

        return isPercent ? number / 100 : number;
    }

    /// <summary>Returns the one of <paramref name="choices"/> that the option names, ignoring case, or null when the option is absent.</summary>
    public static string? Choice(ParsedArguments arguments, string name, IReadOnlyList<string> choices)
    {
        var value = arguments.Option(name);
        if (value is null)
        {
            return null;
        }

        var chosen = choices.FirstOrDefault(choice => choice.Equals(value, StringComparison.OrdinalIgnoreCase));
        return chosen ?? throw new UsageException(
            Text.Format(Strings.UsageInvalidChoice, "--" + name, value, string.Join(", ", choices)),
            arguments.Command);
    }

    /// <summary>Returns the option as a timestamp with an offset (ISO 8601, such as <c>2026-01-02T03:04:05Z</c>), or null when it is absent.</summary>
    public static DateTimeOffset? Timestamp(ParsedArguments arguments, string name)
    {
        var value = arguments.Option(name);
        if (value is null)
        {
            return null;
        }

        // AssumeUniversal makes a value without an offset UTC, as a Go client would read it.
        var styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces;
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, styles, out var timestamp))
        {
            throw new UsageException(Text.Format(Strings.UsageInvalidTimestamp, "--" + name, value), arguments.Command);
        }

        return timestamp;
    }

    private static Uri BaseUrl(
        ParsedArguments arguments,
        string option,
        string variable,
        Uri fallback,
        Func<string, string?> environment)
    {
        var fromOption = arguments.Option(option);
        var fromEnvironment = environment(variable);
        var (value, source) = fromOption is not null
            ? (fromOption, "--" + option)
            : !string.IsNullOrWhiteSpace(fromEnvironment) ? (fromEnvironment, variable) : (null, null);
        if (value is null)
        {
            return fallback;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException(Text.Format(Strings.UsageInvalidUrl, source!, value), arguments.Command);
        }

        // A trailing slash keeps the URL's path when relative paths are resolved against it.
        return url.AbsolutePath.EndsWith('/') ? url : new Uri(url.GetLeftPart(UriPartial.Path) + "/");
    }

    private static bool IsPlainAddress(IPAddress address, string text) =>
        address.AddressFamily == AddressFamily.InterNetwork
            ? address.ToString() == text
            : address.ScopeId == 0 && !text.Contains('%');
}
