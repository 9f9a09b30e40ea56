using System.Text.Json;
using System.Text.Json.Serialization;

namespace Surge.Ipam.Blocks;

/// <summary>
/// The JSON form of a ledger entry, with its allocations grouped. A batch gives out hundreds of addresses. Written as
/// one object each, the entry repeated the block, the node, the time and eight keys per address, and PostgreSQL parsed,
/// sorted and compressed all of that inside every allocation commit. A run of consecutive allocations in one block, for
/// one node, at one time, is written once with a list of <c>[address, instanceId, sagaId]</c> triples:
/// <code>
/// {"changes": [
///   {"cidr": "10.0.0.0/28", "event": {"kind": "opened", "subnet": "a", "cidr": "10.0.0.0/28", "node": "n1"}},
///   {"cidr": "10.0.0.0/28", "allocated": {"node": "n1", "at": "2026-12-05T10:00:00+00:00",
///     "addresses": [["10.0.0.1", "3f2b…", "9c1d…"], ["10.0.0.2", "77aa…", "0e41…"]]}}
/// ]}
/// </code>
/// Every other change keeps the form of one <see cref="BlockChange"/>, and entries written before the grouping, with
/// allocations in that form too, read as they always did. Reading expands each run in place, so the changes come back
/// in the order they were decided. Property order does not matter, because jsonb stores keys sorted by length.
/// </summary>
public sealed class BlockChangesJson : JsonConverter<BlockChanges>
{
    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, BlockChanges value, JsonSerializerOptions options)
    {
        var changes = value.Changes;
        writer.WriteStartObject();
        writer.WriteStartArray("changes");
        for (var start = 0; start < changes.Count;)
        {
            var change = changes[start];
            Require(change.Cidr, "cidr", change);
            if (change.Event is not AddressAllocated first)
            {
                writer.WriteStartObject();
                writer.WriteString("cidr", change.Cidr);
                writer.WritePropertyName("event");
                JsonSerializer.Serialize(writer, change.Event, options);
                writer.WriteEndObject();
                start++;
                continue;
            }

            var end = start + 1;
            while (end < changes.Count && SameRun(changes[end], change.Cidr, first))
            {
                end++;
            }

            WriteRun(writer, changes, start, end, first);
            start = end;
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public override BlockChanges Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject, "a ledger entry");
        List<BlockChange>? changes = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("changes"u8))
            {
                Once(changes is not null, "changes");
                Next(ref reader);
                Expect(ref reader, JsonTokenType.StartArray, "changes");
                changes = [];
                while (Next(ref reader) != JsonTokenType.EndArray)
                {
                    ReadChange(ref reader, options, changes);
                }
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }

        return new BlockChanges(changes ?? throw new JsonException("A ledger entry has no 'changes' list."));
    }

    private static bool SameRun(BlockChange change, string cidr, AddressAllocated first) =>
        change.Event is AddressAllocated next
        && string.Equals(change.Cidr, cidr, StringComparison.Ordinal)
        && string.Equals(next.Node, first.Node, StringComparison.Ordinal)
        && next.AllocatedAt == first.AllocatedAt
        && next.AllocatedAt.Offset == first.AllocatedAt.Offset;

    private static void WriteRun(Utf8JsonWriter writer, IReadOnlyList<BlockChange> changes, int start, int end, AddressAllocated first)
    {
        Require(first.Node, "node", changes[start]);
        writer.WriteStartObject();
        writer.WriteString("cidr", changes[start].Cidr);
        writer.WriteStartObject("allocated");
        writer.WriteString("node", first.Node);
        writer.WriteString("at", first.AllocatedAt);
        writer.WriteStartArray("addresses");
        for (var i = start; i < end; i++)
        {
            var allocated = (AddressAllocated)changes[i].Event;
            Require(allocated.Address, "address", changes[i]);
            writer.WriteStartArray();
            writer.WriteStringValue(allocated.Address);
            writer.WriteStringValue(allocated.InstanceId);
            writer.WriteStringValue(allocated.SagaId);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // One element of the list: a single change, or a run of allocations that expands into one change per address.
    private static void ReadChange(ref Utf8JsonReader reader, JsonSerializerOptions options, List<BlockChange> changes)
    {
        Expect(ref reader, JsonTokenType.StartObject, "a change of the ledger entry");
        string? cidr = null;
        BlockEvent? single = null;
        Run? run = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("cidr"u8))
            {
                Once(cidr is not null, "cidr");
                Next(ref reader);
                cidr = reader.GetString();
            }
            else if (reader.ValueTextEquals("event"u8))
            {
                Once(single is not null, "event");
                Next(ref reader);
                single = JsonSerializer.Deserialize<BlockEvent>(ref reader, options);
            }
            else if (reader.ValueTextEquals("allocated"u8))
            {
                Once(run is not null, "allocated");
                Next(ref reader);
                run = ReadRun(ref reader);
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }

        if (cidr is null || (single is null) == (run is null))
        {
            throw new JsonException("A change of a ledger entry needs a 'cidr' and either an 'event' or an 'allocated' run.");
        }

        if (single is not null)
        {
            changes.Add(new BlockChange(cidr, single));
            return;
        }

        foreach (var (address, instanceId, sagaId) in run!.Addresses)
        {
            changes.Add(new BlockChange(cidr, new AddressAllocated(address, instanceId, sagaId, run.Node, run.At)));
        }
    }

    private static Run ReadRun(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "an 'allocated' run");
        string? node = null;
        DateTimeOffset? at = null;
        List<(string, Guid, Guid)>? addresses = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("node"u8))
            {
                Once(node is not null, "node");
                Next(ref reader);
                node = reader.GetString();
            }
            else if (reader.ValueTextEquals("at"u8))
            {
                Once(at is not null, "at");
                Next(ref reader);
                at = reader.GetDateTimeOffset();
            }
            else if (reader.ValueTextEquals("addresses"u8))
            {
                Once(addresses is not null, "addresses");
                Next(ref reader);
                addresses = ReadTriples(ref reader);
            }
            else
            {
                Next(ref reader);
                reader.Skip();
            }
        }

        return node is not null && at is not null && addresses is not null
            ? new Run(node, at.Value, addresses)
            : throw new JsonException("An 'allocated' run of a ledger entry needs 'node', 'at' and 'addresses'.");
    }

    private static List<(string, Guid, Guid)> ReadTriples(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray, "'addresses'");
        var triples = new List<(string, Guid, Guid)>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            Expect(ref reader, JsonTokenType.StartArray, "an allocated address");
            Next(ref reader);
            var address = reader.GetString() ?? throw new JsonException("An allocated address of a ledger entry is missing: the first value of its triple is null.");
            Next(ref reader);
            var instanceId = reader.GetGuid();
            Next(ref reader);
            var sagaId = reader.GetGuid();
            if (Next(ref reader) != JsonTokenType.EndArray)
            {
                throw new JsonException("An allocated address of a ledger entry has more than three values. It must be [address, instanceId, sagaId], with nothing after the saga id.");
            }

            triples.Add((address, instanceId, sagaId));
        }

        return triples;
    }

    // The reader rejects a run or change without these fields, so an entry missing one must fail its commit instead of
    // every later catch-up that reads it.
    private static void Require(string? value, string field, BlockChange change)
    {
        if (value is null)
        {
            throw new JsonException($"Cannot write a ledger entry: a change of block '{change.Cidr}' ({change.Event.GetType().Name}) has no {field}.");
        }
    }

    // jsonb keeps one value per key, so a repeated key comes only from hand-written input and would drop a value.
    private static void Once(bool seen, string field)
    {
        if (seen)
        {
            throw new JsonException($"A ledger entry has '{field}' twice in one object, but each key may appear only once.");
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new JsonException("A ledger entry is truncated: its JSON ends before the entry is complete.");

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string expected)
    {
        if (reader.TokenType != token)
        {
            throw new JsonException($"Expected {expected} ({token}) in a ledger entry, found {reader.TokenType}.");
        }
    }

    private sealed record Run(string Node, DateTimeOffset At, List<(string Address, Guid InstanceId, Guid SagaId)> Addresses);
}
