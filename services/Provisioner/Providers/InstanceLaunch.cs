using Surge.Provisioner.Instances;
using Surge.Provisioner.Querying;

namespace Surge.Provisioner.Providers;

/// <summary>What a provider needs to start one instance, and the correlation id its outcome is recorded under.</summary>
public sealed record InstanceLaunch(
    Guid InstanceId,
    Guid SagaId,
    string Service,
    string Node,
    string Address,
    string Image,
    int CpuMillicores,
    int MemoryMiB,
    string CorrelationId)
{
    /// <summary>Creates the launch for a newly requested instance.</summary>
    public static InstanceLaunch From(InstanceRequested requested, string correlationId) => new(
        requested.InstanceId,
        requested.SagaId,
        requested.Service,
        requested.Node,
        requested.Address,
        requested.Image,
        requested.CpuMillicores,
        requested.MemoryMiB,
        correlationId);

    /// <summary>Creates the launch for a recorded instance.</summary>
    public static InstanceLaunch From(InstanceView view) => new(
        view.InstanceId,
        view.SagaId,
        view.Service,
        view.Node,
        view.Address,
        view.Image,
        view.CpuMillicores,
        view.MemoryMiB,
        view.CorrelationId);
}
