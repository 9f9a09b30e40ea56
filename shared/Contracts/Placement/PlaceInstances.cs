namespace Surge.Contracts.Placement;

/// <summary>Asks Capacity to choose nodes for a scale-out saga and reserve their resources.</summary>
public sealed record PlaceInstances(Guid SagaId) : ISagaMessage;
