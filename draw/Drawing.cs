using System.Text.Json.Serialization;

namespace Samples.Draw;

/// <summary>
/// How teams are formed (draw/spec/draw-spec.md section 5). <see cref="Size"/> ≥ 2. <see cref="InspectedWithinDays"/>:
/// an inspector who inspected the enterprise on a date in [draw date − days, draw date] is recused (0: rule off).
/// <see cref="EmissionsPerSlotPerMember"/>: the published bound, a slot may consume at most this × pool size
/// emissions before the target is marked "no eligible team". <see cref="Departments"/>: a joint draw's participating
/// departments, every team holding at least one member of each (section 5.1); absent (null) in a single department's
/// draw, and then not written at all, so such a commitment hashes as it always did.
/// </summary>
public sealed record TeamRules(
    int Size,
    bool ForbidSingleUnit,
    int InspectedWithinDays,
    int EmissionsPerSlotPerMember,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TeamDepartment>? Departments = null);

/// <summary>
/// A department taking part in a joint draw (部门联合双随机), known by its units: an inspector is of the department when the
/// inspector frame's <c>unit</c> of his row is one of <see cref="Units"/> (so the canonical frame format does not change).
/// </summary>
public sealed record TeamDepartment(string Id, string Name, IReadOnlyList<string> Units);

/// <summary>The whole published rule set of a draw.</summary>
public sealed record DrawRules(QuotaRules Quotas, TeamRules Teams);

/// <summary>A declared conflict of interest (回避): the inspector may not inspect this enterprise (a USCC or a target id).</summary>
public sealed record DeclaredConflict(string InspectorId, string Enterprise, string Reason);

/// <summary>A past inspection of an enterprise (a USCC or a target id) by an inspector.</summary>
public sealed record PastInspection(string InspectorId, string Enterprise, DateOnly Date);

/// <summary>Everything a draw depends on, explicitly: no clock, no database.</summary>
public sealed record DrawInputs(
    string DrawId,
    CanonicalFrame<TargetRow> Targets,
    CanonicalFrame<InspectorRow> Inspectors,
    DrawRules Rules,
    IReadOnlyList<DeclaredConflict> Conflicts,
    IReadOnlyList<PastInspection> Inspections,
    DateOnly DrawDate,
    string Entropy);

/// <summary>A drawn target (or alternate): generation is 1 (targets are drawn without replacement).</summary>
public sealed record Pick(string Stratum, string Id, string Ticket, int Generation);

/// <summary>One emission a team consumed: accepted, or skipped with the rule that failed.</summary>
public sealed record TeamEmission(string InspectorId, string Ticket, int Generation, bool Accepted, string? Rule)
{
    public override string ToString() =>
        $"{InspectorId} gen {Generation} " + (Accepted ? "accepted" : $"skipped ({Rule})");
}

/// <summary>A target's team: members in the order accepted, every emission consumed, and its status.</summary>
public sealed record Team(string TargetId, string Stratum, string Pool, IReadOnlyList<string> Members, IReadOnlyList<TeamEmission> Emissions, string Status);

/// <summary>Where a pool's stream stopped: how many emissions were taken from it.</summary>
public sealed record PoolPosition(string Pool, IReadOnlyList<string> Members, int Position);

/// <summary>
/// A withdrawn inspector replaced by continuing the pool's stream, or with <see cref="Withdrawn"/> empty an empty seat of a
/// short team filled (<see cref="DrawSession.Complete"/>); <see cref="Step"/> orders it among the other changes after the draw.
/// </summary>
public sealed record Replacement(int Step, string TargetId, string Withdrawn, string Reason, IReadOnlyList<TeamEmission> Emissions, string? Replacer);

/// <summary>
/// A target that cannot be sampled (closed, product not available) replaced by its stratum's next unused ordered
/// alternate (none left: null), with the reason; the alternate's team is formed from its pool's stream.
/// </summary>
public sealed record AlternateUse(int Step, string Stratum, string Replaced, string Reason, string? Alternate);

/// <summary>The target draw of a frame read as a stream (<see cref="StreamingDraw"/>): what <see cref="Drawing.Run(DrawInputs)"/> would select.</summary>
internal sealed record TargetSelection(IReadOnlyList<StratumQuota> Quotas, IReadOnlyList<Pick> Picks, IReadOnlyList<Pick> Alternates);

public sealed record DrawResult(
    IReadOnlyList<StratumQuota> Quotas,
    IReadOnlyList<Pick> Picks,
    IReadOnlyList<Pick> Alternates,
    IReadOnlyList<Team> Teams,
    IReadOnlyList<PoolPosition> Pools,
    IReadOnlyList<Replacement> Replacements,
    IReadOnlyList<AlternateUse> AlternateUses);

/// <summary>The rules an emission can fail, as recorded.</summary>
public static class TeamRule
{
    public const string AlreadyOnTeam = "already on this team";
    public const string NoCapacity = "no capacity left";
    public const string DeclaredConflict = "recused by declared conflict";
    public const string InspectedWithinPeriod = "inspected within the period";
    public const string OneUnit = "all from one unit";
    public const string DepartmentMissing = "department missing from the team";
    public const string Withdrew = "withdrew from this team";
    public const string Complete = "complete";
    public const string NoEligibleTeam = "no eligible team";
    public const string TargetReplaced = "target replaced by an alternate";
}

/// <summary>Runs sections 4 and 5 of draw/spec/draw-spec.md; a <see cref="DrawSession"/> keeps the streams for later replacements.</summary>
public static class Drawing
{
    public static DrawSession Run(DrawInputs inputs) => new(inputs);

    /// <summary>
    /// The draw with its targets already selected from a streamed frame (<see cref="TargetSelection"/>): the teams and
    /// everything after them as <see cref="Run(DrawInputs)"/> makes them; <see cref="DrawInputs.Targets"/> is not read.
    /// </summary>
    internal static DrawSession Run(DrawInputs inputs, TargetSelection targets) => new(inputs, targets);

    /// <summary>
    /// Why a joint draw's departments cannot be drawn under (null: they can, or there are none): each needs an id, a name
    /// and units; ids unique; no unit in two departments (a member would count for both); at most one department per seat.
    /// </summary>
    public static string? DepartmentsProblem(TeamRules rules)
    {
        if (rules.Departments is not { } departments)
        {
            return null;
        }

        if (departments.Count == 0)
        {
            return "the joint draw's departments are empty (leave them out for a single department's draw)";
        }

        if (departments.Count > rules.Size)
        {
            return $"{departments.Count} departments cannot each have a member on teams of {rules.Size}";
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var department in departments)
        {
            if (department is null || string.IsNullOrEmpty(department.Id) || string.IsNullOrEmpty(department.Name))
            {
                return "every department needs an id and a name";
            }

            if (!ids.Add(department.Id))
            {
                return $"department '{department.Id}' is listed twice";
            }

            if (department.Units is not { Count: > 0 } || department.Units.Any(string.IsNullOrEmpty))
            {
                return $"department '{department.Id}' has no units (an inspector is of a department by his unit)";
            }

            foreach (var unit in department.Units)
            {
                if (units.TryGetValue(unit, out var other) && other != department.Id)
                {
                    return $"unit '{unit}' is in departments '{other}' and '{department.Id}'";
                }

                units[unit] = department.Id;
            }
        }

        return null;
    }

    /// <summary>Per inspector row, the index of its department in <paramref name="departments"/>, or −1 (of none).</summary>
    public static int[] DepartmentOf(IReadOnlyList<InspectorRow> inspectors, IReadOnlyList<TeamDepartment> departments)
    {
        var byUnit = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < departments.Count; d++)
        {
            foreach (var unit in departments[d].Units)
            {
                byUnit.TryAdd(unit, d);
            }
        }

        return [.. inspectors.Select(i => byUnit.TryGetValue(i.Unit, out var d) ? d : -1)];
    }

    /// <summary>Which enterprise a target id names: "ENT|X" and "BATCH|X|…" name X; any other id names itself.</summary>
    public static string EnterpriseOf(string targetId)
    {
        var first = targetId.IndexOf('|', StringComparison.Ordinal);
        if (first < 0)
        {
            return targetId;
        }

        var second = targetId.IndexOf('|', first + 1);
        return targetId[(first + 1)..(second < 0 ? targetId.Length : second)];
    }
}

public sealed class DrawSession
{
    private readonly DrawInputs _inputs;
    /// <summary>The inspector frame's rows, and each id's index in it: the load, conflicts and inspections are kept by index.</summary>
    private readonly InspectorRow[] _inspectors;
    private readonly Dictionary<string, int> _inspectorIndex;
    private readonly int[] _load;
    private readonly SortedDictionary<string, (string[] Members, ReplacementStream? Stream)> _pools = new(StringComparer.Ordinal);
    private readonly List<Team> _teams = [];
    private readonly List<Replacement> _replacements = [];
    private readonly List<AlternateUse> _alternateUses = [];
    private readonly HashSet<string> _usedAlternates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StratumKey> _strata = new(StringComparer.Ordinal);
    private readonly HashSet<(string Target, string Inspector)> _withdrawn = [];
    /// <summary>Per inspector (by index): the enterprises and target ids of the declared conflicts, or null.</summary>
    private readonly HashSet<string>?[] _conflicts;

    /// <summary>A joint draw's department (index) of each inspector (by index), −1 for none; null when the draw is not joint.</summary>
    private readonly int[]? _departments;

    /// <summary>Per inspector (by index): the dates of the past inspections of each enterprise or target id, or null.</summary>
    private readonly Dictionary<string, List<DateOnly>>?[] _inspections;
    private readonly string _inspectorSeed;
    private readonly IReadOnlyList<StratumQuota> _quotas;
    private readonly IReadOnlyList<Pick> _picks;
    private readonly IReadOnlyList<Pick> _alternates;

    internal DrawSession(DrawInputs inputs, TargetSelection? targets = null)
    {
        _inputs = inputs;
        Quotas.Check(inputs.Rules.Quotas);
        if (inputs.Rules.Teams.Size < 2 || inputs.Rules.Teams.EmissionsPerSlotPerMember < 1 || inputs.Rules.Teams.InspectedWithinDays < 0)
        {
            throw new ArgumentException("team size must be at least 2, the emission bound at least 1 per member, the period not negative");
        }

        if (Drawing.DepartmentsProblem(inputs.Rules.Teams) is { } departmentsProblem)
        {
            throw new ArgumentException(departmentsProblem);
        }

        _inspectors = [.. inputs.Inspectors.Rows];
        _inspectorIndex = new(_inspectors.Length, StringComparer.Ordinal);
        for (var i = 0; i < _inspectors.Length; i++)
        {
            _inspectorIndex.Add(_inspectors[i].Id, i);
        }

        _load = new int[_inspectors.Length];
        _departments = inputs.Rules.Teams.Departments is { } joint ? Drawing.DepartmentOf(_inspectors, joint) : null;
        _conflicts = new HashSet<string>?[_inspectors.Length];
        foreach (var conflict in inputs.Conflicts)
        {
            // A conflict of an inspector outside the frame can never apply: no stream emits him.
            if (conflict.InspectorId is { } id && _inspectorIndex.TryGetValue(id, out var i))
            {
                (_conflicts[i] ??= new(StringComparer.Ordinal)).Add(conflict.Enterprise);
            }
        }

        _inspections = new Dictionary<string, List<DateOnly>>?[_inspectors.Length];
        foreach (var inspection in inputs.Inspections)
        {
            if (inspection.InspectorId is { } id && inspection.Enterprise is not null && _inspectorIndex.TryGetValue(id, out var i))
            {
                var byEnterprise = _inspections[i] ??= new(StringComparer.Ordinal);
                if (!byEnterprise.TryGetValue(inspection.Enterprise, out var dates))
                {
                    byEnterprise.Add(inspection.Enterprise, dates = []);
                }

                dates.Add(inspection.Date);
            }
        }

        _inspectorSeed = Seeds.Inspectors(inputs.DrawId, inputs.Inspectors.Sha256, inputs.Entropy);

        // A verifier that streamed the target frame brings its selection; otherwise it is drawn from the rows held.
        var (quotas, picks, alternates) = targets ?? Select(inputs);
        _quotas = quotas;
        _picks = picks;
        _alternates = alternates;

        // Teams: every pick in ascending ticket order across all pools (ties by id), so no pool goes first for capacity.
        var ordered = picks.OrderBy(p => p.Ticket, StringComparer.Ordinal).ThenBy(p => p.Id, StringComparer.Ordinal).ToArray();
        PreparePools(ordered);
        foreach (var pick in ordered)
        {
            _teams.Add(FormTeam(pick));
        }
    }

    private static TargetSelection Select(DrawInputs inputs)
    {
        var (quotas, picks, alternates) = TargetDraw.Run(inputs.Targets.Rows, Seeds.Targets(inputs.DrawId, inputs.Targets.Sha256, inputs.Entropy), inputs.Rules.Quotas);
        return new(quotas, picks, alternates);
    }

    /// <summary>
    /// Makes the stream of every pool the picks need and computes ahead, on every core, about as many emissions as their
    /// teams will take. A stream's emissions do not depend on which are accepted, so this changes nothing but the time:
    /// the teams still take them one by one, in order, and a stream goes on computing when its emissions ahead run out.
    /// </summary>
    private void PreparePools(Pick[] ordered)
    {
        var needs = ordered.GroupBy(p => StratumKey.Parse(p.Stratum).Pool, StringComparer.Ordinal).Select(g => (Pool: g.Key, Picks: g.Count())).ToArray();
        var prepared = new (string[] Members, ReplacementStream? Stream)[needs.Length];
        var size = _inputs.Rules.Teams.Size;
        Cores.For(needs.Length, Cores.Worth(ordered.Length, 1000, needs.Length), k =>
        {
            var members = PoolMembers(needs[k].Pool);
            var stream = members.Length == 0 ? null : new ReplacementStream(members, Seeds.Pool(_inspectorSeed, needs[k].Pool));
            stream?.Prefetch(size * needs[k].Picks * 9 / 8);
            prepared[k] = (members, stream);
        });

        for (var k = 0; k < needs.Length; k++)
        {
            _pools[needs[k].Pool] = prepared[k];
        }
    }

    public DrawResult Result => new(
        _quotas,
        _picks,
        _alternates,
        _teams.ToArray(),
        _pools.Select(p => new PoolPosition(p.Key, p.Value.Members, p.Value.Stream?.Position ?? 0)).ToArray(),
        _replacements.ToArray(),
        _alternateUses.ToArray());

    /// <summary>
    /// Replaces a withdrawn member of a target's team by continuing the pool's stream from where it stopped, under the same
    /// rules (the withdrawn inspector is never taken again for this target; his capacity is given back).
    /// </summary>
    public Replacement Replace(string targetId, string inspectorId, string reason)
    {
        var index = _teams.FindIndex(t => t.TargetId == targetId);
        if (index < 0)
        {
            throw new ArgumentException($"target '{targetId}' has no team in this draw");
        }

        var team = _teams[index];
        if (team.Status == TeamRule.TargetReplaced)
        {
            throw new ArgumentException($"target '{targetId}' was replaced by an alternate");
        }

        if (!team.Members.Contains(inspectorId))
        {
            throw new ArgumentException($"inspector '{inspectorId}' is not on the team of '{targetId}'");
        }

        _withdrawn.Add((targetId, inspectorId));
        _load[_inspectorIndex[inspectorId]]--;
        var members = team.Members.Where(m => m != inspectorId).ToList();
        var emissions = new List<TeamEmission>();
        var replacer = FillSlot(team.Pool, targetId, members, emissions);
        if (replacer is not null)
        {
            members.Add(replacer);
        }

        _teams[index] = team with { Members = members, Status = members.Count == _inputs.Rules.Teams.Size ? TeamRule.Complete : TeamRule.NoEligibleTeam };
        var replacement = new Replacement(_replacements.Count + _alternateUses.Count + 1, targetId, inspectorId, reason, emissions, replacer);
        _replacements.Add(replacement);
        return replacement;
    }

    /// <summary>
    /// Fills one empty seat of a short team (a team the draw or a replacement left with fewer members than its size) by
    /// continuing the pool's stream under the same rules but one: an inspector's capacity (the department's planning
    /// figure) may be exceeded, since a sampling needs its two inspectors and the stream, not a person, picks who. Recorded
    /// as a replacement of nobody (<see cref="Replacement.Withdrawn"/> empty). Throws when the team is not short or no
    /// member of the pool may join it.
    /// </summary>
    public Replacement Complete(string targetId, string reason)
    {
        var index = _teams.FindIndex(t => t.TargetId == targetId);
        if (index < 0)
        {
            throw new ArgumentException($"target '{targetId}' has no team in this draw");
        }

        var team = _teams[index];
        if (team.Status == TeamRule.TargetReplaced)
        {
            throw new ArgumentException($"target '{targetId}' was replaced by an alternate");
        }

        if (team.Members.Count >= _inputs.Rules.Teams.Size)
        {
            throw new ArgumentException($"the team of '{targetId}' is complete ({team.Members.Count} members)");
        }

        var members = team.Members.ToList();
        var emissions = new List<TeamEmission>();
        var filler = FillSlot(team.Pool, targetId, members, emissions, capacityBinds: false)
            ?? throw new ArgumentException($"no inspector of pool {team.Pool} may join the team of '{targetId}' (recusals, conflicts, the one-unit rule): the pool needs more inspectors");
        members.Add(filler);
        _teams[index] = team with { Members = members, Status = members.Count == _inputs.Rules.Teams.Size ? TeamRule.Complete : TeamRule.NoEligibleTeam };
        var completion = new Replacement(_replacements.Count + _alternateUses.Count + 1, targetId, string.Empty, reason, emissions, filler);
        _replacements.Add(completion);
        return completion;
    }

    /// <summary>
    /// A drawn target (or an alternate already used) cannot be sampled: the stratum's next unused alternate, in ticket
    /// order, takes its place and gets a team from its pool's stream; the replaced target's team is released (capacity
    /// given back).
    /// </summary>
    public AlternateUse UseAlternate(string targetId, string reason)
    {
        var index = _teams.FindIndex(t => t.TargetId == targetId);
        if (index < 0)
        {
            throw new ArgumentException($"target '{targetId}' has no team in this draw");
        }

        var team = _teams[index];
        if (team.Status == TeamRule.TargetReplaced)
        {
            throw new ArgumentException($"target '{targetId}' was already replaced by an alternate");
        }

        foreach (var member in team.Members)
        {
            _load[_inspectorIndex[member]]--;
        }

        _teams[index] = team with { Status = TeamRule.TargetReplaced };
        var alternate = _alternates.FirstOrDefault(a => a.Stratum == team.Stratum && !_usedAlternates.Contains(a.Id));
        if (alternate is not null)
        {
            _usedAlternates.Add(alternate.Id);
            _teams.Add(FormTeam(alternate));
        }

        var use = new AlternateUse(_replacements.Count + _alternateUses.Count + 1, team.Stratum, targetId, reason, alternate?.Id);
        _alternateUses.Add(use);
        return use;
    }

    private Team FormTeam(Pick pick)
    {
        if (!_strata.TryGetValue(pick.Stratum, out var stratum))
        {
            _strata.Add(pick.Stratum, stratum = StratumKey.Parse(pick.Stratum));
        }

        var members = new List<string>();
        var emissions = new List<TeamEmission>();
        while (members.Count < _inputs.Rules.Teams.Size)
        {
            var accepted = FillSlot(stratum.Pool, pick.Id, members, emissions);
            if (accepted is null)
            {
                return new Team(pick.Id, pick.Stratum, stratum.Pool, members, emissions, TeamRule.NoEligibleTeam);
            }

            members.Add(accepted);
        }

        return new Team(pick.Id, pick.Stratum, stratum.Pool, members, emissions, TeamRule.Complete);
    }

    /// <summary>Consumes emissions until one is accepted (returned) or the bound is reached (null).</summary>
    private string? FillSlot(string poolKey, string targetId, List<string> members, List<TeamEmission> emissions, bool capacityBinds = true)
    {
        var stream = Stream(poolKey);
        if (stream is null)
        {
            return null;
        }

        var enterprise = Drawing.EnterpriseOf(targetId);
        var bound = _inputs.Rules.Teams.EmissionsPerSlotPerMember * stream.Count;
        for (var n = 0; n < bound; n++)
        {
            var emission = stream.Next();
            var inspector = _inspectorIndex[emission.Id];
            var rule = Refusal(inspector, emission.Id, targetId, enterprise, members, capacityBinds);
            emissions.Add(new TeamEmission(emission.Id, emission.Ticket, emission.Generation, rule is null, rule));
            if (rule is null)
            {
                _load[inspector]++;
                return emission.Id;
            }
        }

        return null;
    }

    /// <summary>The first rule the emission fails, in the documented order (draw/README.md), or null: accepted.</summary>
    private string? Refusal(int index, string inspectorId, string targetId, string enterprise, List<string> members, bool capacityBinds)
    {
        var inspector = _inspectors[index];
        if (members.Contains(inspectorId))
        {
            return TeamRule.AlreadyOnTeam;
        }

        if (_withdrawn.Count > 0 && _withdrawn.Contains((targetId, inspectorId)))
        {
            return TeamRule.Withdrew;
        }

        if (capacityBinds && _load[index] >= inspector.Capacity)
        {
            return TeamRule.NoCapacity;
        }

        if (_conflicts[index] is { } declared && (declared.Contains(enterprise) || declared.Contains(targetId)))
        {
            return TeamRule.DeclaredConflict;
        }

        var days = _inputs.Rules.Teams.InspectedWithinDays;
        if (days > 0 && _inspections[index] is { } inspected
            && (InspectedWithin(inspected, enterprise, days) || (enterprise != targetId && InspectedWithin(inspected, targetId, days))))
        {
            return TeamRule.InspectedWithinPeriod;
        }

        if (_inputs.Rules.Teams.ForbidSingleUnit && members.Count == _inputs.Rules.Teams.Size - 1
            && members.All(m => _inspectors[_inspectorIndex[m]].Unit == inspector.Unit))
        {
            return TeamRule.OneUnit;
        }

        if (_departments is not null && MissingDepartments(index, members) > _inputs.Rules.Teams.Size - members.Count - 1)
        {
            return TeamRule.DepartmentMissing;
        }

        return null;
    }

    /// <summary>How many departments of a joint draw the team would still miss with this inspector on it.</summary>
    private int MissingDepartments(int index, List<string> members)
    {
        var count = _inputs.Rules.Teams.Departments!.Count;
        Span<bool> present = count <= 64 ? stackalloc bool[count] : new bool[count];
        var missing = count;
        for (var m = 0; m <= members.Count; m++)
        {
            var d = _departments![m < members.Count ? _inspectorIndex[members[m]] : index];
            if (d >= 0 && !present[d])
            {
                present[d] = true;
                missing--;
            }
        }

        return missing;
    }

    /// <summary>Whether one of an inspector's inspections of <paramref name="enterprise"/> is dated in [draw date − days, draw date].</summary>
    private bool InspectedWithin(Dictionary<string, List<DateOnly>> inspected, string enterprise, int days)
    {
        if (!inspected.TryGetValue(enterprise, out var dates))
        {
            return false;
        }

        var from = _inputs.DrawDate.AddDays(-days);
        foreach (var date in dates)
        {
            if (date <= _inputs.DrawDate && date >= from)
            {
                return true;
            }
        }

        return false;
    }

    private ReplacementStream? Stream(string poolKey)
    {
        if (!_pools.TryGetValue(poolKey, out var pool))
        {
            var members = PoolMembers(poolKey);
            pool = (members, members.Length == 0 ? null : new ReplacementStream(members, Seeds.Pool(_inspectorSeed, poolKey)));
            _pools[poolKey] = pool;
        }

        return pool.Stream;
    }

    /// <summary>The pool's inspectors: those of the frame who cover its region and are qualified for its category, in frame order.</summary>
    private string[] PoolMembers(string poolKey)
    {
        var key = StratumKey.Parse(poolKey + "|-");
        return _inputs.Inspectors.Rows
            .Where(r => r.Regions.Contains(key.Region, StringComparer.Ordinal) && r.Qualifications.Contains(key.Category, StringComparer.Ordinal))
            .Select(r => r.Id)
            .ToArray();
    }
}
