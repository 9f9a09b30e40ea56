namespace Surge.Capacity.Scheduling;

/// <summary>Why one node cannot take the next instance.</summary>
/// <param name="Detail">The numbers behind the dimension, such as '300 of 500 millicores free'.</param>
public sealed record NodeRejection(string Node, string Pool, string Zone, PlacementDimension Dimension, string Detail);
