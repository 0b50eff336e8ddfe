using System.Text;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>
/// The one reading with the counts unknown (a sieve per stratum under a falling bound) against the plain way: a counting
/// pass, then heaps, and the reference sort. A bound made too tight must fall back to a second reading with the counts it
/// found, and still draw the same; refusals are the counting pass's.
/// </summary>
public sealed class StreamingSieveTests
{
    private const string Seed = "sieve-seed";

    [Theory]
    [InlineData(1, 1 << 20)]
    [InlineData(2, 700)]
    [InlineData(3, 4096)]
    public void The_sieve_draws_as_the_counting_pass_and_the_reference_with_any_margin(int workers, int blockSize)
    {
        // Strata of every size: one member, a few, thousands; ratios small and large, all at class D, fixed quotas (0 and
        // above N) and a class without a rule.
        var rows = Enumerable.Range(0, 20_000).Select(i => new TargetRow($"ENT|9163{i:D14}|{(i % 3 == 0 ? "企业" : "c")}", Stratum(i))).ToList();
        var frame = CanonicalFrames.Targets(rows);
        var expected = TargetDrawTests.Reference(frame.Rows, Seed, Rules());
        expected.Quotas.Select(q => q.Members).Should().Contain(1).And.Contain(m => m > 5000);
        foreach (var sigmas in new double?[] { null, TargetDraw.SieveSigmas, 0, -3 })
        {
            foreach (var seekable in new[] { true, false })
            {
                var drawn = TargetDraw.Run(() => Open(frame.Bytes, seekable), Seed, Rules(), null, workers, blockSize, sigmas);
                var because = $"margin {sigmas?.ToString() ?? "none (counting pass)"}, {workers} workers, seekable {seekable}";
                drawn.Quotas.Should().Equal(expected.Quotas, because);
                drawn.Picks.Should().Equal(expected.Picks, because);
                drawn.Alternates.Should().Equal(expected.Alternates, because);
            }
        }
    }

    [Fact]
    public void The_frame_is_read_once_unless_a_bound_proves_too_tight_then_once_more_with_the_counts_found()
    {
        var frame = CanonicalFrames.Targets(Enumerable.Range(0, 30_000).Select(i => new TargetRow($"ENT|9163{i:D14}|c", Stratum(i))));
        var expected = TargetDrawTests.Reference(frame.Rows, Seed, Rules());
        foreach (var (sigmas, readings) in new (double?, int)[] { (TargetDraw.SieveSigmas, 1), (-4, 2), (null, 2) })
        {
            var opened = 0;
            var drawn = TargetDraw.Run(() => { opened++; return new MemoryStream(frame.Bytes); }, Seed, Rules(), null, 1, 1 << 20, sigmas);
            opened.Should().Be(readings, $"margin {sigmas}");
            drawn.Picks.Should().Equal(expected.Picks, $"margin {sigmas}");
            drawn.Alternates.Should().Equal(expected.Alternates, $"margin {sigmas}");
        }
    }

    [Theory]
    [InlineData(1, 1 << 20)]
    [InlineData(2, 700)]
    [InlineData(3, 4096)]
    public void With_the_counts_known_the_sieve_draws_as_the_heaps_and_falls_back_to_them_when_a_bound_is_too_tight(int workers, int blockSize)
    {
        var rows = Enumerable.Range(0, 20_000).Select(i => new TargetRow($"ENT|9163{i:D14}|{(i % 3 == 0 ? "企业" : "c")}", Stratum(i))).ToList();
        var frame = CanonicalFrames.Targets(rows);
        var expected = TargetDrawTests.Reference(frame.Rows, Seed, Rules());
        var counts = StreamingDraw.Counts(expected.Quotas);

        // 6σ (the default): read once; -3: bounds too tight, so a second reading with the heaps; none: the heaps.
        foreach (var (sigmas, readings) in new (double?, int)[] { (TargetDraw.SieveSigmas, 1), (-3, 2), (null, 1) })
        {
            var opened = 0;
            var drawn = TargetDraw.Run(() => { opened++; return new MemoryStream(frame.Bytes); }, Seed, Rules(), counts, workers, blockSize, sigmas);
            var because = $"margin {sigmas?.ToString() ?? "none (heaps)"}, {workers} workers";
            opened.Should().Be(readings, because);
            drawn.Quotas.Should().Equal(expected.Quotas, because);
            drawn.Picks.Should().Equal(expected.Picks, because);
            drawn.Alternates.Should().Equal(expected.Alternates, because);
        }
    }

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 0)]
    [InlineData(false, 100_000)]
    [InlineData(true, 100_000)]
    public void Rows_in_memory_are_drawn_by_the_sieve_as_by_the_heaps_and_by_the_heaps_when_a_bound_is_too_tight(bool countsGiven, int sizeHint)
    {
        // A size hint of 100,000 computes the tickets on every core.
        var rows = Enumerable.Range(0, 20_000).Select(i => new TargetRow($"ENT|9163{i:D14}|{(i % 3 == 0 ? "企业" : "c")}", Stratum(i))).ToList();
        var expected = TargetDrawTests.Reference(CanonicalFrames.Targets(rows).Rows, Seed, Rules());
        var counts = countsGiven ? StreamingDraw.Counts(expected.Quotas) : null;

        // Each reading of the rows: the sieve, then the heaps if a bound is too tight (with the counts the sieve found); the
        // heaps alone need a count first when the counts are not given.
        foreach (var (sigmas, readings) in new (double?, int)[] { (TargetDraw.SieveSigmas, 1), (-3, 2), (null, countsGiven ? 1 : 2) })
        {
            var opened = 0;
            var drawn = TargetDraw.Run(() => { opened++; return rows; }, Seed, Rules(), sizeHint, counts, sigmas);
            var because = $"margin {sigmas?.ToString() ?? "none (heaps)"}, counts given {countsGiven}, size hint {sizeHint}";
            opened.Should().Be(readings, because);
            drawn.Quotas.Should().Equal(expected.Quotas, because);
            drawn.Picks.Should().Equal(expected.Picks, because);
            drawn.Alternates.Should().Equal(expected.Alternates, because);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_000)]
    public void Rows_in_memory_with_an_id_utf8_cannot_carry_are_drawn_by_the_heaps_with_the_id_as_given(int sizeHint)
    {
        // A lone surrogate: its ticket hashes U+FFFD's bytes (as every ticket of such an id does), but a pick decoded from
        // the sieve's bytes would not be the id the frame has. The sieve gives way to the heaps, which keep the string.
        var rows = Enumerable.Range(0, 5_000).Select(i => new TargetRow($"ENT|9163{i:D14}|{(i == 4_365 ? "\ud800" : "c")}", Stratum(i))).ToList();
        var expected = TargetDrawTests.Reference(rows, Seed, Rules());
        var drawn = TargetDraw.Run(() => rows, Seed, Rules(), sizeHint, null, TargetDraw.SieveSigmas);

        drawn.Picks.Should().Equal(expected.Picks);
        drawn.Alternates.Should().Equal(expected.Alternates);
        drawn.Quotas.Should().Equal(expected.Quotas);
        drawn.Picks.Concat(drawn.Alternates).Should().Contain(p => p.Id.Contains('\ud800'), "that id is its stratum's only member (4,365 = 97 × 45)");
    }

    [Theory]
    [InlineData("order")]
    [InlineData("fields")]
    [InlineData("unreadable key")]
    [InlineData("unreadable key, then a bad line")]
    [InlineData("no header")]
    public void The_sieve_refuses_what_the_counting_pass_refuses_with_the_same_words(string fault)
    {
        var lines = Enumerable.Range(0, 3000).Select(i => $"ENT|9163{i:D14}|c,{Stratum(i)}").ToList();
        switch (fault)
        {
            case "order":
                (lines[2000], lines[2001]) = (lines[2001], lines[2000]);
                break;
            case "fields":
                lines[2500] += ",x";
                break;
            case "unreadable key":
                // A stratum key the rule cannot read (two fields): refused when the quotas are made, after the reading.
                lines[100] = $"ENT|9163{100:D14}|c,630100|cosmetics";
                break;
            case "unreadable key, then a bad line":
                lines[100] = $"ENT|9163{100:D14}|c,630100|cosmetics";
                lines[2900] += "\r";
                break;
        }

        var bytes = Encoding.UTF8.GetBytes((fault == "no header" ? "" : CanonicalFrames.TargetHeader + "\n") + string.Join("\n", lines) + "\n");
        string Refusal(double? sigmas, int workers)
        {
            var draw = () => TargetDraw.Run(() => new MemoryStream(bytes), Seed, Rules(), null, workers, 512, sigmas);
            return draw.Should().Throw<Exception>().Which.Message;
        }

        var counted = Refusal(null, 1);
        Refusal(TargetDraw.SieveSigmas, 1).Should().Be(counted);
        Refusal(TargetDraw.SieveSigmas, 3).Should().Be(counted);
        Refusal(-4, 2).Should().Be(counted);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void The_merge_orders_the_parts_members_by_lead_and_equal_leads_by_their_tickets_then_ids(int partCount)
    {
        // Made-up leads 0..3 (nearly every pair a tie) and real ones; members spread over the parts as workers would hold them.
        using var hasher = new TicketHasher(Tickets.Sha256Hex(Seed));
        var random = new Random(partCount);
        foreach (var madeUp in new[] { true, false })
        {
            var ids = Enumerable.Range(0, 900).Select(i => i % 9 == 0 ? $"ENT|{i}|{new string('x', 50)}" : $"ENT|{random.Next():D10}|{i}").ToArray();
            var leads = ids.Select(id => madeUp ? (ulong)random.Next(4) : hasher.Lead(id)).ToArray();
            var parts = Enumerable.Range(0, partCount).Select(_ => new[] { new LeanHeap(int.MaxValue) }).ToArray();
            var hash = new byte[32];
            for (var i = 0; i < ids.Length; i++)
            {
                hasher.Hash(ids[i], hash);
                parts[random.Next(partCount)][0].Keep(leads[i], hash, Encoding.UTF8.GetBytes(ids[i]));
            }

            var quota = new StratumQuota("s", ids.Length, 500, 150, "test");
            var (picks, alternates) = LeanHeap.Merge(["s"], [0], [quota], parts);

            var expected = Enumerable.Range(0, ids.Length)
                .Select(i => (Lead: leads[i], Id: ids[i], Ticket: Tickets.Ticket(ids[i], Seed)))
                .OrderBy(m => m.Lead).ThenBy(m => m.Ticket, StringComparer.Ordinal).ThenBy(m => m.Id, StringComparer.Ordinal)
                .Select(m => m.Id).ToArray();
            picks.Select(p => p.Id).Should().Equal(expected[..500], $"{partCount} parts, made-up leads {madeUp}");
            alternates.Select(p => p.Id).Should().Equal(expected[500..650]);
            picks.Concat(alternates).Should().OnlyContain(p => p.Ticket == Tickets.Ticket(p.Id, Seed) && p.Stratum == "s");
        }
    }

    [Fact]
    public void Picks_made_on_every_core_are_the_picks_enumerated_in_the_same_order()
    {
        // 10,000 picks over two strata: more than two pieces of 4,096, so the parallel path runs and its last piece is short.
        static string Id(int i) => i % 7 == 0 ? $"ENT|{i}|{new string('y', 40)}" : $"ENT|{i:D8}";
        using var hasher = new TicketHasher(Tickets.Sha256Hex(Seed));
        var heaps = new[] { new LeanHeap(int.MaxValue), new LeanHeap(int.MaxValue) };
        var picks = new LeanPicks(["r1|a|A", "r2|b|B"], 10_000);
        var hash = new byte[32];
        for (var i = 0; i < 10_000; i++)
        {
            hasher.Hash(Id(i), hash);
            var heap = heaps[i % 2];
            heap.Keep(hasher.Lead(Id(i)), hash, Encoding.UTF8.GetBytes(Id(i)));
            picks.Add(i % 2, heap, heap.Count - 1);
        }

        var enumerated = picks.ToArray();
        enumerated.Select(p => p.Id).Should().Equal(Enumerable.Range(0, 10_000).Select(Id));
        enumerated.Select(p => p.Stratum).Should().Equal(Enumerable.Range(0, 10_000).Select(i => i % 2 == 0 ? "r1|a|A" : "r2|b|B"));
        enumerated.Should().OnlyContain(p => p.Ticket == Tickets.Ticket(p.Id, Seed));
        picks.ToList(parallel: true).Should().Equal(enumerated);
        picks.ToList(parallel: false).Should().Equal(enumerated);
    }

    [Fact]
    public void A_pool_pruned_keeps_exactly_the_members_below_the_bound_in_order_long_ids_included()
    {
        var random = new Random(2026);
        var pool = new LeanHeap(int.MaxValue);
        var members = new List<(ulong Lead, byte[] Hash, byte[] Id)>();
        var made = 0;
        foreach (var bound in new ulong[] { 900, 500, 500, 120, 3 })
        {
            // 1,500 a round: the pool outgrows its first piece of slots (2,048) and keeps slots in several.
            for (var i = 0; i < 1500; i++)
            {
                var lead = (ulong)random.Next(1000);
                var hash = new byte[32];
                random.NextBytes(hash);
                var id = Encoding.UTF8.GetBytes(i % 5 == 0 ? $"ENT|{made++}|{new string('x', 60)}" : $"ENT|{made++}");
                pool.Keep(lead, hash, id);
                members.Add((lead, hash, id));
            }

            pool.Prune(bound);

            pool.Capacity.Should().BeGreaterThanOrEqualTo(pool.Count);
            members = members.Where(m => m.Lead < bound).ToList();
            pool.Count.Should().Be(members.Count);
            var slots = pool.Sorted();
            var sorted = members.OrderBy(m => m.Lead).ToList();
            slots.Select(slot => pool.Hash(slot).ToArray()).Select(Convert.ToHexString).Order()
                .Should().Equal(members.Select(m => Convert.ToHexString(m.Hash)).Order(), $"bound {bound}");
            slots.Select(slot => Encoding.UTF8.GetString(pool.Id(slot))).Order(StringComparer.Ordinal)
                .Should().Equal(members.Select(m => Encoding.UTF8.GetString(m.Id)).Order(StringComparer.Ordinal));
            for (var j = 1; j < slots.Length; j++)
            {
                // Sorted by lead (equal made-up leads are ordered by the tickets; only the leads are compared here).
                members.First(m => m.Id.AsSpan().SequenceEqual(pool.Id(slots[j - 1]))).Lead
                    .Should().BeLessThanOrEqualTo(members.First(m => m.Id.AsSpan().SequenceEqual(pool.Id(slots[j]))).Lead);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Strata_that_differ_only_inside_and_ids_long_and_short_draw_as_the_reference(int workers)
    {
        // Stratum keys of 5 to 47 bytes, several of each length differing in one byte in the middle only (the lookup compares
        // a key as its length and four words); ids from 20 to 330 bytes (the queue's bytes fill up; the longest go alone).
        string Key(int i)
        {
            var length = (i % 40) + 1;
            var category = new string('c', length).ToCharArray();
            category[length / 2] = (char)('a' + (i / 40 % 3));
            return $"{(i % 7 == 0 ? "1" : "630100")}|{new string(category)}|{(i % 2 == 0 ? "A" : "B")}";
        }

        var rows = Enumerable.Range(0, 12_000)
            .Select(i => new TargetRow($"ENT|9163{i:D14}|{new string('x', i % 50 == 0 ? 300 : i % 180)}", Key(i)))
            .ToList();
        var frame = CanonicalFrames.Targets(rows);
        var expected = TargetDrawTests.Reference(frame.Rows, Seed, Rules());
        expected.Quotas.Should().HaveCountGreaterThan(200);
        var drawn = TargetDraw.Run(() => new MemoryStream(frame.Bytes), Seed, Rules(), null, workers, 4096);
        drawn.Quotas.Should().Equal(expected.Quotas);
        drawn.Picks.Should().Equal(expected.Picks);
        drawn.Alternates.Should().Equal(expected.Alternates);
    }

    /// <summary>A stratum for row <paramref name="i"/>: a few large strata, several small ones, and single members.</summary>
    private static string Stratum(int i) => (i % 97) switch
    {
        0 => $"{i:D6}|single|A",
        < 10 => "632800|drug-tablet|C",
        < 12 => "632900|x|E",
        < 15 => "630100|cosmetics|D",
        < 20 => "632800|药品|B",
        < 22 => "630100|fixed|A",
        _ => i % 2 == 0 ? "630100|cosmetics|A" : "630100|cosmetics|C",
    };

    private static QuotaRules Rules() =>
        new([new("A", 0.01m), new("B", 0.3m), new("C", 0.002m)], true, [new("632800|drug-tablet|C", 0), new("630100|fixed|A", 500)], 3);

    private static Stream Open(byte[] bytes, bool seekable) => seekable ? new MemoryStream(bytes) : new OneWayStream(bytes, 999);

    [Fact]
    public void Strata_that_differ_only_in_their_risk_class_or_region_fall_in_different_slots_of_the_lookup()
    {
        // The frame file's strata are looked up once per row: a hash that ignored a key's last byte put the four classes of a
        // region and category in one chain, and every row walked it (the draw at 5,000,000 was about 8 % slower).
        var categories = new[] { "lithium-carbonate", "drug-tablet", "cosmetics", "medical-mask-disposable", "potash-kcl-gb6549", "pv-module-csi", "potash-kcl-gb-t37918" };
        var keys = (from region in new[] { "630100", "630200", "632200", "632300", "632500", "632600", "632700", "632800" }
                    from category in categories
                    from risk in new[] { "A", "B", "C", "D" }
                    select $"{region}|{category}|{risk}").ToList();
        var mask = TargetDraw.ByteKeys.FirstSlots - 1;
        var slots = keys.Select(key => TargetDraw.ByteKeys.Hash(Encoding.UTF8.GetBytes(key)) & mask).ToList();

        // 224 keys in 1,024 slots: about 200 distinct slots when the hash spreads them; 56 when the class is ignored.
        slots.Distinct().Count().Should().BeGreaterThan(keys.Count * 8 / 10);
        keys.Zip(slots).GroupBy(pair => pair.First[..^1], pair => pair.Second)
            .Should().OnlyContain(classes => classes.Distinct().Count() >= 3, "the four risk classes of a region and category are spread");
    }
}
