namespace Surge.Benchmarks.Ipam;

/// <summary>Everything the run measured on one allocator.</summary>
/// <param name="Name">The allocator's name.</param>
/// <param name="Prepare">Time <see cref="IAddressAllocatorUnderTest.PrepareAsync"/> took.</param>
/// <param name="Warmup">The warm-up phase.</param>
/// <param name="Timed">The timed phase.</param>
/// <param name="WalBytesPerAllocation">Write-ahead log bytes the server wrote in the timed phase, per address returned.</param>
/// <param name="TransactionIdsPerAllocation">Transaction ids the server assigned in the timed phase, per address returned.</param>
/// <param name="Checkpointed">Whether a checkpoint ran just before the timed phase.</param>
/// <param name="Check">The comparison of the returned addresses with the stored ones.</param>
public sealed record AllocatorResult(
    string Name,
    TimeSpan Prepare,
    AllocationPhase Warmup,
    AllocationPhase Timed,
    double WalBytesPerAllocation,
    double TransactionIdsPerAllocation,
    bool Checkpointed,
    AllocationCheck Check)
{
    /// <summary>The JIT warm-up that ran before this allocator's preparation, or null when it was turned off.</summary>
    public JitWarmUpResult? JitWarmUp { get; init; }

    /// <summary>Methods the runtime compiled in this process during the timed phase.</summary>
    public long MethodsCompiledInTimedPhase { get; init; }
}
