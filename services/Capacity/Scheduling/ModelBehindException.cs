namespace Surge.Capacity.Scheduling;

/// <summary>
/// The capacity model missed events of nodes a placement chose; the streams were reloaded and the message is retried
/// like any other concurrency conflict.
/// </summary>
public sealed class ModelBehindException(IReadOnlyList<string> streams)
    : JasperFx.ConcurrencyException($"The capacity model was behind on {string.Join(", ", streams)}; placement runs again.", typeof(Nodes.NodeView), streams[0]);
