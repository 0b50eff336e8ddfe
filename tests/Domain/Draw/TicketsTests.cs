using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

public sealed class TicketsTests
{
    [Fact]
    public void The_spec_table_vectors_are_reproduced()
    {
        Tickets.Sha256Uniform("abc").Should().Be("0.56998071861792858926477341561059638840106636224182943832566300809078486324348", "the spec's first vector");
        var ticket = Tickets.Ticket("AB-130", "01382438112797316654");
        ticket.Should().Be("0.26299714122838008416507544297546663599715395525154425586041245287750224561854", "the spec's ticket vector");
        Tickets.NextFraction(ticket).Should().Be("0.8232357229934205790595761924514048157652891124687533667363938813600770093316", "the spec's next_fraction vector");
    }

    [Fact]
    public void The_spec_sample_is_reproduced_cut_to_9_digits()
    {
        var sample = Tickets.Sample(["ab-1", "ab-2", "cd-1", "ef-3"], "314159", 4);

        sample.Select(t => $"{t.Id} {Tickets.Cut(t.Ticket, 9)}").Should().Equal(
            ["cd-1 0.317685817", "ef-3 0.832984519", "ab-1 0.9098039269", "ab-2 0.9231549043"], "the spec's sample vector, leading 9s kept");
    }

    [Fact]
    public void The_spec_stream_is_reproduced()
    {
        var stream = new ReplacementStream(["A#2", "B#7", "C#1", "D#4"], "314159");

        stream.Take(8).Select(e => e.Id).Should().Equal(["D#4", "C#1", "C#1", "B#7", "A#2", "C#1", "D#4", "B#7"], "the spec's with-replacement vector");
        stream.Position.Should().Be(8, "eight emissions were taken");
    }

    [Fact]
    public void Every_sha256_uniform_vector_in_the_file_is_reproduced()
    {
        foreach (var vector in DrawVectors.Get("sha256_uniform").EnumerateArray())
        {
            var input = vector.GetProperty("input").GetString()!;
            Tickets.Sha256Uniform(input).Should().Be(vector.GetProperty("output").GetString(), $"sha256_uniform(\"{input}\")");
        }
    }

    [Fact]
    public void Every_ticket_vector_in_the_file_is_reproduced()
    {
        foreach (var vector in DrawVectors.Get("tickets").EnumerateArray())
        {
            var id = vector.GetProperty("id").GetString()!;
            var seed = vector.GetProperty("seed").GetString()!;
            Tickets.Ticket(id, seed).Should().Be(vector.GetProperty("ticket").GetString(), $"ticket(\"{id}\", \"{seed}\")");
        }
    }

    [Fact]
    public void Every_sample_vector_in_the_file_is_reproduced()
    {
        foreach (var vector in DrawVectors.Get("samples").EnumerateArray())
        {
            var ids = vector.GetProperty("ids").EnumerateArray().Select(i => i.GetString()!).ToArray();
            var seed = vector.GetProperty("seed").GetString()!;
            var expected = vector.GetProperty("order").EnumerateArray()
                .Select(o => new Ticketed(o.GetProperty("id").GetString()!, o.GetProperty("ticket").GetString()!)).ToArray();

            Tickets.Order(ids, seed).Should().Equal(expected, $"the sample vector with seed \"{seed}\"");
        }
    }

    [Fact]
    public void Every_stream_vector_in_the_file_is_reproduced()
    {
        foreach (var vector in DrawVectors.Get("streams").EnumerateArray())
        {
            var ids = vector.GetProperty("ids").EnumerateArray().Select(i => i.GetString()!).ToArray();
            var seed = vector.GetProperty("seed").GetString()!;
            var expected = vector.GetProperty("emissions").EnumerateArray()
                .Select(e => new Emission(e.GetProperty("id").GetString()!, e.GetProperty("ticket").GetString()!, e.GetProperty("generation").GetInt32())).ToArray();

            new ReplacementStream(ids, seed).Take(vector.GetProperty("take").GetInt32()).Should().Equal(expected, $"the stream vector with seed \"{seed}\"");
        }
    }

    [Fact]
    public void A_streams_queue_orders_as_tickets_then_ids_do_and_equal_leads_by_the_whole_ticket()
    {
        // Leads (the first 18 digits) that differ, leads that are equal with the tails deciding, a ticket that is a prefix of
        // another, a run of 9s, and equal tickets ordered by id: the queue's order is the ordinal order of (ticket, id).
        var head = "0." + new string('3', 18);
        (string Ticket, string Id)[] entries =
        [
            (head + new string('1', 46), "b"), (head + new string('1', 46), "a"), (head + new string('0', 46), "z"),
            (head + new string('0', 46) + "5", "c"), ("0." + new string('2', 64), "y"), ("0." + new string('9', 20) + new string('1', 44), "x"),
            ("0.4" + new string('0', 63), "w"), (head + "1" + new string('0', 45), "d"),
        ];

        var ranked = entries.Select(e => ReplacementStream.Ranked.Of(e.Ticket, e.Id)).ToList();
        ranked.Sort();

        ranked.Select(r => (r.Ticket, r.Id)).Should().Equal(entries.OrderBy(e => e.Ticket, StringComparer.Ordinal).ThenBy(e => e.Id, StringComparer.Ordinal));
        ranked.Select(r => r.Lead).Distinct().Should().HaveCount(4, "five of the eight share the lead 333…3: their tails and ids decide");
    }

    [Fact]
    public void The_next_ticket_comes_with_its_own_lead_with_and_without_a_run_of_9s()
    {
        // With no leading 9s the lead is the accepted hash's; after a run of 9s it is read from the text: both must be
        // the lead of the ticket returned, as the stream's queue orders by it.
        var random = new Random(20261206);
        var starts = Enumerable.Range(0, 300).Select(i => Tickets.Ticket($"ENT|{i}", "lead seed"))
            .Concat(Enumerable.Range(1, 20).Select(n => "0." + new string('9', n) + Tickets.Ticket($"nine {n}", "s")[2..]))
            .Concat(["0." + new string('9', 70), "0." + new string('9', 17) + new string('1', 50)]);
        var withNines = 0;
        foreach (var start in starts)
        {
            var x = start;
            for (var step = 0; step < 3; step++)
            {
                withNines += x[2] == '9' ? 1 : 0;
                var y = Tickets.NextFraction(x, out var lead);
                y.Should().Be(Tickets.NextFraction(x), "the same next ticket as the public call");
                lead.Should().Be(Uniform.ParseLead(y.AsSpan(2), '0'), $"the lead of {y}");
                x = random.Next(4) == 0 ? y : x;
            }
        }

        withNines.Should().BeGreaterThan(60, "the runs of 9s were tried");
    }

    [Fact]
    public void A_streams_emission_knows_the_place_of_its_id_among_the_ids_given()
    {
        string[] ids = ["INS-07", "INS-02", "INS-11", "INS-05", "INS-03"];
        var stream = new ReplacementStream(ids, "places");
        stream.Prefetch(7);
        for (var n = 0; n < 40; n++)
        {
            var emitted = stream.NextEmitted();
            ids[emitted.Member].Should().Be(emitted.Id, $"emission {n + 1}");
        }

        stream.Position.Should().Be(40);
    }

    [Fact]
    public void The_order_of_the_input_never_matters()
    {
        string[] ids = ["ENT|3", "ENT|1", "ENT|5", "ENT|2", "ENT|4", "ENT|6"];

        Tickets.Sample(ids, "seed", 3).Should().Equal(Tickets.Sample(ids.Reverse(), "seed", 3), "reversed input");
        Tickets.Sample(ids, "seed", 3).Should().Equal(Tickets.Sample(ids.OrderBy(i => i, StringComparer.Ordinal), "seed", 3), "sorted input");
        new ReplacementStream(ids, "s").Take(20).Should().Equal(new ReplacementStream(ids.Reverse(), "s").Take(20), "a stream does not depend on input order either");
    }

    [Fact]
    public void A_stratum_drawn_alone_equals_the_filtered_global_draw()
    {
        var all = Enumerable.Range(0, 200).Select(i => (Id: $"ENT|{i:D4}", Stratum: $"S{i % 7}")).ToArray();
        var global = Tickets.Order(all.Select(a => a.Id), "2026");

        foreach (var stratum in all.Select(a => a.Stratum).Distinct())
        {
            var members = all.Where(a => a.Stratum == stratum).Select(a => a.Id).ToHashSet();
            Tickets.Sample(members, "2026", 5).Should().Equal(global.Where(t => members.Contains(t.Id)).Take(5), $"stratum {stratum} drawn alone");
        }
    }

    [Fact]
    public void Dropping_other_ids_never_changes_an_ids_ticket()
    {
        var full = Tickets.Order(["a", "b", "c", "d", "e"], "x").ToDictionary(t => t.Id, t => t.Ticket);
        var reduced = Tickets.Order(["b", "e"], "x");

        reduced.Should().OnlyContain(t => full[t.Id] == t.Ticket, "a ticket depends only on the id and the seed");
    }

    [Fact]
    public void Tickets_compare_ordinally_and_ties_go_by_id()
    {
        Tickets.Compare("0.5", "b", "0.5", "a").Should().BePositive("equal tickets: the id decides, ordinal");
        Tickets.Compare("0.19", "a", "0.2", "b").Should().BeNegative("strings, not numbers of equal length");
        Tickets.Compare("0.5", "Z", "0.5", "a").Should().BeNegative("ordinal: upper case before lower case");
    }

    [Fact]
    public void Duplicate_ids_are_refused()
    {
        var act = () => Tickets.Sample(["a", "b", "a"], "x", 1);

        act.Should().Throw<ArgumentException>().WithMessage("duplicate id 'a'*");
    }

    [Fact]
    public void Next_fraction_keeps_the_leading_9s_and_always_increases()
    {
        var ticket = "0.99912";
        var next = Tickets.NextFraction(ticket);

        next.Should().StartWith("0.999", "the leading run of 9s is kept");
        string.CompareOrdinal(next, ticket).Should().BePositive("the chain increases");
        var chain = new ReplacementStream(["only"], "s").Take(30).ToArray();
        chain.Select(e => e.Generation).Should().Equal(Enumerable.Range(1, 30), "a lone id is emitted every time");
        chain.Zip(chain.Skip(1)).Should().OnlyContain(p => string.CompareOrdinal(p.First.Ticket, p.Second.Ticket) < 0, "tickets grow along a chain");
    }

    [Fact]
    public void Cut_keeps_the_leading_9s_then_n_digits()
    {
        Tickets.Cut("0.90980392691234", 9).Should().Be("0.9098039269", "the spec's own example");
        Tickets.Cut("0.123", 9).Should().Be("0.123", "a short ticket is not padded");
    }
}
