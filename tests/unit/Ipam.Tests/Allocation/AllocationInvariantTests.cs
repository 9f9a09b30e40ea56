using System.Net;
using Surge.Contracts.Addresses;
using Surge.Ipam.Addressing;
using Surge.Ipam.Allocation;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;
using Surge.Ipam.WarmSets;

namespace Surge.Ipam.Tests.Allocation;

/// <summary>
/// Random sequences of allocations, releases, warm-set refills and interface attachments, with fixed seeds, checked
/// after every step: no address is held twice, and every address is one the instance's node may use.
/// </summary>
public sealed class AllocationInvariantTests
{
    private const int Steps = 300;

    public static TheoryData<string, int> Cases()
    {
        var cases = new TheoryData<string, int>();
        foreach (var mode in NetworkModes.All)
        {
            for (var seed = 1; seed <= 8; seed++)
            {
                cases.Add(mode, seed);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RandomSequence_KeepsAddressesUniqueAndValid(string mode, int seed)
    {
        var simulation = new Simulation(SubnetFor(mode), new Random(seed));

        for (var step = 0; step < Steps; step++)
        {
            simulation.Step();
            simulation.CheckInvariants(step);
        }

        // The sizes are chosen so every seed fills the subnet, which makes planners reject and, outside eni, borrow.
        Assert.True(simulation.Allocated > 0, $"seed {seed} never allocated an address, so it checked nothing.");
        Assert.True(simulation.Rejected > 0, $"seed {seed} never filled the subnet, so exhaustion went unchecked.");
        Assert.True(mode == NetworkModes.Eni || simulation.Borrowed > 0, $"seed {seed} never borrowed an address, so borrowing went unchecked.");
    }

    private static Subnet SubnetFor(string mode)
    {
        var warm = new WarmLevels(2, 6);
        return mode switch
        {
            NetworkModes.Underlay => TestSubnets.Underlay(
                "10.0.0.0/26",
                [new RackBlock("rack-a", "10.0.0.0/27", ["node-1", "node-2"]), new RackBlock("rack-b", "10.0.0.32/27", ["node-3"])],
                gateway: "10.0.0.1",
                blockPrefixLength: 29,
                warm: warm),
            NetworkModes.Eni => TestSubnets.Eni("10.0.0.0/26", ["node-1", "node-2", "node-3"], 2, 4, gateway: "10.0.0.1", warm: warm),
            _ => TestSubnets.Macvlan("10.0.0.0/26", "10.0.0.1", nodes: ["node-1", "node-2", "node-3"], blockPrefixLength: 29, warm: warm),
        };
    }

    /// <summary>The subnet and its blocks as their streams would fold them, driven by one seeded random source.</summary>
    private sealed class Simulation(Subnet initial, Random random)
    {
        private static readonly string[] NodeNames = ["node-1", "node-2", "node-3"];

        private readonly Dictionary<string, BlockState> blocks = new(StringComparer.Ordinal);
        private readonly Dictionary<Guid, string> live = [];
        private Subnet subnet = initial;
        private DateTimeOffset now = Fixed.Now;
        private int nextInstance = 1;

        public int Allocated { get; private set; }

        public int Borrowed { get; private set; }

        public int Rejected { get; private set; }

        public void Step()
        {
            var roll = random.NextDouble();
            if (roll < 0.45)
            {
                Allocate();
            }
            else if (roll < 0.75)
            {
                Release();
            }
            else if (roll < 0.9)
            {
                Refill();
            }
            else
            {
                Attach();
            }

            now = now.AddSeconds(random.Next(0, 120));
        }

        public void CheckInvariants(int step)
        {
            var network = subnet.ToBlock();
            var gateway = subnet.Gateway;
            var listed = subnet.Blocks.Select(block => blocks[BlockState.Key(subnet.Name, block.Cidr)]).ToList();
            var allocations = listed.SelectMany(block => block.Allocations.Select(allocation => (Block: block, Allocation: allocation))).ToList();

            var duplicates = allocations.GroupBy(entry => entry.Allocation.Address).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
            Assert.True(duplicates.Count == 0, $"step {step}: addresses held twice: {string.Join(", ", duplicates)}");
            var twice = allocations.GroupBy(entry => entry.Allocation.InstanceId).Where(group => group.Count() > 1).Select(group => group.Key).ToList();
            Assert.True(twice.Count == 0, $"step {step}: instances holding two addresses: {string.Join(", ", twice)}");
            Assert.Equal(live.Keys.Order(), allocations.Select(entry => entry.Allocation.InstanceId).Order());

            foreach (var (block, allocation) in allocations)
            {
                var address = IPAddress.Parse(allocation.Address);
                Assert.True(block.ToBlock().Contains(address), $"step {step}: {address} lies outside its block {block.Cidr}.");
                Assert.True(network.IsUsable(address), $"step {step}: {address} is not a usable address of {network}.");
                Assert.NotEqual(gateway, allocation.Address);
                Assert.True(MayUse(allocation.Node, block, address), $"step {step}: node '{allocation.Node}' may not use {address} of block {block.Cidr} (node '{block.Node}').");
            }
        }

        private bool MayUse(string node, BlockState block, IPAddress address) => subnet.EffectiveLayout.Mode switch
        {
            NetworkModes.Underlay => subnet.RackOf(node) is { } rack && AddressBlock.Parse(rack.Cidr).Contains(address),
            NetworkModes.Eni => block.Node == node,
            _ => true,
        };

        private void Allocate()
        {
            var requests = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => new AddressRequest(Fixed.Instance(nextInstance++), NodeNames[random.Next(NodeNames.Length)], "feed-pool"))
                .ToList();

            // Now and then a request repeats an instance that already has an address, as a redelivered message does.
            if (live.Count > 0 && random.NextDouble() < 0.2)
            {
                var (instance, node) = live.ElementAt(random.Next(live.Count));
                requests.Add(new AddressRequest(instance, node, "feed-pool"));
            }

            var listed = subnet.Blocks.Select(block => blocks[BlockState.Key(subnet.Name, block.Cidr)]);
            var space = TestSpaces.From([subnet], listed);
            var outcome = AllocationPlanner.Plan(space, Fixed.Saga, requests, now);

            if (outcome.Rejection is not null)
            {
                Rejected++;
                Assert.Empty(space.Pending);
                return;
            }

            Assert.Equal(requests.Count, outcome.Assignments.Count);
            foreach (var (key, events) in space.Pending)
            {
                foreach (var @event in events)
                {
                    ApplyPlanned(key, @event);
                }
            }

            foreach (var (request, assignment) in requests.Zip(outcome.Assignments))
            {
                Assert.Equal(request.InstanceId, assignment.InstanceId);
                live.TryAdd(request.InstanceId, request.Node);
            }
        }

        private void ApplyPlanned(string key, object @event)
        {
            if (key == subnet.Id)
            {
                subnet = SubnetDecider.Evolve(subnet, @event)!;
                return;
            }

            if (@event is AddressAllocated allocated)
            {
                var before = blocks[key];
                Assert.DoesNotContain(before.Quarantined, entry => entry.Address == allocated.Address && entry.HoldsAt(now));
                Allocated++;
                Borrowed += allocated.Node == before.Node ? 0 : 1;
            }

            blocks[key] = BlockDecider.Evolve(blocks.GetValueOrDefault(key), @event)!;
        }

        private void Release()
        {
            if (live.Count == 0)
            {
                return;
            }

            var instance = live.Keys.ElementAt(random.Next(live.Count));
            var key = blocks.Single(entry => entry.Value.FindAllocation(instance) is not null).Key;
            DateTimeOffset? until = random.NextDouble() < 0.7 ? now.AddMinutes(random.Next(1, 6)) : null;

            var released = BlockDecider.Release(blocks[key], instance, "scaled in", until);

            Assert.NotNull(released);
            blocks[key] = BlockDecider.Evolve(blocks[key], released)!;
            live.Remove(instance);
        }

        private void Refill()
        {
            var listed = subnet.Blocks.Select(block => blocks[BlockState.Key(subnet.Name, block.Cidr)]).ToList();
            foreach (var @event in WarmSetPlanner.Plan(subnet, listed, now))
            {
                if (@event is AddressBlockReleased released)
                {
                    var state = blocks[BlockState.Key(subnet.Name, released.Cidr)];
                    Assert.Empty(state.Allocations);
                    Assert.Equal(0, state.QuarantinedAt(now));
                }

                subnet = SubnetDecider.Evolve(subnet, @event)!;
                if (@event is AddressBlockClaimed claimed)
                {
                    var key = BlockState.Key(subnet.Name, claimed.Cidr);
                    blocks[key] = BlockDecider.Evolve(blocks.GetValueOrDefault(key), new BlockOpened(subnet.Name, claimed.Cidr, claimed.Node))!;
                }
            }
        }

        private void Attach()
        {
            var pending = subnet.Blocks.Where(block => !block.Ready).ToList();
            if (pending.Count == 0)
            {
                return;
            }

            var block = pending[random.Next(pending.Count)];
            subnet = SubnetDecider.Evolve(subnet, new AddressBlockReady(block.Cidr, now))!;
        }
    }
}
