using System.Security.Cryptography;
using System.Text;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>
/// The shortcuts that bring the streaming draw to the hashing floor, each against the plain way: the first digit against
/// the whole lead, the lean heap against <see cref="SmallestTickets"/>, the frame read in blocks on several workers against
/// one thread (the same draw, the same refusals with the same line numbers), lean picks against plain ones.
/// </summary>
public sealed class StreamingDrawFloorTests
{
    private const string Seed = "floor-seed";

    [Theory]
    [InlineData("uniform", 10_000)]
    [InlineData("uniform", 63)]
    [InlineData("uniform", 64)]
    [InlineData("crowded", 5_000)]
    [InlineData("equal", 3_000)]
    [InlineData("extremes", 2_000)]
    public void Leads_sorted_in_buckets_come_out_as_from_one_sort_with_their_members(string kind, int n)
    {
        var random = new Random(n);
        var leads = Enumerable.Range(0, n).Select(i => kind switch
        {
            "uniform" => (ulong)random.NextInt64(1_000_000_000_000_000_000),
            // Most in a narrow band, a few far away: some buckets hold hundreds.
            "crowded" => i % 10 == 0 ? (ulong)random.NextInt64(1_000_000_000_000_000_000) : 500_000UL + (ulong)random.Next(1000),
            "equal" => 42UL,
            _ => i % 2 == 0 ? 0UL : ulong.MaxValue - (ulong)random.Next(3),
        }).ToArray();
        var members = Enumerable.Range(0, n).Select(i => (Part: i % 3, Slot: i)).ToArray();
        var expected = leads.Zip(members).OrderBy(p => p.First).ThenBy(p => p.Second.Slot).ToList();

        var sortedLeads = leads.ToArray();
        var sortedMembers = members.ToArray();
        LeanHeap.SortByLead(sortedLeads, sortedMembers);

        sortedLeads.Should().Equal(expected.Select(p => p.First));
        // Each member moved with its lead (the order among equal leads is decided afterwards, by tickets and ids).
        sortedLeads.Zip(sortedMembers).Should().OnlyContain(p => leads[p.Second.Slot] == p.First);
        sortedMembers.Select(m => m.Slot).Order().Should().Equal(Enumerable.Range(0, n));
    }

    [Fact]
    public void The_first_digit_is_the_leads_first_digit_and_refuses_only_what_the_lead_would()
    {
        var random = new Random(22);
        var hashes = Enumerable.Range(0, 20_000).Select(_ => RandomHash(random)).ToList();
        hashes.Add(new byte[32]);
        hashes.Add(Enumerable.Repeat((byte)0xFF, 32).ToArray());
        hashes.Add(Small(9));
        hashes.Add(Small(10));
        hashes.Add(Small(1_000_000_005));
        foreach (var hash in hashes)
        {
            var lead = Uniform.Lead(hash);
            Uniform.FirstDigit(hash).Should().Be((int)(lead / 100_000_000_000_000_000UL), Convert.ToHexString(hash));
            Uniform.FirstDigit(hash).Should().Be(Uniform.Ticket(hash)[2] - '0');

            // The refusal by first digit against a heap's largest lead: only where the whole lead is larger too.
            var top = (ulong)random.NextInt64(0, 1_000_000_000_000_000_000);
            if (Uniform.FirstDigit(hash) > (int)(top / 100_000_000_000_000_000UL))
            {
                lead.Should().BeGreaterThan(top);
            }
        }
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(5, 0)]
    [InlineData(1, 1)]
    [InlineData(100, 7)]
    [InlineData(3000, 250)]
    [InlineData(3000, 2999)]
    [InlineData(3000, 5000)]
    public void The_lean_heap_keeps_what_the_plain_heap_keeps_ties_and_long_ids_included(int size, int k)
    {
        using var hasher = new TicketHasher(Tickets.Sha256Hex(Seed));
        var random = new Random((size * 13) + k);
        var hash = new byte[32];
        foreach (var madeUp in new[] { false, true })
        {
            // Made-up leads 0..3: nearly every comparison is a tie, decided by the whole tickets, then the ids. Some ids are
            // longer than a slot holds inline.
            var ids = Enumerable.Range(0, size).Select(i => i % 7 == 0 ? $"ENT|{random.Next():D10}|{i}|{new string('x', 50)}" : $"ENT|{random.Next():D10}|{i}").ToArray();
            var leads = ids.Select(id => madeUp ? (ulong)random.Next(4) : hasher.Lead(id)).ToArray();
            var plain = new SmallestTickets(k);
            var lean = new LeanHeap(k);
            for (var i = 0; i < size; i++)
            {
                plain.Offer(new Candidate(leads[i], ids[i]), hasher);
                hasher.Hash(ids[i], hash);
                lean.Offer(leads[i], hash, Encoding.UTF8.GetBytes(ids[i]));
            }

            var kept = lean.Sorted();
            kept.Select(slot => Encoding.UTF8.GetString(lean.Id(slot))).Should().Equal(plain.Sorted(hasher).Select(c => c.Id), $"made-up leads {madeUp}");
            kept.Select(slot => Uniform.Ticket(lean.Hash(slot))).Should().Equal(kept.Select(slot => Tickets.Ticket(Encoding.UTF8.GetString(lean.Id(slot)), Seed)));
        }
    }

    [Theory]
    [InlineData(1, 1 << 20)]
    [InlineData(2, 512)]
    [InlineData(3, 4096)]
    [InlineData(4, 200)]
    public void A_frame_read_in_blocks_by_several_workers_draws_as_one_thread_and_the_plain_reference(int workers, int blockSize)
    {
        // Ids of mixed kinds (ASCII, Chinese, a tab, U+FF21 and an emoji, which UTF-8 bytes order otherwise) so that blocks
        // end in lines of every kind; blocks of 200 bytes hold about four lines.
        var frame = CanonicalFrames.Targets(Enumerable.Range(0, 6000).Select(i => new TargetRow(Id(i), Strata[i * 7 % 13 % Strata.Length])));
        var rules = Rules();
        var expected = TargetDrawTests.Reference(frame.Rows, Seed, rules);
        var counts = StreamingDraw.Counts(expected.Quotas);
        foreach (var known in new[] { null, counts })
        {
            foreach (var seekable in new[] { true, false })
            {
                var drawn = TargetDraw.Run(() => seekable ? new MemoryStream(frame.Bytes) : new OneWayStream(frame.Bytes, 777), Seed, rules, known, workers, blockSize);
                drawn.Quotas.Should().Equal(expected.Quotas);
                drawn.Picks.Should().Equal(expected.Picks, $"{workers} workers, counts known {known is not null}, seekable {seekable}");
                drawn.Alternates.Should().Equal(expected.Alternates);
            }
        }
    }

    [Fact]
    public void A_large_frame_file_draws_the_same_on_every_core_and_on_one_thread()
    {
        var frame = CanonicalFrames.Targets(Enumerable.Range(0, 90_000).Select(i => new TargetRow($"ENT|9163{i:D14}|{new string('c', 30)}", Strata[i * 5 % 11 % Strata.Length])));
        frame.Bytes.Length.Should().BeGreaterThan(4 << 20, "large enough to be read on every core");
        var path = Path.Combine(Path.GetTempPath(), $"samples-frame-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllBytes(path, frame.Bytes);
            var results = new List<(IReadOnlyList<StratumQuota> Quotas, IReadOnlyList<Pick> Picks, IReadOnlyList<Pick> Alternates)>();
            foreach (var single in new[] { true, false })
            {
                AppContext.SetSwitch(Cores.SingleThreadedSwitch, single);
                try
                {
                    results.Add(StreamingDraw.TargetsFromFile(path, Seed, Rules()));
                }
                finally
                {
                    AppContext.SetSwitch(Cores.SingleThreadedSwitch, false);
                }
            }

            results[1].Quotas.Should().Equal(results[0].Quotas);
            results[1].Picks.Should().Equal(results[0].Picks);
            results[1].Alternates.Should().Equal(results[0].Alternates);
            results[0].Picks.Should().Equal(TargetDrawTests.Reference(frame.Rows, Seed, Rules()).Picks);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("order", 1700)]
    [InlineData("order", 3)]
    [InlineData("carriage return", 2500)]
    [InlineData("fields", 4100)]
    [InlineData("bytes", 900)]
    [InlineData("two", 1200)]
    [InlineData("unfinished", 0)]
    public void A_frame_read_in_blocks_is_refused_as_on_one_thread_with_the_same_line(string fault, int at)
    {
        var lines = Enumerable.Range(0, 5000).Select(i => $"{Id(i)},{Strata[i % Strata.Length]}").ToList();
        switch (fault)
        {
            case "order":
                (lines[at], lines[at + 1]) = (lines[at + 1], lines[at]);
                break;
            case "carriage return":
                lines[at] += "\r";
                break;
            case "fields":
                lines[at] += ",x";
                break;
            case "bytes":
                lines[at] = lines[at].Replace(",", "\u00e9,", StringComparison.Ordinal);
                break;
            case "two":
                // Two faults: the earlier one is the one named, wherever the blocks fall.
                lines[at] += ",x";
                lines[at + 2000] += "\r";
                break;
        }

        var text = CanonicalFrames.TargetHeader + "\n" + string.Join("\n", lines) + (fault == "unfinished" ? "" : "\n");
        var bytes = Encoding.UTF8.GetBytes(text);
        if (fault == "bytes")
        {
            // A lone continuation byte: not UTF-8.
            var e = Array.IndexOf(bytes, (byte)0xC3);
            bytes[e] = 0x80;
        }

        string Refusal(int workers, int blockSize)
        {
            var draw = () => TargetDraw.Run(() => new MemoryStream(bytes), Seed, Rules(), null, workers, blockSize);
            return draw.Should().Throw<FrameException>().Which.Message;
        }

        var one = Refusal(1, 1 << 20);
        one.Should().Contain("line");
        foreach (var (workers, blockSize) in new[] { (2, 300), (3, 1000), (4, 64) })
        {
            Refusal(workers, blockSize).Should().Be(one, $"{workers} workers, blocks of {blockSize} bytes");
        }
    }

    [Theory]
    [InlineData("ENT|91630100000000000D|lithium-carbonate", "ENT|91630100000000001G|lithium-carbonate", true)]
    [InlineData("ENT|91630100000000001G|lithium-carbonate", "ENT|91630100000000000D|lithium-carbonate", false)]
    [InlineData("ENT|91630100000000000D|lithium-carbonate-a", "ENT|91630100000000000D|lithium-carbonate-b", true)]
    [InlineData("ENT|91630100000000000D|lithium-carbonate-b", "ENT|91630100000000000D|lithium-carbonate-a", false)]
    [InlineData("ENT|91630100000000000D|lithium-carbonate", "ENT|91630100000000000D|lithium-carbonate", false)]
    [InlineData("ENT|91630100000000000D|lithium-carbonate", "ENT|91630100000000000D|lithium-carbonate-x", true)]
    [InlineData("ENT|91630100000000000D|lithium-carbonate-x", "ENT|91630100000000000D|lithium-carbonate", false)]
    [InlineData("ENT|91630100000000000D|lith", "ENT|91630100000000000D|lithium", true)]
    [InlineData("ENT|9", "ENT|91630100000000000D|lithium-carbonate", true)]
    [InlineData("ENT|91630100000000000D|lithium-carbonate", "ENT|9", false)]
    public void Ids_of_any_length_are_in_order_only_when_each_sorts_strictly_after_the_one_before(string first, string second, bool inOrder)
    {
        // Ids of 32 bytes and more are compared on their first 32 bytes at once: differing there, after them, or not at all.
        var bytes = Encoding.UTF8.GetBytes($"{CanonicalFrames.TargetHeader}\n{first},630100|c|A\n{second},630100|c|A\n");
        var ids = new List<string>();
        var scan = () => TargetFrameScanner.Scan(new MemoryStream(bytes), (id, _, _) => ids.Add(Encoding.UTF8.GetString(id)));
        if (inOrder)
        {
            scan.Should().NotThrow();
            ids.Should().Equal(first, second);
        }
        else
        {
            scan.Should().Throw<FrameException>().WithMessage($"target frame, line 3: id '{second}' is not after the previous id*");
        }

        (string.CompareOrdinal(first, second) < 0).Should().Be(inOrder, "the cases agree with ordinal order");
    }

    [Fact]
    public void Lean_picks_read_as_the_plain_picks_and_refuse_an_index_beyond_them()
    {
        var frame = CanonicalFrames.Targets(Enumerable.Range(0, 3000).Select(i => new TargetRow(Id(i), Strata[i * 7 % 13 % Strata.Length])));
        var plain = TargetDraw.Run(frame.Rows, Seed, Rules());
        var lean = StreamingDraw.Targets(() => new MemoryStream(frame.Bytes), Seed, Rules());
        lean.Picks.Should().BeOfType<LeanPicks>();
        lean.Picks.Count.Should().Be(plain.Picks.Count);
        Enumerable.Range(0, plain.Picks.Count).Select(i => lean.Picks[i]).Should().Equal(plain.Picks);
        lean.Alternates.Should().Equal(plain.Alternates);
        var beyond = () => lean.Picks[plain.Picks.Count];
        beyond.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static readonly string[] Strata = ["630100|cosmetics|A", "630100|cosmetics|B", "630100|cosmetics|C", "630100|cosmetics|D", "632800|drug-tablet|A", "632800|drug-tablet|C", "632800|药品|D", "632900|x|E"];

    private static string Id(int i) => (i % 10) switch
    {
        3 => $"ENT|9163{i:D14}|企业",
        5 => $"ENT|9163{i:D14}|\t",
        7 => $"ENT|9163{i:D14}|\uFF21",
        8 => $"ENT|9163{i:D14}|\U0001F600",
        _ => $"ENT|9163{i:D14}|c",
    };

    private static QuotaRules Rules() =>
        new([new("A", 0.01m), new("B", 0.3m), new("C", 0.002m)], true, [new("632800|drug-tablet|C", 0), new("632900|x|E", 5)], 3);

    private static byte[] RandomHash(Random random)
    {
        var hash = new byte[32];
        random.NextBytes(hash);
        return hash;
    }

    /// <summary>The 32-byte big-endian hash whose integer is <paramref name="n"/>.</summary>
    private static byte[] Small(long n)
    {
        var hash = new byte[32];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(hash.AsSpan(24), n);
        return hash;
    }
}
