using Surge.Ipam.Subnets;

namespace Surge.Ipam.Allocation;

/// <summary>
/// How many of each node's blocks, from the first in claim order, had every address allocated in the last committed
/// state the committer saw. A planner looks for a free address after them. On a node whose warm set has been used for a
/// while, most blocks are full. Without this count, the first request of each batch for that node walked all of them
/// again, and once a subnet held a few hundred thousand addresses, that walk took most of the planning time.
/// </summary>
/// <remarks>
/// A count holds while the ledger folds nothing that may free an address in the node's blocks
/// (<see cref="Blocks.AddressLedger.RoomChangesOf"/> is unchanged) and the node's blocks up to it are the same objects
/// in the same order. Only a committed batch records a count, so none rests on allocations that were rolled back or
/// discarded. A count that is too low costs a longer walk. One that were too high would skip a block with room, but
/// never hand out an address twice, because the decision in each block is unchanged. The committer's loop plans
/// while a failed save clears, so access is locked.
/// </remarks>
public sealed class FullBlockHints
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Subnet, string Node), Hint> hints = [];

    /// <summary>
    /// Returns how many of <paramref name="blocks"/>, the node's blocks in claim order, are known to have every address
    /// allocated, or 0 when nothing is known for this state.
    /// </summary>
    /// <param name="roomChanges">The ledger's <see cref="Blocks.AddressLedger.RoomChangesOf"/> for the subnet and node now.</param>
    public int KnownFull(string subnet, string node, IReadOnlyList<NodeBlock> blocks, long roomChanges)
    {
        lock (gate)
        {
            if (!hints.TryGetValue((subnet, node), out var hint))
            {
                return 0;
            }

            if (hint.RoomChanges != roomChanges || !SamePrefix(hint.Blocks, blocks, hint.Count))
            {
                hints.Remove((subnet, node));
                return 0;
            }

            // A claim appends to the node's blocks, so the list differs while the counted blocks stay the same. Keeping
            // the new list lets the next request compare by reference alone.
            if (!ReferenceEquals(hint.Blocks, blocks))
            {
                hints[(subnet, node)] = hint with { Blocks = blocks };
            }

            return hint.Count;
        }
    }

    /// <summary>Records what a committed batch saw: the first <paramref name="count"/> of the node's blocks are full.</summary>
    public void Record(string subnet, string node, IReadOnlyList<NodeBlock> blocks, int count, long roomChanges)
    {
        lock (gate)
        {
            hints[(subnet, node)] = new Hint(blocks, count, roomChanges);
        }
    }

    /// <summary>Forgets every count, as after a failed commit, when the state the counts came from is in doubt.</summary>
    public void Clear()
    {
        lock (gate)
        {
            hints.Clear();
        }
    }

    private static bool SamePrefix(IReadOnlyList<NodeBlock> known, IReadOnlyList<NodeBlock> current, int count)
    {
        if (ReferenceEquals(known, current))
        {
            return true;
        }

        if (current.Count < count)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (!ReferenceEquals(known[i], current[i]))
            {
                return false;
            }
        }

        return true;
    }

    private readonly record struct Hint(IReadOnlyList<NodeBlock> Blocks, int Count, long RoomChanges);
}
