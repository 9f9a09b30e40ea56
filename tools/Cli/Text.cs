using System.Globalization;

namespace Surge.Cli;

/// <summary>Fills the placeholders of a localized message.</summary>
internal static class Text
{
    /// <summary>Formats <paramref name="template"/> with the current culture's number and date formats.</summary>
    public static string Format(string template, params object?[] arguments) =>
        string.Format(CultureInfo.CurrentCulture, template, arguments);
}
