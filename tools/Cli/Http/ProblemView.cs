namespace Surge.Cli.Http;

/// <summary>An RFC 9457 problem details body.</summary>
/// <param name="Errors">Messages per field, keyed by a JSON path such as <c>spec.cidr</c>; absent when the problem names no field.</param>
internal sealed record ProblemView(
    string? Type,
    string? Title,
    int? Status,
    string? Detail,
    IReadOnlyDictionary<string, string[]>? Errors);
