namespace Surge.Capacity.ScaleOut;

/// <summary>An operator's request to cancel a saga, with the reason recorded in its audit trail.</summary>
public sealed record CancelSagaRequest(string? Reason);
