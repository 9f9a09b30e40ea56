using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Surge.Ipam.Addressing;

/// <summary>
/// An IPv4 or IPv6 network in CIDR form and the arithmetic on its addresses. Addresses are handled as 128-bit
/// integers, so no operation enumerates the block and a /64 costs the same as a /24.
/// </summary>
/// <remarks>
/// Which addresses are usable:
/// <list type="bullet">
/// <item>IPv4 up to /30: all but the network address and the broadcast address.</item>
/// <item>IPv4 /31: both addresses, because a point-to-point link has no network or broadcast address (RFC 3021).</item>
/// <item>IPv6 up to /126: all but the all-zeros host address, which is the Subnet-Router anycast address (RFC 4291,
/// section 2.6.1). IPv6 has no broadcast address.</item>
/// <item>IPv6 /127: both addresses, as on an inter-router link (RFC 6164).</item>
/// <item>IPv4 /32 and IPv6 /128: the one address, a host route.</item>
/// </list>
/// A gateway is not part of this arithmetic, so callers pass it among the addresses in use.
/// </remarks>
public sealed class AddressBlock
{
    private AddressBlock(IPAddress networkAddress, int prefixLength)
    {
        Family = networkAddress.AddressFamily;
        PrefixLength = prefixLength;
        Network = new IPNetwork(networkAddress, prefixLength);

        var hostMask = HostMask(AddressBits(Family), prefixLength);
        First = ToInteger(networkAddress);
        Last = First | hostMask;

        var pointToPoint = Family == AddressFamily.InterNetwork ? prefixLength >= 31 : prefixLength >= 127;
        FirstUsable = pointToPoint ? First : First + 1;
        LastUsable = pointToPoint || Family == AddressFamily.InterNetworkV6 ? Last : Last - 1;
    }

    private static readonly Lazy<AddressBlock> Ipv4Mapped = new(() => new AddressBlock(IPAddress.Parse("::ffff:0:0"), 96));

    /// <summary>
    /// Returns whether the block holds IPv4-mapped IPv6 addresses (<c>::ffff:0:0/96</c>). Those are IPv4 addresses in
    /// another spelling, so a subnet holding any could hand out an address an IPv4 subnet already gave.
    /// </summary>
    public bool OverlapsIpv4Mapped => Family == AddressFamily.InterNetworkV6 && Overlaps(Ipv4Mapped.Value);

    /// <summary>The network, with its host bits zero.</summary>
    public IPNetwork Network { get; }

    /// <summary>The address family, IPv4 or IPv6.</summary>
    public AddressFamily Family { get; }

    /// <summary>The number of leading bits that identify the network.</summary>
    public int PrefixLength { get; }

    /// <summary>The network address as an integer.</summary>
    public UInt128 First { get; }

    /// <summary>The last address of the block as an integer; for IPv4 up to /30 it is the broadcast address.</summary>
    public UInt128 Last { get; }

    /// <summary>The lowest address a host may receive, as an integer.</summary>
    public UInt128 FirstUsable { get; }

    /// <summary>The highest address a host may receive, as an integer.</summary>
    public UInt128 LastUsable { get; }

    /// <summary>The number of usable addresses; at most 2^128 - 1, so it always fits.</summary>
    public UInt128 UsableCount => LastUsable - FirstUsable + 1;

    /// <summary>Parses <c>address/prefix</c> notation; throws <see cref="FormatException"/> with the reason when it is invalid.</summary>
    public static AddressBlock Parse(string cidr) =>
        TryParse(cidr, out var block, out var error) ? block : throw new FormatException(error);

    /// <summary>
    /// Parses <c>address/prefix</c> notation. Fails when the text is not a network or has host bits set, and the error
    /// then names the network address the prefix implies.
    /// </summary>
    public static bool TryParse(string? cidr, [NotNullWhen(true)] out AddressBlock? block, [NotNullWhen(false)] out string? error)
    {
        block = null;
        var parts = (cidr ?? "").Split('/');
        if (parts.Length != 2)
        {
            error = $"'{cidr}' is not in CIDR notation; write the network address and the prefix length, for example 10.0.0.0/24 or fd00::/64.";
            return false;
        }

        if (!TryParseAddress(parts[0], out var address, out error))
        {
            return false;
        }

        var bits = AddressBits(address.AddressFamily);
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefixLength) || prefixLength > bits)
        {
            error = $"'{parts[1]}' is not a valid prefix length for {FamilyName(address.AddressFamily)}; use a whole number from 0 to {bits}.";
            return false;
        }

        var value = ToInteger(address);
        var network = value & ~HostMask(bits, prefixLength);
        if (network != value)
        {
            var networkAddress = ToAddress(network, address.AddressFamily);
            error = $"'{cidr}' has host bits set; the network address of a /{prefixLength} that contains {address} is {networkAddress}, so write {networkAddress}/{prefixLength}.";
            return false;
        }

        block = new AddressBlock(address, prefixLength);
        error = null;
        return true;
    }

    /// <summary>
    /// Parses one address. IPv4 must be in dotted-decimal form with four parts, because the short and octal forms
    /// that <see cref="IPAddress.TryParse(string, out IPAddress)"/> also accepts ("10.1", "010.0.0.1") are easy to
    /// misread. IPv6 zone ids ("%eth0") are rejected because they name a link, not an address.
    /// </summary>
    public static bool TryParseAddress(string? text, [NotNullWhen(true)] out IPAddress? address, [NotNullWhen(false)] out string? error)
    {
        if (string.IsNullOrEmpty(text) || !IPAddress.TryParse(text, out address))
        {
            address = null;
            error = $"'{text}' is not an IPv4 or IPv6 address.";
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork && address.ToString() != text)
        {
            error = $"'{text}' is not in dotted-decimal form; write it as four decimal numbers without leading zeros, for example {address}.";
            address = null;
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            error = $"'{text}' is an IPv4 address in IPv6 spelling; write it as {address.MapToIPv4()}.";
            address = null;
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && text.Contains('%', StringComparison.Ordinal))
        {
            error = $"'{text}' has a zone id; remove the part from '%' on.";
            address = null;
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Returns whether the address belongs to the block, usable or not.</summary>
    public bool Contains(IPAddress address) =>
        address.AddressFamily == Family && ToInteger(address) is var value && value >= First && value <= Last;

    /// <summary>Returns whether a host may receive the address: it is in the block and is not the network or broadcast address.</summary>
    public bool IsUsable(IPAddress address) =>
        address.AddressFamily == Family && ToInteger(address) is var value && value >= FirstUsable && value <= LastUsable;

    /// <summary>Returns whether the two blocks share any address; blocks of different families never do.</summary>
    /// <remarks>Two CIDR blocks are either disjoint or one contains the other, so comparing the bounds is enough.</remarks>
    public bool Overlaps(AddressBlock other) =>
        Family == other.Family && First <= other.Last && other.First <= Last;

    /// <summary>
    /// Returns the lowest usable address that is not in <paramref name="inUse"/>, or null when every usable address is
    /// in use. It runs in time proportional to the number of addresses in use, not the size of the block. Addresses
    /// outside the usable range or of the other family are ignored.
    /// </summary>
    public IPAddress? LowestFree(IEnumerable<IPAddress> inUse) => LowestFree(FirstUsable, LastUsable, Family, inUse);

    /// <summary>
    /// Returns the lowest address from <paramref name="first"/> to <paramref name="last"/> that is not in
    /// <paramref name="inUse"/>, or null when all are. It runs in time proportional to the number of addresses in use.
    /// Addresses outside the range or of the other family are ignored.
    /// </summary>
    public static IPAddress? LowestFree(UInt128 first, UInt128 last, AddressFamily family, IEnumerable<IPAddress> inUse)
    {
        if (first > last)
        {
            return null;
        }

        var candidate = first;
        var inRange = inUse
            .Where(address => address.AddressFamily == family)
            .Select(ToInteger)
            .Where(value => value >= first && value <= last)
            .Order();

        foreach (var value in inRange)
        {
            if (value > candidate)
            {
                break;
            }

            if (value == candidate)
            {
                if (candidate == last)
                {
                    return null;
                }

                candidate++;
            }
        }

        return ToAddress(candidate, family);
    }

    /// <summary>
    /// Reads an IPv4 address in its canonical dotted form ("10.0.0.17") as an integer without making an
    /// <see cref="IPAddress"/>. Returns false for anything else, including forms <see cref="IPAddress.Parse(string)"/>
    /// accepts, so a caller falls back to that.
    /// </summary>
    public static bool TryReadCanonicalIPv4(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        var octets = 0;
        var i = 0;
        while (octets < 4)
        {
            var start = i;
            var octet = 0;
            while (i < text.Length && text[i] is >= '0' and <= '9' && i - start < 3)
            {
                octet = (octet * 10) + (text[i] - '0');
                i++;
            }

            // No digits, a leading zero or more than 255 is not canonical.
            if (i == start || octet > 255 || (text[start] == '0' && i - start > 1))
            {
                return false;
            }

            value = (value << 8) | (uint)octet;
            octets++;
            if (octets < 4)
            {
                if (i >= text.Length || text[i] != '.')
                {
                    return false;
                }

                i++;
            }
        }

        return i == text.Length;
    }

    /// <summary>
    /// Reads a block in canonical IPv4 CIDR notation ("10.0.0.16/28") as its first and last address without making an
    /// <see cref="AddressBlock"/>. Returns false for anything else, including a block with host bits set, so a caller
    /// falls back to <see cref="Parse"/> and gets the parsed block or its error.
    /// </summary>
    public static bool TryReadCanonicalIPv4Block(ReadOnlySpan<char> cidr, out uint first, out uint last)
    {
        first = 0;
        last = 0;
        var slash = cidr.IndexOf('/');
        if (slash < 0 || !TryReadCanonicalIPv4(cidr[..slash], out var network))
        {
            return false;
        }

        // One or two digits, no leading zero, at most 32: the prefix as Parse would print it.
        var prefix = cidr[(slash + 1)..];
        if (prefix.Length is 0 or > 2 || (prefix.Length == 2 && prefix[0] == '0'))
        {
            return false;
        }

        var length = 0;
        foreach (var digit in prefix)
        {
            if (digit is < '0' or > '9')
            {
                return false;
            }

            length = (length * 10) + (digit - '0');
        }

        if (length > 32)
        {
            return false;
        }

        var hostMask = length == 0 ? uint.MaxValue : (1u << (32 - length)) - 1;
        if ((network & hostMask) != 0)
        {
            return false;
        }

        first = network;
        last = network | hostMask;
        return true;
    }

    /// <summary>Returns the address as an unsigned integer in network byte order, so IPv4 uses the low 32 bits.</summary>
    public static UInt128 ToInteger(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            throw new ArgumentException($"The address {address} could not be written as bytes.", nameof(address));
        }

        return written == 4
            ? BinaryPrimitives.ReadUInt32BigEndian(bytes)
            : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    /// <summary>
    /// Returns the address of the family whose integer form is <paramref name="value"/> in canonical text form, as
    /// <see cref="IPAddress.ToString()"/> writes it. An IPv4 address is written without making an <see cref="IPAddress"/>,
    /// because every allocation writes one.
    /// </summary>
    public static string Format(UInt128 value, AddressFamily family)
    {
        if (family != AddressFamily.InterNetwork)
        {
            return ToAddress(value, family).ToString();
        }

        Span<char> text = stackalloc char[15];
        var length = 0;
        for (var shift = 24; shift >= 0; shift -= 8)
        {
            ((uint)(value >> shift) & 0xFF).TryFormat(text[length..], out var written, provider: CultureInfo.InvariantCulture);
            length += written;
            if (shift > 0)
            {
                text[length++] = '.';
            }
        }

        return new string(text[..length]);
    }

    /// <summary>Returns the address of the family whose integer form is <paramref name="value"/>.</summary>
    public static IPAddress ToAddress(UInt128 value, AddressFamily family)
    {
        if (family == AddressFamily.InterNetwork)
        {
            Span<byte> v4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)value);
            return new IPAddress(v4);
        }

        Span<byte> v6 = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(v6, value);
        return new IPAddress(v6);
    }

    /// <inheritdoc />
    public override string ToString() => Network.ToString();

    private static int AddressBits(AddressFamily family) => family == AddressFamily.InterNetwork ? 32 : 128;

    private static string FamilyName(AddressFamily family) => family == AddressFamily.InterNetwork ? "IPv4" : "IPv6";

    // A shift by 128 would wrap to a shift by 0 (C# masks the count), so a /0 IPv6 mask is spelled out.
    private static UInt128 HostMask(int addressBits, int prefixLength)
    {
        var hostBits = addressBits - prefixLength;
        return hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - 1;
    }
}
