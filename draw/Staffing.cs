namespace Samples.Draw;

/// <summary>
/// One pool (region|category) of a committed draw: the teams its strata's quotas need, the seats that makes, and what
/// the inspector frame offers: members, units, capacity (each member's capacity, at most one seat per team), and the
/// problems that keep its teams from being staffed (empty when there are none).
/// </summary>
public sealed record PoolStaffing(string Pool, int Teams, int SeatsNeeded, int Members, int Units, int Capacity, IReadOnlyList<string> Problems);

/// <summary>Whether a draw's teams can all be staffed, pool by pool (<see cref="Staffing.Of"/>).</summary>
public sealed record StaffingReport(IReadOnlyList<PoolStaffing> Pools)
{
    public IReadOnlyList<PoolStaffing> ShortPools => [.. Pools.Where(p => p.Problems.Count > 0)];

    public bool CanStaffEveryTeam => ShortPools.Count == 0;

    /// <summary>The short pools in one line each, for a refusal or the log.</summary>
    public string Describe() => string.Join("; ", ShortPools.Select(p => $"{p.Pool}: {string.Join(", ", p.Problems)}"));
}

/// <summary>
/// What a commitment publishes when its supervisor allowed teams that cannot all be staffed: the rule, and the pools
/// found short at the commitment. Absent from a commitment that could staff every team.
/// </summary>
public sealed record StaffingShortfall(string Rule, IReadOnlyList<PoolStaffing> Pools)
{
    public const string AllowShortTeams = "allow-short-teams";
}

/// <summary>
/// Before any randomness exists, whether the quotas' teams can be staffed from the inspector frame: a pool needs as many
/// members as a team has, two units where a team may not be of one unit, and enough capacity. Capacity is shared by
/// pools whose inspectors cover several regions or categories, so the seats are assigned as a maximum flow (pools →
/// inspectors, an inspector taking at most one seat per team of a pool and at most his capacity in all). The flow's
/// value is the same whichever way it is computed, but not how it splits among pools that share inspectors; so a
/// shortfall is reported for each group of pools linked by shared inspectors, which any implementation finds alike. A draw can still leave a team short after a feasible check (recusals
/// are per target, and teams are formed in ticket order); those are completed after the draw.
/// </summary>
public static class Staffing
{
    public static StaffingReport Of(IReadOnlyList<InspectorRow> inspectors, IReadOnlyList<StratumQuota> quotas, TeamRules teams)
    {
        var needs = quotas.Where(q => q.Quota > 0)
            .GroupBy(q => StratumKey.Parse(q.Stratum).Pool, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Pool: g.Key, Key: StratumKey.Parse(g.Key + "|-"), Teams: g.Sum(q => q.Quota)))
            .ToArray();
        var members = needs.Select(n => inspectors
            .Select((row, index) => (row, index))
            .Where(x => x.row.Regions.Contains(n.Key.Region, StringComparer.Ordinal) && x.row.Qualifications.Contains(n.Key.Category, StringComparer.Ordinal))
            .ToArray()).ToArray();
        var filled = MaxFlow(needs.Select(n => n.Teams * teams.Size).ToArray(), members.Select(m => m.Select(x => x.index).ToArray()).ToArray(),
            needs.Select(n => n.Teams).ToArray(), inspectors.Select(i => i.Capacity).ToArray());

        var group = Groups(members.Select(m => m.Select(x => x.index).ToArray()).ToArray(), inspectors.Count);
        var pools = new PoolStaffing[needs.Length];
        for (var p = 0; p < needs.Length; p++)
        {
            var (pool, _, teamCount) = needs[p];
            var seats = teamCount * teams.Size;
            var units = members[p].Select(x => x.row.Unit).Distinct(StringComparer.Ordinal).Count();
            var capacity = members[p].Sum(x => Math.Min(x.row.Capacity, teamCount));
            var problems = new List<string>();
            if (members[p].Length < teams.Size)
            {
                problems.Add($"{members[p].Length} inspector(s) for teams of {teams.Size}");
            }

            if (teams.ForbidSingleUnit && teams.Size > 1 && units == 1)
            {
                problems.Add("every inspector is of one unit, and a team may not be");
            }

            if (capacity < seats)
            {
                problems.Add($"capacity for {capacity} of {seats} seats");
            }
            // A joint draw: each department needs a member in the pool, and a seat on each of its teams.
            if (teams.Departments is { Count: > 0 } departments)
            {
                var of = Drawing.DepartmentOf(inspectors, departments);
                for (var d = 0; d < departments.Count; d++)
                {
                    var own = members[p].Where(x => of[x.index] == d).ToArray();
                    if (own.Length == 0)
                    {
                        problems.Add($"no inspector of department {departments[d].Id} ({departments[d].Name})");
                    }
                    else if (own.Sum(x => Math.Min(x.row.Capacity, teamCount)) is var reach && reach < teamCount)
                    {
                        problems.Add($"department {departments[d].Id} ({departments[d].Name}): capacity for {reach} of {teamCount} teams");
                    }
                }
            }

            var linked = Enumerable.Range(0, needs.Length).Where(q => group[q] == group[p]).ToArray();
            var empty = linked.Sum(q => (needs[q].Teams * teams.Size) - filled[q]);
            if (empty > 0 && linked.Length > 1)
            {
                problems.Add($"{empty} of {linked.Sum(q => needs[q].Teams * teams.Size)} seats of pools {string.Join(", ", linked.Select(q => needs[q].Pool))} "
                    + "left empty: they share inspectors whose capacity does not reach");
            }
            else if (empty > 0 && capacity >= seats)
            {
                problems.Add($"{empty} of {seats} seats left empty");
            }

            pools[p] = new(pool, teamCount, seats, members[p].Length, units, capacity, problems);
        }

        return new(pools);
    }

    /// <summary>For each pool, the smallest pool index of the group of pools it is linked to by shared inspectors.</summary>
    private static int[] Groups(int[][] poolMembers, int people)
    {
        var group = Enumerable.Range(0, poolMembers.Length).ToArray();
        int Find(int p) => group[p] == p ? p : group[p] = Find(group[p]);
        var first = new int[people];
        Array.Fill(first, -1);
        for (var p = 0; p < poolMembers.Length; p++)
        {
            foreach (var i in poolMembers[p])
            {
                if (first[i] < 0)
                {
                    first[i] = p;
                }
                else
                {
                    var (a, b) = (Find(first[i]), Find(p));
                    group[Math.Max(a, b)] = Math.Min(a, b);
                }
            }
        }

        return [.. Enumerable.Range(0, poolMembers.Length).Select(Find)];
    }

    /// <summary>
    /// Seats filled per pool by a maximum flow: source → pool (its seats) → inspector (at most one seat per team of the
    /// pool) → sink (the inspector's capacity). Augmenting paths by breadth-first search (Edmonds–Karp); a few hundred
    /// pools and inspectors at most.
    /// </summary>
    private static int[] MaxFlow(int[] seats, int[][] poolMembers, int[] teamsPerPool, int[] capacity)
    {
        int pools = seats.Length, people = capacity.Length, source = pools + people, sink = source + 1, nodes = sink + 1;
        var edges = new List<(int To, int Capacity)>();
        var adjacency = Enumerable.Range(0, nodes).Select(_ => new List<int>()).ToArray();
        void Add(int from, int to, int c)
        {
            adjacency[from].Add(edges.Count);
            edges.Add((to, c));
            adjacency[to].Add(edges.Count);
            edges.Add((from, 0));
        }

        for (var p = 0; p < pools; p++)
        {
            Add(source, p, seats[p]);
            foreach (var i in poolMembers[p])
            {
                Add(p, pools + i, teamsPerPool[p]);
            }
        }

        for (var i = 0; i < people; i++)
        {
            Add(pools + i, sink, Math.Max(0, capacity[i]));
        }

        var flow = new int[edges.Count];

        // A greedy start fills most seats in one pass over the edges; the augmenting paths then only rebalance what
        // shared inspectors leave (a million-target draw needs tens of thousands of seats, each BFS is the whole graph).
        var left = capacity.Select(c => Math.Max(0, c)).ToArray();
        for (var p = 0; p < pools; p++)
        {
            var source_p = adjacency[source][p];
            foreach (var e in adjacency[p].Where(e => (e & 1) == 0))
            {
                var i = edges[e].To - pools;
                var push = Math.Min(Math.Min(seats[p] - flow[source_p], edges[e].Capacity), left[i]);
                if (push <= 0)
                {
                    continue;
                }

                var sinkEdge = adjacency[pools + i].First(x => (x & 1) == 0 && edges[x].To == sink);
                flow[source_p] += push;
                flow[source_p ^ 1] -= push;
                flow[e] += push;
                flow[e ^ 1] -= push;
                flow[sinkEdge] += push;
                flow[sinkEdge ^ 1] -= push;
                left[i] -= push;
            }
        }

        while (true)
        {
            var via = new int[nodes];
            Array.Fill(via, -1);
            var queue = new Queue<int>([source]);
            while (queue.Count > 0 && via[sink] < 0)
            {
                var node = queue.Dequeue();
                foreach (var e in adjacency[node])
                {
                    var to = edges[e].To;
                    if (to != source && via[to] < 0 && edges[e].Capacity - flow[e] > 0)
                    {
                        via[to] = e;
                        queue.Enqueue(to);
                    }
                }
            }

            if (via[sink] < 0)
            {
                break;
            }

            var push = int.MaxValue;
            for (var n = sink; n != source; n = edges[via[n] ^ 1].To)
            {
                push = Math.Min(push, edges[via[n]].Capacity - flow[via[n]]);
            }

            for (var n = sink; n != source; n = edges[via[n] ^ 1].To)
            {
                flow[via[n]] += push;
                flow[via[n] ^ 1] -= push;
            }
        }

        return [.. Enumerable.Range(0, pools).Select(p => flow[adjacency[source][p]])];
    }
}
