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
        var enterprise = EnterpriseSpanOf(targetId);
        return enterprise.Length == targetId.Length ? targetId : enterprise.ToString();
    }

    /// <summary><see cref="EnterpriseOf"/> without a new string: the whole id when it names itself.</summary>
    internal static ReadOnlySpan<char> EnterpriseSpanOf(string targetId)
    {
        var first = targetId.IndexOf('|', StringComparison.Ordinal);
        if (first < 0)
        {
            return targetId;
        }

        var second = targetId.IndexOf('|', first + 1);
        return targetId.AsSpan((first + 1)..(second < 0 ? targetId.Length : second));
    }
}

public sealed class DrawSession
{
    private readonly DrawInputs _inputs;
    /// <summary>The inspector frame's rows, and each id's index in it: the load, conflicts and inspections are kept by index.</summary>
    private readonly InspectorRow[] _inspectors;
    private readonly Dictionary<string, int> _inspectorIndex;
    private readonly int[] _load;
    private readonly int[] _capacity;

    /// <summary>Per inspector (by index): his unit as a number, so the one-unit rule compares numbers.</summary>
    private readonly int[] _unit;

    /// <summary>Per region: the inspectors (indexes, in frame order) who cover it; a pool's members are found among them.</summary>
    private readonly Dictionary<string, List<int>> _coveringRegion = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Pool> _pools = new(StringComparer.Ordinal);

    /// <summary>Each stratum's pool key, parsed once.</summary>
    private readonly Dictionary<string, string> _poolOfStratum = new(StringComparer.Ordinal);
    private readonly List<Team> _teams = [];
    private readonly List<Replacement> _replacements = [];
    private readonly List<AlternateUse> _alternateUses = [];

    /// <summary>The team being formed (members by index, emissions consumed), reused from team to team.</summary>
    private readonly (List<int> Members, List<TeamEmission> Emissions) _forming = ([], []);
    private readonly HashSet<string> _usedAlternates = new(StringComparer.Ordinal);
    private readonly HashSet<(string Target, string Inspector)> _withdrawn = [];

    /// <summary>Per enterprise or target id: the inspectors (indexes) who declared a conflict with it.</summary>
    private readonly Dictionary<string, int[]> _declared;

    /// <summary>A joint draw's department (index) of each inspector (by index), −1 for none; null when the draw is not joint.</summary>
    private readonly int[]? _departments;

    /// <summary>
    /// Per enterprise or target id: the inspectors (indexes) who inspected it on a date in [draw date − days, draw date];
    /// empty when the rule is off. The draw date and the period are the session's, so this is known before any team.
    /// </summary>
    private readonly Dictionary<string, int[]> _inspectedWithin;
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
        _capacity = [.. _inspectors.Select(i => i.Capacity)];
        var units = new Dictionary<string, int>(StringComparer.Ordinal);
        _unit = [.. _inspectors.Select(i => units.TryGetValue(i.Unit, out var u) ? u : units[i.Unit] = units.Count)];
        for (var i = 0; i < _inspectors.Length; i++)
        {
            foreach (var region in _inspectors[i].Regions.Distinct(StringComparer.Ordinal))
            {
                if (!_coveringRegion.TryGetValue(region, out var covering))
                {
                    _coveringRegion.Add(region, covering = []);
                }

                covering.Add(i);
            }
        }

        _departments = inputs.Rules.Teams.Departments is { } joint ? Drawing.DepartmentOf(_inspectors, joint) : null;

        // A conflict or an inspection of an inspector outside the frame can never apply: no stream emits him.
        _declared = ByEnterprise(inputs.Conflicts.Select(c => (c.InspectorId, c.Enterprise)));
        var days = inputs.Rules.Teams.InspectedWithinDays;
        var from = inputs.DrawDate.AddDays(-days);
        _inspectedWithin = ByEnterprise(days == 0 ? [] : inputs.Inspections
            .Where(i => i.Date <= inputs.DrawDate && i.Date >= from)
            .Select(i => (i.InspectorId, i.Enterprise)));

        _inspectorSeed = Seeds.Inspectors(inputs.DrawId, inputs.Inspectors.Sha256, inputs.Entropy);

        // A verifier that streamed the target frame brings its selection; otherwise it is drawn from the rows held.
        var (quotas, picks, alternates) = targets ?? Select(inputs);
        _quotas = quotas;
        _picks = picks;
        _alternates = alternates;

        // Teams: every pick in ascending ticket order across all pools (ties by id), so no pool goes first for capacity.
        // Sorted by the tickets' leads, as the streams' queues are: the texts are compared only when two leads are equal.
        var ordered = picks.ToArray();
        Array.Sort([.. ordered.Select(p => ReplacementStream.Ranked.Of(p.Ticket, p.Id))], ordered);
        PreparePools(ordered);
        foreach (var pick in ordered)
        {
            _teams.Add(FormTeam(pick));
        }
    }

    /// <summary>Per enterprise or target id, the inspectors (indexes in the frame) of the given pairs; ids outside the frame left out.</summary>
    private Dictionary<string, int[]> ByEnterprise(IEnumerable<(string InspectorId, string Enterprise)> pairs)
    {
        var byEnterprise = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var (id, enterprise) in pairs)
        {
            if (id is not null && enterprise is not null && _inspectorIndex.TryGetValue(id, out var i))
            {
                if (!byEnterprise.TryGetValue(enterprise, out var inspectors))
                {
                    byEnterprise.Add(enterprise, inspectors = []);
                }

                inspectors.Add(i);
            }
        }

        return byEnterprise.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
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
        var needs = ordered.GroupBy(p => PoolKeyOf(p.Stratum), StringComparer.Ordinal).Select(g => (Pool: g.Key, Picks: g.Count())).ToArray();
        var prepared = new Pool[needs.Length];
        var size = _inputs.Rules.Teams.Size;
        Cores.For(needs.Length, Cores.Worth(ordered.Length, 1000, needs.Length), k =>
        {
            var pool = NewPool(needs[k].Pool);
            pool.Stream?.Prefetch(size * needs[k].Picks * 9 / 8);
            prepared[k] = pool;
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
        _pools.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new PoolPosition(p.Key, p.Value.Members, p.Value.Stream?.Position ?? 0)).ToArray(),
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
        var members = team.Members.Where(m => m != inspectorId).Select(m => _inspectorIndex[m]).ToList();
        var emissions = new List<TeamEmission>();
        var replacer = FillSlot(PoolAt(team.Pool), targetId, Recused(targetId), members, emissions);
        if (replacer >= 0)
        {
            members.Add(replacer);
        }

        _teams[index] = team with { Members = Ids(members), Status = members.Count == _inputs.Rules.Teams.Size ? TeamRule.Complete : TeamRule.NoEligibleTeam };
        var replacement = new Replacement(_replacements.Count + _alternateUses.Count + 1, targetId, inspectorId, reason, emissions, replacer >= 0 ? _inspectors[replacer].Id : null);
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

        var members = team.Members.Select(m => _inspectorIndex[m]).ToList();
        var emissions = new List<TeamEmission>();
        var filler = FillSlot(PoolAt(team.Pool), targetId, Recused(targetId), members, emissions, capacityBinds: false);
        if (filler < 0)
        {
            throw new ArgumentException($"no inspector of pool {team.Pool} may join the team of '{targetId}' (recusals, conflicts, the one-unit rule): the pool needs more inspectors");
        }

        members.Add(filler);
        _teams[index] = team with { Members = Ids(members), Status = members.Count == _inputs.Rules.Teams.Size ? TeamRule.Complete : TeamRule.NoEligibleTeam };
        var completion = new Replacement(_replacements.Count + _alternateUses.Count + 1, targetId, string.Empty, reason, emissions, _inspectors[filler].Id);
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
        var poolKey = PoolKeyOf(pick.Stratum);
        var pool = PoolAt(poolKey);
        var recused = Recused(pick.Id);
        var members = _forming.Members;
        var emissions = _forming.Emissions;
        members.Clear();
        emissions.Clear();
        var status = TeamRule.Complete;
        while (members.Count < _inputs.Rules.Teams.Size)
        {
            var accepted = FillSlot(pool, pick.Id, recused, members, emissions);
            if (accepted < 0)
            {
                status = TeamRule.NoEligibleTeam;
                break;
            }

            members.Add(accepted);
        }

        // Arrays of the exact size: every team of the draw is kept, and lists would hold a spare array each.
        return new Team(pick.Id, pick.Stratum, poolKey, Ids(members), emissions.ToArray(), status);
    }

    /// <summary>The members' ids, in the order they joined.</summary>
    private string[] Ids(List<int> members)
    {
        var ids = new string[members.Count];
        for (var m = 0; m < ids.Length; m++)
        {
            ids[m] = _inspectors[members[m]].Id;
        }

        return ids;
    }

    /// <summary>The inspectors recused from a target (by a declared conflict, by an inspection within the period), looked up once for its team.</summary>
    private Recusals Recused(string targetId) => new(RecusedIn(_declared, targetId), RecusedIn(_inspectedWithin, targetId));

    /// <summary>In one table, the enterprise's and the target id's own (an id that names no enterprise is its own enterprise).</summary>
    private static int[] RecusedIn(Dictionary<string, int[]> byEnterprise, string targetId)
    {
        if (byEnterprise.Count == 0)
        {
            return [];
        }

        var enterprise = Drawing.EnterpriseSpanOf(targetId);
        byEnterprise.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(enterprise, out var ofEnterprise);
        var ofTarget = enterprise.Length == targetId.Length ? null : byEnterprise.GetValueOrDefault(targetId);
        return ofTarget is null ? ofEnterprise ?? [] : ofEnterprise is null ? ofTarget : [.. ofEnterprise, .. ofTarget];
    }

    /// <summary>Consumes emissions until one is accepted (its inspector's index returned) or the bound is reached (−1).</summary>
    private int FillSlot(Pool pool, string targetId, Recusals recused, List<int> members, List<TeamEmission> emissions, bool capacityBinds = true)
    {
        if (pool.Stream is not { } stream)
        {
            return -1;
        }

        var bound = _inputs.Rules.Teams.EmissionsPerSlotPerMember * stream.Count;
        for (var n = 0; n < bound; n++)
        {
            var emission = stream.NextEmitted();
            var inspector = pool.Inspectors[emission.Member];
            var rule = Refusal(inspector, targetId, recused, members, capacityBinds);
            emissions.Add(new TeamEmission(emission.Id, emission.Ticket, emission.Generation, rule is null, rule));
            if (rule is null)
            {
                _load[inspector]++;
                return inspector;
            }
        }

        return -1;
    }

    /// <summary>The first rule the emission of inspector <paramref name="index"/> fails, in the documented order (draw/README.md), or null: accepted.</summary>
    private string? Refusal(int index, string targetId, Recusals recused, List<int> members, bool capacityBinds)
    {
        if (members.Contains(index))
        {
            return TeamRule.AlreadyOnTeam;
        }

        if (_withdrawn.Count > 0 && _withdrawn.Contains((targetId, _inspectors[index].Id)))
        {
            return TeamRule.Withdrew;
        }

        if (capacityBinds && _load[index] >= _capacity[index])
        {
            return TeamRule.NoCapacity;
        }

        if (recused.Declared.AsSpan().Contains(index))
        {
            return TeamRule.DeclaredConflict;
        }

        if (recused.InspectedWithin.AsSpan().Contains(index))
        {
            return TeamRule.InspectedWithinPeriod;
        }

        if (_inputs.Rules.Teams.ForbidSingleUnit && members.Count == _inputs.Rules.Teams.Size - 1 && AllOfUnit(members, _unit[index]))
        {
            return TeamRule.OneUnit;
        }

        if (_departments is not null && MissingDepartments(index, members) > _inputs.Rules.Teams.Size - members.Count - 1)
        {
            return TeamRule.DepartmentMissing;
        }

        return null;
    }

    private bool AllOfUnit(List<int> members, int unit)
    {
        foreach (var member in members)
        {
            if (_unit[member] != unit)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How many departments of a joint draw the team would still miss with this inspector on it.</summary>
    private int MissingDepartments(int index, List<int> members)
    {
        var count = _inputs.Rules.Teams.Departments!.Count;
        Span<bool> present = count <= 64 ? stackalloc bool[count] : new bool[count];
        var missing = count;
        for (var m = 0; m <= members.Count; m++)
        {
            var d = _departments![m < members.Count ? members[m] : index];
            if (d >= 0 && !present[d])
            {
                present[d] = true;
                missing--;
            }
        }

        return missing;
    }

    private string PoolKeyOf(string stratum)
    {
        if (!_poolOfStratum.TryGetValue(stratum, out var pool))
        {
            _poolOfStratum.Add(stratum, pool = StratumKey.Parse(stratum).Pool);
        }

        return pool;
    }

    private Pool PoolAt(string poolKey)
    {
        if (!_pools.TryGetValue(poolKey, out var pool))
        {
            _pools.Add(poolKey, pool = NewPool(poolKey));
        }

        return pool;
    }

    private Pool NewPool(string poolKey)
    {
        var inspectors = PoolMembers(poolKey);
        string[] members = [.. inspectors.Select(i => _inspectors[i].Id)];
        return new(members, inspectors, members.Length == 0 ? null : new ReplacementStream(members, Seeds.Pool(_inspectorSeed, poolKey)));
    }

    /// <summary>The pool's inspectors (indexes): those of the frame who cover its region and are qualified for its category, in frame order.</summary>
    private int[] PoolMembers(string poolKey)
    {
        var key = StratumKey.Parse(poolKey + "|-");
        return _coveringRegion.TryGetValue(key.Region, out var covering)
            ? [.. covering.Where(i => _inspectors[i].Qualifications.Contains(key.Category, StringComparer.Ordinal))]
            : [];
    }

    /// <summary>A pool's members (ids in frame order, and each one's index in the inspector frame) and its stream (none for no members).</summary>
    private sealed record Pool(string[] Members, int[] Inspectors, ReplacementStream? Stream);

    /// <summary>The inspectors (indexes) recused from one target: by a declared conflict, by an inspection within the period.</summary>
    private readonly record struct Recusals(int[] Declared, int[] InspectedWithin);
}
