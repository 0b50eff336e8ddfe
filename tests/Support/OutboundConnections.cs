using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Samples.Tests.Support;

/// <summary>
/// Watches this process for network use beyond the machine: every host name looked up (System.Net.NameResolution),
/// every socket connect (System.Net.Sockets) and every HTTP request (System.Net.Http), as the runtime's own events
/// report them. <see cref="Outside"/> lists those that are not loopback.
/// </summary>
public sealed class OutboundConnections : EventListener
{
    private static readonly string[] Sources = ["System.Net.NameResolution", "System.Net.Sockets", "System.Net.Http"];

    private readonly ConcurrentQueue<string> seen = new();
    private readonly ConcurrentQueue<string> outside = new();

    /// <summary>Every lookup, connect and request seen, as "kind target".</summary>
    public IReadOnlyList<string> Seen => [.. seen];

    /// <summary>Those whose target is not this machine.</summary>
    public IReadOnlyList<string> Outside => [.. outside];

    /// <summary>
    /// The address of a socket connect event: <c>SocketAddress.ToString()</c>, "Family:Size:{b2,b3,…}", the bytes after
    /// the family: the port in the first two, then the IPv4 address (IPv6: four bytes of flow information, then the
    /// address). Null for what is not an IP address (a Unix socket).
    /// </summary>
    public static IPAddress? AddressOf(string socketAddress)
    {
        var parts = socketAddress.Split(':', 3);
        var open = socketAddress.IndexOf('{', StringComparison.Ordinal);
        if (parts.Length < 3 || open < 0 || !Enum.TryParse<AddressFamily>(parts[0], out var family))
        {
            return null;
        }

        var bytes = socketAddress[(open + 1)..socketAddress.IndexOf('}', open)]
            .Split(',', StringSplitOptions.TrimEntries)
            .Select(b => byte.Parse(b, CultureInfo.InvariantCulture))
            .ToArray();
        return family switch
        {
            AddressFamily.InterNetwork when bytes.Length >= 6 => new IPAddress(bytes.AsSpan(2, 4)),
            AddressFamily.InterNetworkV6 when bytes.Length >= 22 => new IPAddress(bytes.AsSpan(6, 16)),
            _ => null,
        };
    }

    /// <summary>Whether a host name or address stays on this machine (an empty name is the machine's own, as is its host name).</summary>
    public static bool IsLocal(string host)
    {
        var name = host.Trim('[', ']');
        return IPAddress.TryParse(name, out var address)
            ? IsLocal(address)
            : name.Length == 0
                || name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
                || name.Equals(Dns.GetHostName(), StringComparison.OrdinalIgnoreCase);
    }

    public static bool IsLocal(IPAddress address) =>
        IPAddress.IsLoopback(address) || (address.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(address.MapToIPv4())) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (Sources.Contains(eventSource.Name, StringComparer.Ordinal))
        {
            EnableEvents(eventSource, EventLevel.Informational);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        // OnEventSourceCreated can run from the base constructor, before the fields are set.
        if (seen is null || outside is null || eventData.Payload is null)
        {
            return;
        }

        var (target, local) = (eventData.EventSource.Name, eventData.EventName) switch
        {
            ("System.Net.NameResolution", "ResolutionStart") when Payload(eventData, "hostNameOrAddress") is { } host => ($"lookup {host}", IsLocal(host)),
            ("System.Net.Sockets", "ConnectStart") when Payload(eventData, "address") is { } address =>
                ($"connect {address}", AddressOf(address) is not { } ip || IsLocal(ip)),
            ("System.Net.Http", "RequestStart") when Payload(eventData, "host") is { } host =>
                ($"request {Payload(eventData, "scheme")}://{host}:{Payload(eventData, "port")}{Payload(eventData, "pathAndQuery")}", IsLocal(host)),
            _ => (null, true),
        };
        if (target is null)
        {
            return;
        }

        seen.Enqueue(target);
        if (!local)
        {
            outside.Enqueue(target);
        }
    }

    private static string? Payload(EventWrittenEventArgs e, string name)
    {
        var index = e.PayloadNames?.IndexOf(name) ?? -1;
        return index >= 0 ? Convert.ToString(e.Payload![index], CultureInfo.InvariantCulture) : null;
    }
}
