using System.Text;

namespace Samples.Draw;

/// <summary>What verifying a draw's bundle found.</summary>
public enum VerificationStatus
{
    /// <summary>Re-computed from the bundle (and the frame files given), everything agrees.</summary>
    Verified,

    /// <summary>At least one difference that is not just a missing frame file: see the problems.</summary>
    NotVerified,

    /// <summary>
    /// The bundle holds a frame by hash only and its file was not given, so the re-draw could not be done; nothing else
    /// was found wrong. Not a failure of the draw: the report needs the frame files.
    /// </summary>
    FramesMissing,
}

/// <summary>
/// One draw of the period as the report lists it: whether it verifies (with the number of problems and the first one,
/// in the verifier's words) and whether outside entropy was present (any contribution; whether they came in time is a
/// verification problem).
/// </summary>
public sealed record DrawAudit(string DrawId, DateOnly DrawDate, VerificationStatus Status, int Problems, string? FirstProblem, int Contributions)
{
    public bool Verified => Status == VerificationStatus.Verified;

    /// <summary>Outside entropy closes the door on trying nonces before the commitment (draw/spec/draw-spec.md §3).</summary>
    public bool OutsideEntropy => Contributions > 0;
}

/// <summary>
/// One round as the statistics read it: the draw's audit line, the committed quotas, the frames (null when not
/// available or not matching the commitment: that round then stays out of the tests that need it), and what was drawn.
/// Separate from <see cref="DrawBundle"/> so a report can be computed from any source of rounds (and tested on made-up ones).
/// </summary>
public sealed record FairnessRound(
    DrawAudit Draw,
    IReadOnlyList<StratumQuota> Quotas,
    IReadOnlyList<TargetRow>? Targets,
    IReadOnlyList<InspectorRow>? Inspectors,
    IReadOnlyList<Pick> Picks,
    IReadOnlyList<Team> Teams,
    IReadOnlyList<Replacement> Replacements,
    IReadOnlyList<AlternateUse> AlternateUses)
{
    private const string TargetFrame = "target frame";
    private const string InspectorFrame = "inspector frame";
    private const string ExclusionsFrame = "exclusions";

    /// <summary>
    /// Verifies the bundle (<see cref="Verifier.Verify"/>, with <paramref name="frames"/> for frames held by hash only)
    /// and reads its frames. A frame is used only when its bytes match the commitment's hash: a frame that does not
    /// cannot say who was in the draw. A tampered bundle still enters the statistics: they describe what was published.
    /// </summary>
    public static FairnessRound From(DrawBundle bundle, FrameFiles? frames = null)
    {
        var c = bundle.Commitment;

        // The statistics read every member of the target frame, so a streamed one is read into memory here.
        frames = frames?.Held();
        var problems = Verifier.Verify(bundle, frames);
        var missing = new List<string>();
        if (bundle.Frames.Targets is null && frames?.Targets is null)
        {
            missing.Add(TargetFrame);
        }

        if (bundle.Frames.Inspectors is null && frames?.Inspectors is null)
        {
            missing.Add(InspectorFrame);
        }

        if (bundle.Frames.Exclusions is null && frames?.Exclusions is null)
        {
            missing.Add(ExclusionsFrame);
        }

        // The verifier's notes that only say "this frame was not given" (and so "no re-draw") are not findings against the draw.
        var findings = problems.Where(p => !missing.Any(m => p.StartsWith(m + ": not in the bundle and not given", StringComparison.Ordinal))
            && !(missing.Count > 0 && p == "re-draw: not possible without both frames")).ToArray();
        var status = findings.Length > 0 ? VerificationStatus.NotVerified
            : missing.Count > 0 ? VerificationStatus.FramesMissing
            : VerificationStatus.Verified;
        var audit = new DrawAudit(c.DrawId, c.DrawDate, status, problems.Count, (findings.Length > 0 ? findings[0] : problems.Count > 0 ? problems[0] : null), bundle.Contributions.Count);

        return new FairnessRound(
            audit,
            c.Quotas,
            Frame(bundle.Frames.Targets, frames?.Targets, c.TargetFrameSha256, CanonicalFrames.ParseTargets),
            Frame(bundle.Frames.Inspectors, frames?.Inspectors, c.InspectorFrameSha256, CanonicalFrames.ParseInspectors),
            bundle.Picks,
            bundle.Teams,
            bundle.Replacements,
            bundle.AlternateUses);
    }

    private static IReadOnlyList<TRow>? Frame<TRow>(string? inline, byte[]? file, string committed, Func<string, CanonicalFrame<TRow>> parse)
    {
        var bytes = inline is not null ? new UTF8Encoding(false).GetBytes(inline) : file;
        if (bytes is null || Tickets.Sha256Hex(bytes) != committed)
        {
            return null;
        }

        try
        {
            return parse(CanonicalFrames.Decode(bytes)).Rows;
        }
        catch (Exception ex) when (ex is FrameException or ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>
/// One stratum over the period: in how many rounds it was drawn, its size (in the last round and on average), the
/// number expected (the sum of its committed quotas k_h) against the number selected (picks), and how many alternates
/// took the place of picks that could not be sampled.
/// </summary>
public sealed record StratumFairness(string Stratum, int Rounds, int LastMembers, double AverageMembers, int Expected, int Selected, int AlternatesUsed);

/// <summary>One cell of a selection test: a target id or an inspector, how often selected, how often expected.</summary>
public sealed record CountCell(string Id, int Observed, double Expected);

/// <summary>
/// A goodness-of-fit test of selection counts against a fair draw, over the rounds that entered it.
/// <para>
/// Every random choice is modelled as a simple random sample of k members out of N (a stratum's k_h targets from its
/// N_h members; a team's accepted members from its pool; one stream emission from its pool), so a member's count has
/// mean E = Σ p and variance Σ p(1 − p) over the choices it was in, p = k/N. The statistic is
/// Σ (O − E)² / V over cells with V &gt; 0, V = Σ p(1 − p)·N/(N − 1). When each choice takes one member (k = 1) V = E
/// and this is Pearson's Σ (O − E)² / E; when it takes several without replacement Pearson's denominator would
/// overstate the variance (p instead of p(1 − p): by a quarter at p = 0.25) and hide a bias, hence V. The factor
/// N/(N − 1) accounts for the fixed total of each choice: with the same N members every round (stable frames) the
/// statistic is asymptotically chi-square with cells − (number of strata or pools) degrees of freedom exactly.
/// </para>
/// <para>
/// <see cref="DegreesOfFreedom"/> is the statistic's exact mean under a fair draw, Σ Σp(1 − p) / V over the cells
/// tested: that is cells − strata for stable frames (the usual "one constraint per stratum"), and stays right when
/// frames change between rounds or an inspector sits in several pools, where counting constraints does not. So it
/// need not be a whole number.
/// </para>
/// <para>
/// Limits: the chi-square law is a large-count approximation; with many cells of small expected count
/// (<see cref="SmallExpected"/>: E &lt; 5) the p-value is rough, so read it together with the cells. Cells with V = 0
/// (always or never selectable: class D "all", a one-member stratum) carry no information and are left out; if one of
/// them was nevertheless selected against certainty (e.g. an id that is not in the frame) it is counted in
/// <see cref="Impossible"/> and the p-value is 0.
/// </para>
/// </summary>
public sealed record SelectionTest(
    int Rounds,
    double Statistic,
    double DegreesOfFreedom,
    double PValue,
    int CellsTested,
    int SmallExpected,
    int Impossible,
    IReadOnlyList<CountCell> Cells);

/// <summary>How many teams had this many distinct units among their members.</summary>
public sealed record TeamUnits(int DistinctUnits, int Teams);

/// <summary>
/// One unit: its team seats and their share of all seats, the share a fair draw gives it (from the same model as the
/// inspector test: its members' chances in the pools they belong to), and its share of the inspector frame's rows
/// (over the rounds).
/// </summary>
public sealed record UnitShare(string Unit, int Seats, double SeatShare, double ExpectedSeatShare, double FrameShare);

/// <summary>Teams' unit mix: distinct units per team (teams that went, i.e. not replaced by an alternate, final members), and per unit.</summary>
public sealed record UnitMix(IReadOnlyList<TeamUnits> Teams, IReadOnlyList<UnitShare> Units);

/// <summary>
/// The fairness report of a plan's rounds over a period.
/// <see cref="Enterprises"/>: one cell per target id (an enterprise ENT|X, or one of its batches BATCH|X|…), picks
/// against quotas, over rounds with the target frame. <see cref="Inspectors"/>: team seats (accepted emissions when
/// teams were formed, and replacers) against a uniform choice within each pool; the team rules (capacity, recusal,
/// one unit) legitimately make seats uneven, so a small p-value there asks to look at the rules' effect, not
/// necessarily at the randomness. <see cref="InspectorEmissions"/>: every emission of the pools' streams, accepted or
/// skipped, which the algorithm makes exactly uniform whatever the rules: the check of the randomness itself.
/// </summary>
public sealed record FairnessReport(
    IReadOnlyList<DrawAudit> Draws,
    IReadOnlyList<StratumFairness> Strata,
    SelectionTest Enterprises,
    SelectionTest Inspectors,
    SelectionTest InspectorEmissions,
    UnitMix UnitMix,
    TargetedTally? Targeted = null);

/// <summary>
/// The plan's targeted inspections (重点检查) in the period, kept out of every test above (they were chosen, not drawn)
/// and counted here beside the drawn targets, so a choice never passes for a draw: how many, their share of all tasks
/// (per cent, one decimal), and how many for each reason. Absent where only bundles were given (offline).
/// </summary>
public sealed record TargetedTally(int Tasks, int DrawnTargets, decimal? Share, IReadOnlyList<TargetedReasonTally> ByReason);

/// <summary>Targeted tasks of one reason: its code, its name (Chinese first) and how many.</summary>
public sealed record TargetedReasonTally(string Kind, string Name, int Tasks);

/// <summary>The fairness report: pure, deterministic, no clock. The caller chooses the rounds (one plan, one period).</summary>
public static class Fairness
{
    /// <summary>Verifies each bundle (with its frame files from <paramref name="frames"/>, if given) and reports on them.</summary>
    public static FairnessReport Report(IEnumerable<DrawBundle> bundles, Func<DrawBundle, FrameFiles?>? frames = null) =>
        Report(bundles.Select(b => FairnessRound.From(b, frames?.Invoke(b))));

    /// <summary>The report over the given rounds, listed by draw date then draw id. A draw id given twice is refused (it would count twice).</summary>
    public static FairnessReport Report(IEnumerable<FairnessRound> rounds)
    {
        var ordered = rounds.OrderBy(r => r.Draw.DrawDate).ThenBy(r => r.Draw.DrawId, StringComparer.Ordinal).ToArray();
        if (ordered.GroupBy(r => r.Draw.DrawId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"draw {twice.Key} is given {twice.Count()} times", nameof(rounds));
        }

        var enterprises = new Tally();
        var seats = new Tally();
        var emissions = new Tally();
        var units = new UnitTally();
        foreach (var round in ordered)
        {
            if (round.Targets is { } targets)
            {
                AddTargets(enterprises, round, targets);
            }

            if (round.Inspectors is { } inspectors)
            {
                AddTeams(seats, emissions, units, round, inspectors);
            }
        }

        return new FairnessReport(
            ordered.Select(r => r.Draw).ToArray(),
            Strata(ordered),
            enterprises.Test(ordered.Count(r => r.Targets is not null)),
            seats.Test(ordered.Count(r => r.Inspectors is not null)),
            emissions.Test(ordered.Count(r => r.Inspectors is not null)),
            units.Mix());
    }

    private static StratumFairness[] Strata(FairnessRound[] rounds)
    {
        var rows = new SortedDictionary<string, (int Rounds, int Last, long Members, int Expected, int Selected, int Alternates)>(StringComparer.Ordinal);
        foreach (var round in rounds)
        {
            foreach (var quota in round.Quotas)
            {
                var row = rows.GetValueOrDefault(quota.Stratum);
                rows[quota.Stratum] = (row.Rounds + 1, quota.Members, row.Members + quota.Members, row.Expected + quota.Quota, row.Selected, row.Alternates);
            }

            foreach (var pick in round.Picks)
            {
                var row = rows.GetValueOrDefault(pick.Stratum);
                rows[pick.Stratum] = row with { Selected = row.Selected + 1 };
            }

            foreach (var use in round.AlternateUses.Where(u => u.Alternate is not null))
            {
                var row = rows.GetValueOrDefault(use.Stratum);
                rows[use.Stratum] = row with { Alternates = row.Alternates + 1 };
            }
        }

        return rows.Select(r => new StratumFairness(
            r.Key, r.Value.Rounds, r.Value.Last, r.Value.Rounds == 0 ? 0 : (double)r.Value.Members / r.Value.Rounds,
            r.Value.Expected, r.Value.Selected, r.Value.Alternates)).ToArray();
    }

    /// <summary>Each stratum of the round's frame is one simple random sample of its committed quota.</summary>
    private static void AddTargets(Tally tally, FairnessRound round, IReadOnlyList<TargetRow> targets)
    {
        var quotas = round.Quotas.GroupBy(q => q.Stratum, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Quota, StringComparer.Ordinal);
        foreach (var stratum in targets.GroupBy(t => t.Stratum, StringComparer.Ordinal))
        {
            tally.Choice(stratum.Select(t => t.Id).ToArray(), quotas.GetValueOrDefault(stratum.Key));
        }

        foreach (var pick in round.Picks)
        {
            tally.Observe(pick.Id);
        }
    }

    /// <summary>
    /// A team's members accepted when it was formed are one simple random sample from its pool, a replacer one more
    /// choice from the pool (approximate: the withdrawn and the team's members could not be taken), every emission one
    /// uniform choice (exact).
    /// </summary>
    private static void AddTeams(Tally seats, Tally emissions, UnitTally units, FairnessRound round, IReadOnlyList<InspectorRow> inspectors)
    {
        var unitOf = inspectors.ToDictionary(i => i.Id, i => i.Unit, StringComparer.Ordinal);
        var pools = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string[] Pool(string poolKey)
        {
            if (!pools.TryGetValue(poolKey, out var members))
            {
                // As Drawing forms pools: inspectors covering the region and qualified for the category.
                var key = StratumKey.Parse(poolKey + "|-");
                members = inspectors
                    .Where(r => r.Regions.Contains(key.Region, StringComparer.Ordinal) && r.Qualifications.Contains(key.Category, StringComparer.Ordinal))
                    .Select(r => r.Id)
                    .ToArray();
                pools[poolKey] = members;
            }

            return members;
        }

        units.Frame(inspectors);
        var poolOfTarget = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var team in round.Teams)
        {
            poolOfTarget[team.TargetId] = team.Pool;
            var pool = Pool(team.Pool);
            var accepted = team.Emissions.Where(e => e.Accepted).Select(e => e.InspectorId).ToArray();
            seats.Choice(pool, accepted.Length);
            units.Choice(pool, accepted.Length, unitOf);
            foreach (var inspector in accepted)
            {
                seats.Observe(inspector);
                units.Seat(unitOf.GetValueOrDefault(inspector, "?"));
            }

            foreach (var emission in team.Emissions)
            {
                emissions.Choice(pool, 1);
                emissions.Observe(emission.InspectorId);
            }

            if (team.Status != TeamRule.TargetReplaced)
            {
                units.Team(team.Members.Select(m => unitOf.GetValueOrDefault(m, "?")).Distinct(StringComparer.Ordinal).Count());
            }
        }

        foreach (var replacement in round.Replacements)
        {
            if (!poolOfTarget.TryGetValue(replacement.TargetId, out var poolKey))
            {
                continue;
            }

            var pool = Pool(poolKey);
            if (replacement.Replacer is { } replacer)
            {
                seats.Choice(pool, 1);
                units.Choice(pool, 1, unitOf);
                seats.Observe(replacer);
                units.Seat(unitOf.GetValueOrDefault(replacer, "?"));
            }

            foreach (var emission in replacement.Emissions)
            {
                emissions.Choice(pool, 1);
                emissions.Observe(emission.InspectorId);
            }
        }
    }

    /// <summary>Observed and expected counts and the variances of <see cref="SelectionTest"/>, per cell.</summary>
    private sealed class Tally
    {
        private readonly Dictionary<string, Cell> _cells = new(StringComparer.Ordinal);

        /// <summary>A simple random sample of <paramref name="size"/> out of <paramref name="members"/> (distinct ids).</summary>
        public void Choice(string[] members, int size)
        {
            var n = members.Length;
            if (n == 0)
            {
                return;
            }

            var p = (double)Math.Clamp(size, 0, n) / n;
            var variance = p * (1 - p);
            var scaled = n > 1 ? variance * n / (n - 1) : 0;
            foreach (var member in members)
            {
                var cell = Get(member);
                cell.Expected += p;
                cell.Variance += variance;
                cell.Scaled += scaled;
            }
        }

        public void Observe(string id) => Get(id).Observed++;

        public SelectionTest Test(int rounds)
        {
            double statistic = 0, df = 0;
            int tested = 0, small = 0, impossible = 0;
            foreach (var cell in _cells.Values)
            {
                if (cell.Scaled > 0)
                {
                    var d = cell.Observed - cell.Expected;
                    statistic += d * d / cell.Scaled;
                    df += cell.Variance / cell.Scaled;
                    tested++;
                    small += cell.Expected < 5 ? 1 : 0;
                }
                else if (Math.Abs(cell.Observed - cell.Expected) > 1e-9)
                {
                    impossible++;
                }
            }

            var p = impossible > 0 ? 0 : tested == 0 || df <= 0 ? 1 : ChiSquare.UpperTail(statistic, df);
            return new SelectionTest(
                rounds, statistic, df, p, tested, small, impossible,
                _cells.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new CountCell(c.Key, c.Value.Observed, c.Value.Expected)).ToArray());
        }

        private Cell Get(string id)
        {
            if (!_cells.TryGetValue(id, out var cell))
            {
                cell = new Cell();
                _cells[id] = cell;
            }

            return cell;
        }

        private sealed class Cell
        {
            public int Observed { get; set; }

            public double Expected { get; set; }

            /// <summary>Σ p(1 − p): the count's variance under a fair draw.</summary>
            public double Variance { get; set; }

            /// <summary>Σ p(1 − p)·N/(N − 1): the statistic's denominator.</summary>
            public double Scaled { get; set; }
        }
    }

    private sealed class UnitTally
    {
        private readonly SortedDictionary<string, (int Seats, double Expected, long FrameRows)> _units = new(StringComparer.Ordinal);
        private readonly SortedDictionary<int, int> _teams = [];
        private long _frameRows;

        public void Frame(IReadOnlyList<InspectorRow> inspectors)
        {
            _frameRows += inspectors.Count;
            foreach (var inspector in inspectors)
            {
                var unit = _units.GetValueOrDefault(inspector.Unit);
                _units[inspector.Unit] = unit with { FrameRows = unit.FrameRows + 1 };
            }
        }

        public void Choice(string[] pool, int size, Dictionary<string, string> unitOf)
        {
            if (pool.Length == 0)
            {
                return;
            }

            var p = (double)Math.Clamp(size, 0, pool.Length) / pool.Length;
            foreach (var member in pool)
            {
                var unit = _units.GetValueOrDefault(unitOf[member]);
                _units[unitOf[member]] = unit with { Expected = unit.Expected + p };
            }
        }

        public void Seat(string unit)
        {
            var row = _units.GetValueOrDefault(unit);
            _units[unit] = row with { Seats = row.Seats + 1 };
        }

        public void Team(int distinctUnits) => _teams[distinctUnits] = _teams.GetValueOrDefault(distinctUnits) + 1;

        public UnitMix Mix()
        {
            var seats = _units.Values.Sum(u => u.Seats);
            var expected = _units.Values.Sum(u => u.Expected);
            return new UnitMix(
                _teams.Select(t => new TeamUnits(t.Key, t.Value)).ToArray(),
                _units.Select(u => new UnitShare(
                    u.Key,
                    u.Value.Seats,
                    seats == 0 ? 0 : (double)u.Value.Seats / seats,
                    expected == 0 ? 0 : u.Value.Expected / expected,
                    _frameRows == 0 ? 0 : (double)u.Value.FrameRows / _frameRows)).ToArray());
        }
    }
}
