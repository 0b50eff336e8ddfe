using Samples.Client.Language;
using Samples.Draw;

namespace Samples.Client.Draws;

/// <summary>
/// What <c>samples verify</c> checks beyond the draw library, and how it words the verdict: one place for the managed
/// command (<see cref="DrawCommands"/>) and the one compiled ahead of time (client/Verify), which must print the same.
/// </summary>
internal static class VerifyVerdict
{
    /// <summary>The hashes announced before the draw (the commitment's) and at publication (the bundle's), where given.</summary>
    public static IEnumerable<string> AnnouncedHashes(DrawBundle parsed, string? commitment, string? bundleSha256, Lang lang)
    {
        // Hashed only when announced: a commitment carries its conflicts and past inspections (2 MB, 36 ms, at 1,000,000 targets).
        if (commitment is not null && Seals.CommitmentSha256(parsed.Commitment, parsed.Format) is var committed
            && !string.Equals(commitment.Trim(), committed, StringComparison.OrdinalIgnoreCase))
        {
            // A re-sealed forgery is consistent in itself; only the hash announced before the draw tells it apart.
            yield return Messages.CommitmentDiffers(committed, commitment.Trim()).In(lang);
        }

        if (bundleSha256 is not null && Seals.BundleSha256(parsed) is var sealedAs && !string.Equals(bundleSha256.Trim(), sealedAs, StringComparison.OrdinalIgnoreCase))
        {
            yield return Messages.BundleDiffers(sealedAs, bundleSha256.Trim()).In(lang);
        }
    }

    /// <summary>The lines printed: verified (with the joint rule and the beacon), or not, with every difference.</summary>
    /// <param name="beaconMatched">The committed beacon round was fetched from a relay and is the value the draw took.</param>
    public static IEnumerable<string> Lines(DrawBundle parsed, IReadOnlyList<string> differences, bool beaconMatched, Lang lang)
    {
        if (differences.Count == 0)
        {
            yield return Messages.DrawVerified(
                parsed.Commitment.DrawId, parsed.Picks.Count, parsed.Commitment.Quotas.Count, parsed.Teams.Count, parsed.Contributions.Count).In(lang);
            if (parsed.Commitment.Rules.Teams.Departments is { Count: > 0 } departments)
            {
                yield return Messages.JointDrawRule(
                    string.Join("；", departments.Select(d => $"{d.Name} ({d.Id}: {string.Join("、", d.Units)})"))).In(lang);
            }

            if (parsed.Commitment.Beacon is { } beacon)
            {
                yield return (beaconMatched
                    ? Messages.BeaconMatches(beacon.Source)
                    : Messages.BeaconCommitted(beacon.Source, Beacons.Chain(beacon.Chain)?.RoundUrl(beacon.Round))).In(lang);
            }

            yield break;
        }

        // The differences the verifier finds are the draw library's words (English, as the specification's).
        yield return Messages.DoesNotVerify(parsed.Commitment.DrawId, differences.Count).In(lang);
        foreach (var difference in differences)
        {
            yield return $"  {difference}";
        }
    }
}
