using Surge.Capacity.Resources;

namespace Surge.Capacity.ServiceCatalog;

/// <summary>The declared shape of a service: its own pool, its image, its instance shape and its instance count limits.</summary>
/// <param name="Strategy">How the scheduler scores nodes for the service; null takes the Capacity default.</param>
/// <param name="Degradation">What the service gives up while degraded during a scale-out; null when it cannot be degraded.</param>
public sealed record ServiceSpec(
    string Pool,
    string Image,
    InstanceShapeSpec? Shape,
    int MinInstances = 0,
    int MaxInstances = 10,
    PlacementStrategy? Strategy = null,
    DegradationSpec? Degradation = null)
{
    /// <summary>Throws a 400 naming each invalid field; <paramref name="poolExists"/> tells whether the pool is declared.</summary>
    public void Validate(string name, bool poolExists)
    {
        var errors = new SpecErrors();
        errors.RequireName("name", name);
        errors.RequireName("spec.pool", Pool);
        if (!string.IsNullOrEmpty(Pool) && !poolExists)
        {
            errors.Add("spec.pool", $"Pool '{Pool}' is not declared. Apply the Pool before the services that use it.");
        }

        if (string.IsNullOrWhiteSpace(Image))
        {
            errors.Add("spec.image", "image is missing. Give the image reference the instances run, such as 'registry.local/feed-api:1.0.0'.");
        }

        ValidateShape(errors);
        if (MinInstances < 0)
        {
            errors.Add("spec.minInstances", $"minInstances is {MinInstances}; give 0 or more.");
        }

        if (MaxInstances < 1 || MaxInstances < MinInstances)
        {
            errors.Add("spec.maxInstances", $"maxInstances is {MaxInstances}; give at least 1 and at least minInstances ({MinInstances}).");
        }

        Degradation?.Validate(errors);
        errors.ThrowIfAny("Service", name);
    }

    private void ValidateShape(SpecErrors errors)
    {
        if (Shape is null)
        {
            errors.Add("spec.shape", "shape is missing. Give the resources of one instance, such as {cpuMillicores: 500, memoryMiB: 512}.");
            return;
        }

        if (Shape.CpuMillicores <= 0)
        {
            errors.Add("spec.shape.cpuMillicores", $"cpuMillicores is {Shape.CpuMillicores}; give the CPU of one instance in millicores, such as 500.");
        }

        if (Shape.MemoryMiB <= 0)
        {
            errors.Add("spec.shape.memoryMiB", $"memoryMiB is {Shape.MemoryMiB}; give the memory of one instance in MiB, such as 512.");
        }

        if (Shape.DiskGiB < 0)
        {
            errors.Add("spec.shape.diskGiB", $"diskGiB is {Shape.DiskGiB}; give the local disk quota of one instance in GiB, 0 or more.");
        }

        if (Shape.SwapMiB < 0)
        {
            errors.Add("spec.shape.swapMiB", $"swapMiB is {Shape.SwapMiB}; give the swap limit of one instance in MiB, 0 or more.");
        }

        if (Shape.MaxPerNode is < 1)
        {
            errors.Add("spec.shape.maxPerNode", $"maxPerNode is {Shape.MaxPerNode}; give at least 1, or leave it out for no limit.");
        }

        if (Shape.MaxPerZone is < 1)
        {
            errors.Add("spec.shape.maxPerZone", $"maxPerZone is {Shape.MaxPerZone}; give at least 1, or leave it out for no limit.");
        }

        PlacementRules.ValidateLabels(errors, "spec.shape.requiredLabels", Shape.RequiredLabels);
        for (var index = 0; index < (Shape.Tolerations?.Count ?? 0); index++)
        {
            PlacementRules.ValidateKey(errors, $"spec.shape.tolerations[{index}].key", Shape.Tolerations![index].Key, "taint");
        }
    }
}
