using System.Text;

namespace Samples.Draw;

/// <summary>
/// Section 6 of draw/spec/draw-spec.md: re-computes every hash, checks the order of events, rebuilds the seeds, re-draws and
/// compares everything. Needs only the bundle (and the frames when the bundle holds them by hash). An empty list
/// means the draw verifies.
/// </summary>
public static partial class Verifier
{
    /// <summary>A number with a decimal point, in a rule text.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\d+\.\d+")]
    private static partial System.Text.RegularExpressions.Regex Decimal();

    /// <summary>A rule text with each decimal's trailing zeros dropped (0.20 → 0.2, 1.0 → 1): the same values, one spelling.</summary>
    internal static string ByValue(string rule) => Decimal().Replace(rule, m => m.Value.TrimEnd('0') is var t && t.EndsWith('.') ? t[..^1] : t);

    public static IReadOnlyList<string> Verify(DrawBundle bundle, FrameFiles? frames = null) => Verify(bundle, frames, null);

    /// <summary>
    /// The same, taking the target frame's re-draw from <paramref name="prepared"/> (<see cref="Prepare"/>, started while
    /// the bundle was still being read) when it is the one this bundle asks for.
    /// </summary>
    public static IReadOnlyList<string> Verify(DrawBundle bundle, FrameFiles? frames, PreparedTargets? prepared)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        // What the recomputation finds first (it names the pick, team or hash); then parts no longer matching their seals.
        // The seals are checked alongside the recomputation when that is worth it: neither reads what the other writes.
        List<string>? recomputed = null, unsealed = null;
        Cores.For(2, Cores.Worth(bundle.Teams.Count, 1000), part =>
        {
            if (part == 0)
            {
                recomputed = Recompute(bundle, frames, prepared);
            }
            else
            {
                unsealed = Seals.Differences(bundle).ToList();
            }
        });
        return [.. recomputed!, .. unsealed!];
    }

    /// <summary>
    /// The same, with the seals already checked (<see cref="Seals.Differences"/> of this bundle, e.g. on the core that
    /// parsed it while the teams were still being drawn ahead): the recomputation's findings, then <paramref name="unsealed"/>.
    /// </summary>
    public static IReadOnlyList<string> Verify(DrawBundle bundle, FrameFiles? frames, PreparedTargets? prepared, IReadOnlyList<string> unsealed)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(unsealed);
        return [.. Recompute(bundle, frames, prepared), .. unsealed];
    }

    /// <summary>
    /// A commitment whose teams cannot all be staffed is made only under the explicit rule, with the short pools as the
    /// check finds them from the committed frame and quotas (<see cref="Staffing"/>).
    /// </summary>
    private static IEnumerable<string> StaffingProblems(Commitment c, IReadOnlyList<InspectorRow> inspectors)
    {
        var report = Staffing.Of(inspectors, c.Quotas, c.Rules.Teams);
        static string Text(IEnumerable<PoolStaffing> pools) => string.Join("; ", pools.Select(p => $"{p.Pool}: {string.Join(", ", p.Problems)}"));
        if (c.Staffing is null)
        {
            if (!report.CanStaffEveryTeam)
            {
                yield return $"staffing: the teams cannot all be staffed ({report.Describe()}), and the commitment does not allow short teams";
            }

            yield break;
        }

        if (c.Staffing.Rule != StaffingShortfall.AllowShortTeams)
        {
            yield return $"staffing: unknown rule '{c.Staffing.Rule}'";
        }

        if (Text(c.Staffing.Pools) != Text(report.ShortPools))
        {
            yield return $"staffing: the commitment publishes the short pools as '{Text(c.Staffing.Pools)}', the frames give '{Text(report.ShortPools)}'";
        }
    }

    /// <summary>
    /// A committed beacon's round is contributed exactly once, after the chain emitted it, as drand randomness; no other
    /// contribution claims to be a beacon. Whether the value is the chain's is checked against the chain itself
    /// (<c>samples verify --beacon-relay</c>), since the bundle cannot prove it alone.
    /// </summary>
    private static IEnumerable<string> BeaconProblems(Commitment c, IReadOnlyList<Contribution> contributions)
    {
        foreach (var other in contributions.Where(x => Beacons.ClaimsBeacon(x.Source) && x.Source != c.Beacon?.Source))
        {
            yield return c.Beacon is null
                ? $"contribution ({other.Source}): claims to be a beacon, but the commitment names none"
                : $"contribution ({other.Source}): claims to be a beacon, but the commitment names {c.Beacon.Source}";
        }

        if (c.Beacon is not { } beacon)
        {
            yield break;
        }

        if (Beacons.Chain(beacon.Chain) is not { } chain || chain.EmittedAt(beacon.Round) != beacon.EmittedAt)
        {
            yield return $"beacon: the commitment names {beacon.Source} emitted at {beacon.EmittedAt:O}, which is not that chain's time for the round";
        }
        else if (beacon.EmittedAt <= c.CommittedAt)
        {
            yield return $"beacon: {beacon.Source} was emitted at {beacon.EmittedAt:O}, not after the commitment ({c.CommittedAt:O})";
        }

        var given = contributions.Where(x => x.Source == beacon.Source).ToArray();
        if (given.Length != 1)
        {
            yield return $"beacon: the commitment names {beacon.Source}; the bundle has {given.Length} contributions from it, not one";
            yield break;
        }

        if (given[0].At < beacon.EmittedAt)
        {
            yield return $"beacon: {beacon.Source} is dated {given[0].At:O}, before the chain emitted it ({beacon.EmittedAt:O})";
        }

        if (!Beacons.IsRandomness(given[0].Value))
        {
            yield return $"beacon: {beacon.Source}'s value is not drand randomness (64 lowercase hex characters)";
        }
    }

    private static List<string> Recompute(DrawBundle bundle, FrameFiles? frames, PreparedTargets? prepared)
    {
        var d = new List<string>();
        var c = bundle.Commitment;
        if (!DrawBundle.IsKnownFormat(bundle.Format))
        {
            d.Add($"format: bundle says '{bundle.Format}', this verifier reads '{DrawBundle.FormatV1}' and '{DrawBundle.FormatV2}'");
        }

        if (c.Algorithm != Seeds.AlgorithmId)
        {
            d.Add($"algorithm: commitment says '{c.Algorithm}', this verifier implements '{Seeds.AlgorithmId}'");
        }

        // The nonce and its commitment.
        if (!Seeds.IsNonce(bundle.Nonce))
        {
            d.Add("nonce: not 64 lowercase hex characters");
        }
        else if (Seeds.NonceCommitment(bundle.Nonce) != c.NonceSha256)
        {
            d.Add($"nonce: sha256 of the revealed nonce is {Seeds.NonceCommitment(bundle.Nonce)}, the commitment says {c.NonceSha256}");
        }

        // Order of events: commitment, then contributions (in recorded order, before the deadline), then the reveal.
        var previous = c.CommittedAt;
        for (var i = 0; i < bundle.Contributions.Count; i++)
        {
            var contribution = bundle.Contributions[i];
            var name = $"contribution {i + 1} ({contribution.Source})";
            if (contribution.At <= c.CommittedAt)
            {
                d.Add($"{name}: dated {contribution.At:O}, not after the commitment ({c.CommittedAt:O})");
            }
            else if (contribution.At < previous)
            {
                d.Add($"{name}: dated {contribution.At:O}, before the contribution recorded ahead of it ({previous:O})");
            }

            // The committed beacon's value may arrive after the deadline: the commitment fixed it, nobody chooses it.
            if (contribution.At > c.EntropyDeadline && contribution.Source != c.Beacon?.Source)
            {
                d.Add($"{name}: dated {contribution.At:O}, after the entropy deadline ({c.EntropyDeadline:O})");
            }

            if (contribution.At >= bundle.RevealedAt)
            {
                d.Add($"{name}: dated {contribution.At:O}, not before the reveal ({bundle.RevealedAt:O})");
            }

            previous = contribution.At > previous ? contribution.At : previous;
        }

        d.AddRange(BeaconProblems(c, bundle.Contributions));

        if (bundle.RevealedAt <= c.CommittedAt)
        {
            d.Add($"reveal: dated {bundle.RevealedAt:O}, not after the commitment ({c.CommittedAt:O})");
        }

        // Frames: the bytes, their hashes, their canonical form. A target frame given as a stream is read later, once.
        var streamed = bundle.Frames.Targets is null && frames?.Targets is null ? frames?.OpenTargets : null;
        var targets = streamed is not null ? null : Frame(d, "target frame", bundle.Frames.Targets, frames?.Targets, c.TargetFrameSha256, CanonicalFrames.ParseTargets);
        var inspectors = Frame(d, "inspector frame", bundle.Frames.Inspectors, frames?.Inspectors, c.InspectorFrameSha256, CanonicalFrames.ParseInspectors);
        var exclusions = Frame(d, "exclusions", bundle.Frames.Exclusions, frames?.Exclusions, c.ExclusionsSha256, CanonicalFrames.ParseExclusions);
        var excluded = exclusions?.Rows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        if (excluded is not null)
        {
            d.AddRange((targets?.Rows ?? []).Where(r => excluded.Contains(r.Id)).Select(r => $"target frame: {r.Id} is also in the exclusions"));
            d.AddRange((inspectors?.Rows ?? []).Where(r => excluded.Contains(r.Id)).Select(r => $"inspector frame: {r.Id} is also in the exclusions"));
        }

        if (inspectors is not null)
        {
            d.AddRange(StaffingProblems(c, inspectors.Rows));
        }

        // Seeds.
        var entropy = Seeds.Entropy(bundle.Nonce, bundle.Contributions.Select(x => x.Value));
        Same(d, "entropy", bundle.Entropy, entropy);
        TargetSelection? selection = null;
        PreparedTargets? ready = null;
        if (streamed is not null)
        {
            // The seed takes the committed hash; if the bytes turn out to hash otherwise, the selection is not compared.
            var seed = Seeds.Targets(c.DrawId, c.TargetFrameSha256, entropy);
            ready = Usable(prepared, bundle, frames, excluded);
            if (ready is not null)
            {
                d.AddRange(ready.Messages);
                selection = ready.Selection;
            }
            else
            {
                selection = StreamedTargets(d, streamed, c, seed, excluded);
            }

            if (selection is not null)
            {
                Same(d, "target seed", bundle.TargetSeed, seed);
            }
        }
        else if (targets is not null)
        {
            Same(d, "target seed", bundle.TargetSeed, Seeds.Targets(c.DrawId, targets.Sha256, entropy));
        }

        if (inspectors is not null)
        {
            Same(d, "inspector seed", bundle.InspectorSeed, Seeds.Inspectors(c.DrawId, inspectors.Sha256, entropy));
        }

        if ((targets is null && selection is null) || inspectors is null)
        {
            d.Add("re-draw: not possible without both frames");
            return d;
        }

        // Re-draw and compare.
        DrawSession session;
        try
        {
            var inputs = new DrawInputs(c.DrawId, targets ?? NoRows, inspectors, c.Rules, c.Conflicts, c.Inspections, c.DrawDate, entropy);
            session = selection is null ? Drawing.Run(inputs)
                : ready?.TakeSession(c, entropy, bundle.Frames.Inspectors) ?? Drawing.Run(inputs, selection);
            var steps = Supplements.Ordered(bundle);
            for (var i = 0; i < steps.Count; i++)
            {
                if (steps[i].Step != i + 1)
                {
                    d.Add($"changes after the draw: step {i + 1} expected, bundle says {steps[i].Step}");
                }

                steps[i].ApplyTo(session);
            }
        }
        catch (ArgumentException ex)
        {
            d.Add($"re-draw: {ex.Message}");
            return d;
        }

        var result = session.Result;
        // A rule text's numbers are compared by value: a re-encoder may write a ratio 0.20 as 0.2 (the seals are JCS, so
        // they agree), and the recomputed text then says 0.2 where the published one says 0.20.
        // The teams (the most to compare) beside the quotas and picks; their differences are reported after them as before.
        var teams = new List<string>();
        Cores.For(2, Cores.Worth(bundle.Teams.Count, 1000), part =>
        {
            if (part == 1)
            {
                CompareTeams(teams, bundle.Teams, result.Teams);
                return;
            }

            CompareList(d, "quotas", c.Quotas, result.Quotas, q => q.Stratum, q => $"{q.Stratum} N={q.Members} k={q.Quota} m={q.Alternates} ({ByValue(q.Rule)})");
            d.AddRange(Pacer.Differences(c.Rules.Quotas, targets is null
                ? StreamingDraw.Counts(c.Quotas)
                : targets.Rows.GroupBy(r => r.Stratum, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal)));
            ComparePicks(d, "pick", bundle.Picks, result.Picks);
            ComparePicks(d, "alternate", bundle.Alternates, result.Alternates);
        });
        d.AddRange(teams);
        CompareList(d, "pool", bundle.Pools, result.Pools, p => p.Pool, p => $"members [{string.Join(", ", p.Members)}], stream stopped after {p.Position} emissions");
        for (var i = 0; i < Math.Max(bundle.Replacements.Count, result.Replacements.Count); i++)
        {
            var said = i < bundle.Replacements.Count ? bundle.Replacements[i] : null;
            var redone = i < result.Replacements.Count ? result.Replacements[i] : null;
            var label = $"replacement {i + 1} ({said?.TargetId ?? redone?.TargetId}, {said?.Withdrawn ?? redone?.Withdrawn} withdrew)";
            Same(d, $"{label} step", Count(said?.Step ?? 0), Count(redone?.Step ?? 0));
            Same(d, $"{label} replacer", said?.Replacer ?? "none", redone?.Replacer ?? "none");
            CompareEmissions(d, label, said?.Emissions ?? [], redone?.Emissions ?? []);
        }

        CompareList(d, "alternate use", bundle.AlternateUses, result.AlternateUses, u => Count(u.Step), u => $"step {u.Step}: {u.Replaced} replaced by {u.Alternate ?? "no alternate left"} ({u.Reason})");
        return d;
    }

    /// <summary>Stands in for the target frame's rows when its selection was streamed (the session does not read them).</summary>
    private static readonly CanonicalFrame<TargetRow> NoRows = CanonicalFrames.Targets([]);

    /// <summary>
    /// The target frame read once from its stream: hashed, each id looked up among the exclusions, and the targets selected
    /// with each stratum's count taken from the commitment's quotas (a frame whose strata count otherwise is refused). Null,
    /// with the reason added, when the bytes are not the committed frame or not canonical.
    /// </summary>
    private static TargetSelection? StreamedTargets(List<string> d, Func<Stream> open, Commitment c, string seed, IReadOnlySet<string>? excluded)
    {
        FrameTap? tap = null;
        TargetSelection? drawn = null;
        string? refusal = null;
        try
        {
            try
            {
                var (quotas, picks, alternates) = TargetDraw.Run(
                    () => tap = new FrameTap(open(), excluded ?? new HashSet<string>()), seed, c.Rules.Quotas, StreamingDraw.Counts(c.Quotas));
                drawn = new(quotas, picks, alternates);
            }
            catch (Exception ex) when (ex is FrameException or ArgumentException or InvalidOperationException)
            {
                refusal = $"target frame: not canonical: {ex.Message}";
            }

            var hash = tap?.Finish();
            if (hash != c.TargetFrameSha256)
            {
                d.Add($"target frame: sha256 of the bytes is {hash}, the commitment says {c.TargetFrameSha256}");
                return null;
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            d.Add($"target frame: unreadable: {ex.Message}");
            return null;
        }
        finally
        {
            tap?.Release();
        }

        if (refusal is not null || drawn is null)
        {
            d.Add(refusal ?? "target frame: not read");
            return null;
        }

        d.AddRange(tap!.AlsoExcluded.Select(id => $"target frame: {id} is also in the exclusions"));
        return drawn;
    }

    private static string Count(int n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static CanonicalFrame<TRow>? Frame<TRow>(
        List<string> d, string name, string? inline, byte[]? file, string committed, Func<string, byte[]?, string, CanonicalFrame<TRow>> parse)
    {
        // An inline text with no byte-order mark and no lone surrogate is exactly what its UTF-8 bytes decode to: it is
        // hashed in pieces and read as it is. Otherwise its bytes are made (lone surrogates become U+FFFD) and decoded.
        var plain = inline is not null && (inline.Length == 0 || inline[0] != '\uFEFF') && !HasLoneSurrogate(inline);
        var bytes = inline is null ? file : plain ? null : new UTF8Encoding(false).GetBytes(inline);
        if (inline is null && bytes is null)
        {
            d.Add($"{name}: not in the bundle and not given (--frames DIR); its commitment is {committed}");
            return null;
        }

        var hash = bytes is not null ? Tickets.Sha256Hex(bytes) : Utf8Text.Sha256Hex(inline!);
        if (hash != committed)
        {
            d.Add($"{name}: sha256 of the bytes is {hash}, the commitment says {committed}");
            return null;
        }

        try
        {
            return parse(plain ? inline! : CanonicalFrames.Decode(bytes!), bytes, hash);
        }
        catch (Exception ex) when (ex is FrameException or ArgumentException)
        {
            d.Add($"{name}: not canonical: {ex.Message}");
            return null;
        }
    }

    private static bool HasLoneSurrogate(string text)
    {
        var span = text.AsSpan();
        for (var i = span.IndexOfAnyInRange('\uD800', '\uDFFF'); i >= 0 && i < span.Length; i++)
        {
            if (char.IsHighSurrogate(span[i]) && i + 1 < span.Length && char.IsLowSurrogate(span[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(span[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static void Same(List<string> d, string what, string said, string recomputed)
    {
        if (said != recomputed)
        {
            d.Add($"{what}: bundle says {said}, recomputed {recomputed}");
        }
    }

    private static void ComparePicks(List<string> d, string what, IReadOnlyList<Pick> said, IReadOnlyList<Pick> redone)
    {
        var saidBy = said.ToLookup(p => p.Stratum, StringComparer.Ordinal);
        var redoneBy = redone.ToLookup(p => p.Stratum, StringComparer.Ordinal);
        foreach (var stratum in saidBy.Select(g => g.Key).Union(redoneBy.Select(g => g.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var a = saidBy[stratum].ToArray();
            var b = redoneBy[stratum].ToArray();
            if (a.Length != b.Length)
            {
                d.Add($"stratum {stratum}: bundle has {a.Length} {what}s, recomputed {b.Length}");
            }

            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                if (a[i].Id != b[i].Id)
                {
                    d.Add($"stratum {stratum} {what} {i + 1}: bundle says {a[i].Id}, recomputed {b[i].Id}");
                }
                else if (a[i].Ticket != b[i].Ticket || a[i].Generation != b[i].Generation)
                {
                    d.Add($"stratum {stratum} {what} {i + 1} ({a[i].Id}): bundle says ticket {a[i].Ticket} generation {a[i].Generation}, recomputed {b[i].Ticket} generation {b[i].Generation}");
                }
            }
        }
    }

    private static void CompareTeams(List<string> d, IReadOnlyList<Team> said, IReadOnlyList<Team> redone)
    {
        if (said.Count == redone.Count && said.Select(t => t.TargetId).SequenceEqual(redone.Select(t => t.TargetId), StringComparer.Ordinal))
        {
            // The same targets in the same order (the re-draw's ids are unique): each team is its counterpart at the same
            // place, nothing is missing on either side, and no index of 44,637 ids is needed to say so.
            for (var i = 0; i < said.Count; i++)
            {
                CompareTeam(d, said[i], redone[i]);
            }

            return;
        }

        var redoneBy = redone.ToDictionary(t => t.TargetId, StringComparer.Ordinal);
        var saidIds = said.Select(t => t.TargetId).ToHashSet(StringComparer.Ordinal);
        d.Add($"teams: bundle lists {said.Count} teams in the order [{Short(said.Select(t => t.TargetId))}], recomputed {redone.Count} [{Short(redone.Select(t => t.TargetId))}]");
        foreach (var team in said)
        {
            if (!redoneBy.TryGetValue(team.TargetId, out var other))
            {
                d.Add($"team for {team.TargetId}: not in the re-draw");
                continue;
            }

            CompareTeam(d, team, other);
        }

        d.AddRange(redone.Where(t => !saidIds.Contains(t.TargetId)).Select(t => $"team for {t.TargetId}: missing from the bundle"));
    }

    private static void CompareTeam(List<string> d, Team team, Team other)
    {
        if (team.Pool == other.Pool && team.Status == other.Status && team.Members.SequenceEqual(other.Members) && team.Emissions.SequenceEqual(other.Emissions))
        {
            return; // nothing below would differ
        }

        var label = $"team for {team.TargetId}";
        Same(d, $"{label} pool", team.Pool, other.Pool);
        Same(d, $"{label} members", string.Join(", ", team.Members), string.Join(", ", other.Members));
        Same(d, $"{label} status", team.Status, other.Status);
        CompareEmissions(d, label, team.Emissions, other.Emissions);
    }

    private static void CompareEmissions(List<string> d, string label, IReadOnlyList<TeamEmission> said, IReadOnlyList<TeamEmission> redone)
    {
        if (said.Count != redone.Count)
        {
            d.Add($"{label}: bundle records {said.Count} emissions, recomputed {redone.Count}");
        }

        for (var i = 0; i < Math.Min(said.Count, redone.Count); i++)
        {
            if (said[i] != redone[i])
            {
                d.Add($"{label} emission {i + 1}: bundle says {said[i]} ticket {said[i].Ticket}, recomputed {redone[i]} ticket {redone[i].Ticket}");
            }
        }
    }

    private static void CompareList<T>(List<string> d, string what, IReadOnlyList<T> said, IReadOnlyList<T> redone, Func<T, string> key, Func<T, string> show)
    {
        var a = said.Select(show).ToArray();
        var b = redone.Select(show).ToArray();
        if (a.Length != b.Length)
        {
            d.Add($"{what}: bundle has {a.Length}, recomputed {b.Length}");
        }

        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            if (a[i] != b[i])
            {
                d.Add($"{what} {key(said[i])}: bundle says {a[i]}, recomputed {b[i]}");
            }
        }
    }

    private static string Short(IEnumerable<string> ids)
    {
        var list = ids.ToArray();
        return list.Length <= 5 ? string.Join(", ", list) : string.Join(", ", list.Take(5)) + $", … {list.Length - 5} more";
    }
}
