namespace Surge.Cli.Http;

/// <summary>A scale-out saga as <c>GET /api/sagas/{id}</c> returns it.</summary>
internal sealed record SagaView(
    string SagaId,
    string Service,
    string Status,
    int RequestedCount,
    DateTimeOffset? RequestedAt,
    DateTimeOffset? CompletedAt,
    string? FailureReason,
    IReadOnlyList<SagaInstanceView>? Instances)
{
    public const string Completed = "Completed";

    /// <summary>Whether the saga has reached a status it never leaves.</summary>
    public bool IsFinished => Status is Completed or "PartiallyCompleted" or "Failed" or "Cancelled" or "Declined";
}

/// <summary>One instance the saga started.</summary>
internal sealed record SagaInstanceView(string InstanceId, string? Node, string? Address, string? Endpoint);
