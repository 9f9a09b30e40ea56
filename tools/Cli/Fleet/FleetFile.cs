using Surge.Cli.Resources;

namespace Surge.Cli.Fleet;

/// <summary>A fleet file read from disk with the media type the gateway expects for it.</summary>
internal sealed record FleetFile(string Path, byte[] Content, string MediaType)
{
    public const string YamlMediaType = "application/yaml";

    public const string JsonMediaType = "application/json";

    /// <summary>Reads <paramref name="path"/>; a <c>.json</c> file is sent as JSON, anything else as YAML.</summary>
    /// <exception cref="CliFailureException">The file does not exist or cannot be read.</exception>
    public static FleetFile Read(string path)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CliFailureException(Text.Format(Strings.ErrorFleetFileUnreadable, path, exception.Message));
        }

        return new FleetFile(path, content, MediaTypeOf(path));
    }

    /// <summary>Returns <c>application/json</c> for a <c>.json</c> path and <c>application/yaml</c> otherwise.</summary>
    public static string MediaTypeOf(string path) =>
        System.IO.Path.GetExtension(path).Equals(".json", StringComparison.OrdinalIgnoreCase) ? JsonMediaType : YamlMediaType;
}
