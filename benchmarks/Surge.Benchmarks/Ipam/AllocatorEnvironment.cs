namespace Surge.Benchmarks.Ipam;

/// <summary>What the run gives every allocator under test when it creates it.</summary>
/// <param name="ConnectionString">
/// The run's own database, created for the run and dropped after it. Every allocator keeps its tables in a schema of
/// its own there, so all of them run against the same PostgreSQL server.
/// </param>
/// <param name="Concurrency">The number of callers that call <see cref="IAddressAllocatorUnderTest.AllocateAsync"/> at once.</param>
/// <param name="BaselineConnections">The connection pool of the row-lock baseline, whose callers each hold a connection for an allocation.</param>
/// <param name="MaxBatchSize">The most requests Surge's allocator and the appends alone commit in one transaction.</param>
public sealed record AllocatorEnvironment(string ConnectionString, int Concurrency, int BaselineConnections, int MaxBatchSize);
