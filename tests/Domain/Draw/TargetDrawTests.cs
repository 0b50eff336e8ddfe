using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>The frame-wide target draw equals ordering each stratum by its ticket strings (draw/spec/draw-spec.md section 4, plainly).</summary>
public sealed class TargetDrawTests
{
    /// <summary>The plain reading of the spec: each stratum sorted whole by its tickets (the streaming draw is checked against it too).</summary>
    internal static (List<StratumQuota> Quotas, List<Pick> Picks, List<Pick> Alternates) Reference(IReadOnlyList<TargetRow> rows, string seed, QuotaRules rules)
    {
        var quotas = new List<StratumQuota>();
        var picks = new List<Pick>();
        var alternates = new List<Pick>();
        foreach (var stratum in rows.GroupBy(r => r.Stratum, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var ordered = Tickets.Order(stratum.Select(r => r.Id), seed);
            var quota = Quotas.For(stratum.Key, ordered.Count, rules);
            quotas.Add(quota);
            picks.AddRange(ordered.Take(quota.Quota).Select(t => new Pick(stratum.Key, t.Id, t.Ticket, 1)));
            alternates.AddRange(ordered.Skip(quota.Quota).Take(quota.Alternates).Select(t => new Pick(stratum.Key, t.Id, t.Ticket, 1)));
        }

        return (quotas, picks, alternates);
    }

    [Fact]
    public void A_large_frame_draws_as_each_stratum_ordered_by_ticket_strings_on_one_or_several_threads()
    {
        string[] strata = ["630100|cosmetics|A", "630100|cosmetics|B", "630100|cosmetics|C", "630100|cosmetics|D", "632800|drug-tablet|A", "632800|drug-tablet|C", "632800|drug-tablet|D", "632900|x|E"];
        var rows = CanonicalFrames.Targets(Enumerable.Range(0, 60_000).Select(i => new TargetRow($"ENT|9163{i:D14}|c", strata[i * 7 % 13 % strata.Length]))).Rows;
        // Small ratios (a heap keeps the smallest), a large one and "all" (the stratum is sorted), none at class E, fixed numbers.
        var rules = new QuotaRules([new("A", 0.01m), new("B", 0.3m), new("C", 0.002m)], true, [new("632800|drug-tablet|C", 0), new("632900|x|E", 5)], 3);
        var expected = Reference(rows, "seed-60k", rules);

        foreach (var single in new[] { false, true })
        {
            AppContext.SetSwitch(Cores.SingleThreadedSwitch, single);
            try
            {
                var (quotas, picks, alternates) = TargetDraw.Run(rows, "seed-60k", rules);
                quotas.Should().Equal(expected.Quotas, $"single-threaded {single}");
                picks.Should().Equal(expected.Picks, $"single-threaded {single}");
                alternates.Should().Equal(expected.Alternates, $"single-threaded {single}");
            }
            finally
            {
                AppContext.SetSwitch(Cores.SingleThreadedSwitch, false);
            }
        }
    }

    [Fact]
    public void Equal_leads_fall_back_to_the_whole_tickets_then_the_ids()
    {
        var rows = new[] { new TargetRow("a", "s|c|A"), new TargetRow("b", "s|c|A"), new TargetRow("c", "s|c|A") };
        using var hasher = new TicketHasher(Tickets.Sha256Hex("seed"));
        var order = new SmallestTickets.Order(hasher);
        var tickets = rows.Select(r => Tickets.Ticket(r.Id, "seed")).ToArray();

        // The same (made-up) lead for all: the order is that of the real ticket strings.
        for (var x = 0; x < 3; x++)
        {
            for (var y = 0; y < 3; y++)
            {
                Math.Sign(order.Compare(new(7, rows[x].Id), new(7, rows[y].Id))).Should().Be(Math.Sign(string.CompareOrdinal(tickets[x], tickets[y])), $"rows {x} and {y}");
            }
        }

        order.Compare(new(6, rows[2].Id), new(7, rows[0].Id)).Should().BeNegative("different leads decide alone");
    }
}

/// <summary>Emissions computed ahead change nothing: the same emissions in the same order, the same position.</summary>
public sealed class StreamPrefetchTests
{
    [Fact]
    public void A_stream_with_emissions_computed_ahead_emits_the_same_and_stands_where_it_was_taken()
    {
        string[] ids = ["INS|1", "INS|2", "INS|3", "INS|4", "INS|5"];
        var plain = new ReplacementStream(ids, "pool seed").Take(40).ToArray();

        var ahead = new ReplacementStream(ids, "pool seed");
        ahead.Prefetch(15);
        ahead.Position.Should().Be(0, "nothing was taken yet");
        var first = ahead.Take(10).ToArray();
        ahead.Position.Should().Be(10);
        ahead.Prefetch(3);
        var rest = ahead.Take(30).ToArray();

        first.Concat(rest).Should().Equal(plain, "the same emissions in the same order");
        ahead.Position.Should().Be(40);
    }
}
