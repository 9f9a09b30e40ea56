using Surge.Benchmarks;
using Surge.Benchmarks.AlarmStorm;
using Surge.Benchmarks.Ipam;
using Surge.Benchmarks.Rollouts;
using Surge.Benchmarks.Scheduler;

// The first argument picks the scenario: "scheduler" runs Capacity's scheduler in this process, "ipam" runs address
// allocators against PostgreSQL, "rollout" compares update strategies against the real services, "alarm-storm" sends a
// storm of Alertmanager notifications through the gateway, anything else is an option of the saga benchmark.
if (args is [SchedulerSettings.Scenario, .. var schedulerArgs])
{
    return SchedulerRun.Execute(schedulerArgs);
}

if (args is [IpamSettings.Scenario, .. var ipamArgs])
{
    return await IpamRun.ExecuteAsync(ipamArgs);
}

if (args is [AlarmStormSettings.Scenario, .. var stormArgs])
{
    return await AlarmStormRun.ExecuteAsync(stormArgs);
}

if (args is [RolloutSettings.Scenario, .. var rolloutArgs])
{
    return await RolloutRun.ExecuteAsync(rolloutArgs);
}

BenchmarkSettings settings;
try
{
    settings = BenchmarkSettings.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(BenchmarkSettings.Usage);
    return 2;
}

if (args.Contains("--help"))
{
    Console.WriteLine(BenchmarkSettings.Usage);
    return 0;
}

var report = await BenchmarkRun.RunAsync(settings, args);
Console.WriteLine(report);
if (settings.OutputPath is not null)
{
    await File.WriteAllTextAsync(settings.OutputPath, report);
}

return 0;
