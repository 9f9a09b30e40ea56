// Each collection starts six service processes; running two clusters at once on a small machine makes every
// deadline in them a race, so collections run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
