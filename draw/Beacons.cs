using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace Samples.Draw;

/// <summary>
/// A public randomness beacon's round, named in the commitment before its value exists: the chain, the round number and
/// when the chain emits it. Its value then enters the entropy as a contribution whose source is <see cref="Source"/>;
/// nobody chooses it, since anyone can look the round up (<see cref="BeaconChain.RoundUrl"/>) and compare.
/// </summary>
public sealed record BeaconRound(string Chain, long Round, DateTimeOffset EmittedAt)
{
    /// <summary>The contribution's source text, exactly: <c>drand quicknet round 12345678</c>.</summary>
    public string Source => Beacons.SourceOf(Chain, Round);
}

/// <summary>
/// A drand chain: rounds are emitted every <see cref="PeriodSeconds"/> from <see cref="GenesisUnix"/> (round 1 at genesis);
/// a round's randomness is the SHA-256 of its signature, published at <see cref="RoundUrl"/> on any drand relay.
/// </summary>
public sealed record BeaconChain(string Name, string ChainHash, long GenesisUnix, int PeriodSeconds)
{
    public DateTimeOffset EmittedAt(long round) => DateTimeOffset.FromUnixTimeSeconds(GenesisUnix + ((round - 1) * PeriodSeconds));

    /// <summary>The first round emitted at or after <paramref name="at"/>.</summary>
    public long FirstRoundAtOrAfter(DateTimeOffset at)
    {
        var ticks = (at - DateTimeOffset.FromUnixTimeSeconds(GenesisUnix)).Ticks;
        var period = PeriodSeconds * TimeSpan.TicksPerSecond;
        return ticks <= 0 ? 1 : 1 + ((ticks + period - 1) / period);
    }

    /// <summary>Where a relay publishes the round (the League of Entropy's public API, or an operator's own relay as <paramref name="relay"/>).</summary>
    public string RoundUrl(long round, string relay = "https://api.drand.sh") =>
        $"{relay.TrimEnd('/')}/{ChainHash}/public/{round.ToString(CultureInfo.InvariantCulture)}";
}

public static class Beacons
{
    /// <summary>The League of Entropy's public chains (https://drand.love): quicknet every 3 s, the default chain every 30 s.</summary>
    public static IReadOnlyList<BeaconChain> Chains { get; } =
    [
        new("quicknet", "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971", 1692803367, 3),
        new("default", "8990e7a9aaed2ffed73dbd7092123d6f289930540d7651336225dc172e51b2ce", 1595431050, 30),
    ];

    public static BeaconChain? Chain(string? name) =>
        Chains.FirstOrDefault(c => string.Equals(c.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string SourceOf(string chain, long round) => $"drand {chain} round {round.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// True for a source that claims to be a beacon (drand, NIST, any "beacon"): such a value is only taken as the round
    /// the commitment named, so nobody can pick a beacon, or a round of one, after seeing what it gives.
    /// </summary>
    public static bool ClaimsBeacon(string? source)
    {
        var s = source?.Trim() ?? string.Empty;
        return s.StartsWith("drand", StringComparison.OrdinalIgnoreCase)
            || s.StartsWith("nist", StringComparison.OrdinalIgnoreCase)
            || s.Contains("beacon", StringComparison.OrdinalIgnoreCase)
            || s.Contains("信标", StringComparison.Ordinal);
    }

    /// <summary>A drand round's randomness: 64 lowercase hex characters.</summary>
    public static bool IsRandomness(string? value) => value is { Length: 64 } && value.All(ch => ch is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>
    /// The round a commitment at <paramref name="committedAt"/> names: <paramref name="round"/> if given, else the first
    /// emitted at or after the middle of the entropy window (time to read it and enter it before the deadline). Null with
    /// why when the chain is unknown or the round is not emitted after the commitment and by the deadline.
    /// </summary>
    public static (BeaconRound? Round, string? Problem) Choose(string chainName, long? round, DateTimeOffset committedAt, DateTimeOffset deadline)
    {
        if (Chain(chainName) is not { } chain)
        {
            return (null, $"unknown beacon chain '{chainName}': use {string.Join(" or ", Chains.Select(c => c.Name))} (drand)");
        }

        var number = round ?? chain.FirstRoundAtOrAfter(committedAt + ((deadline - committedAt) / 2));
        var at = chain.EmittedAt(number);
        if (number < 1 || at <= committedAt)
        {
            return (null, $"drand {chain.Name} round {number} is emitted at {at:O}, not after the commitment: its value may already be known; name a later round (from {chain.FirstRoundAtOrAfter(committedAt.AddSeconds(1))})");
        }

        return at > deadline
            ? (null, $"drand {chain.Name} round {number} is emitted at {at:O}, after the entropy deadline ({deadline:O}); name an earlier round or a later deadline")
            : (new BeaconRound(chain.Name, number, at), null);
    }

    /// <summary>
    /// What differs between the value a bundle took for its beacon round and the round as a drand relay published it
    /// (its JSON: <c>round</c>, <c>randomness</c>, <c>signature</c>; randomness is SHA-256 of the signature). Empty when
    /// they agree. The signature itself is the chain's BLS signature, which a relay's answer is trusted for here.
    /// </summary>
    public static IReadOnlyList<string> CompareWithPublished(BeaconRound beacon, string contributed, string relayJson)
    {
        string? randomness, signature;
        long round;
        try
        {
            using var document = JsonDocument.Parse(relayJson);
            var root = document.RootElement;
            round = root.GetProperty("round").GetInt64();
            randomness = root.GetProperty("randomness").GetString();
            signature = root.GetProperty("signature").GetString();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return [$"beacon: the relay's answer is not a drand round ({ex.Message})"];
        }

        var problems = new List<string>();
        if (round != beacon.Round)
        {
            problems.Add($"beacon: the relay answered round {round}, not {beacon.Round}");
        }

        if (signature is null || !IsHex(signature) || Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(signature))) != randomness?.ToLowerInvariant())
        {
            problems.Add("beacon: the relay's randomness is not the SHA-256 of its signature");
        }

        if (!string.Equals(randomness, contributed, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"beacon: {beacon.Source} published {randomness}; the draw took {contributed}");
        }

        return problems;
    }

    private static bool IsHex(string text) => text.Length % 2 == 0 && text.All(Uri.IsHexDigit);
}
