namespace Surge.Cli.Http;

/// <summary>One instance of a rollout: where it runs, its phase, the image it runs and the one it ran before.</summary>
/// <param name="ReplacementOf">For recreate, the instance this new one replaces.</param>
internal sealed record RolloutInstanceView(
    string InstanceId,
    string? Node,
    string Phase,
    string? Image,
    string? PreviousImage,
    string? Failure,
    string? ReplacementOf = null);
