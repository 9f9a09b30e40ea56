namespace Surge.Cli.Http;

/// <summary>The health gate of <see cref="RolloutStartRequest"/>, absent when none of its options was given.</summary>
internal sealed record RolloutHealthGateRequest(string? HttpPath, double? MaxErrorRate, TimeSpan? Window);
