using System.Text;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>
/// The streaming target selection (a bounded max-heap per stratum over rows read once) against plain sorting: the same
/// candidates kept, in the same order, for any size, ties and capacity; a frame read from a file stream draws as from memory.
/// </summary>
public sealed class StreamingDrawTests
{
    private static readonly string Seed = "stream-seed";

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0, 5)]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(10, 10)]
    [InlineData(10, 25)]
    [InlineData(100, 1)]
    [InlineData(1000, 37)]
    [InlineData(5000, 400)]
    [InlineData(20_000, 19_999)]
    public void The_heap_keeps_the_k_smallest_in_the_order_of_a_full_sort(int size, int k)
    {
        using var hasher = new TicketHasher(Tickets.Sha256Hex(Seed));
        var random = new Random(size * 31 + k);
        foreach (var leadRange in new[] { ulong.MaxValue, 4UL })
        {
            // Real leads, then made-up leads from 0..3 only: most comparisons are ties that the whole tickets, then ids, decide.
            var candidates = Enumerable.Range(0, size)
                .Select(i => $"ENT|{random.Next():D10}|{i}")
                .Select(id => new Candidate(leadRange == ulong.MaxValue ? hasher.Lead(id) : (ulong)random.Next(4), id))
                .ToArray();
            var heap = new SmallestTickets(k);
            foreach (var candidate in candidates)
            {
                heap.Offer(candidate, hasher);
            }

            var expected = candidates.Order(new SmallestTickets.Order(hasher)).Take(k).ToArray();
            heap.Sorted(hasher).Should().Equal(expected, $"size {size}, k {k}, leads below {leadRange}");
            heap.Count.Should().Be(Math.Min(size, k));
        }
    }

    [Fact]
    public void Equal_leads_are_ordered_by_the_ticket_strings_then_the_ids_as_a_full_sort_by_ticket()
    {
        using var hasher = new TicketHasher(Tickets.Sha256Hex(Seed));
        var ids = Enumerable.Range(0, 300).Select(i => $"T{i}").ToArray();
        var heap = new SmallestTickets(40);
        foreach (var id in ids)
        {
            heap.Offer(new Candidate(42, id), hasher);
        }

        var byTickets = Tickets.Order(ids, Seed).Take(40).Select(t => t.Id);
        heap.Sorted(hasher).Select(c => c.Id).Should().Equal(byTickets);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(900)]
    [InlineData(60_000)]
    public void A_streamed_frame_draws_as_each_stratum_fully_sorted(int size)
    {
        var rows = Frame(size).Rows;
        var rules = Rules();
        var expected = Reference(rows, Seed, rules);

        // Every row a fresh enumeration (as a database cursor or a file read again), with stratum strings not shared between rows.
        var (quotas, picks, alternates) = StreamingDraw.Targets(() => rows.Select(r => new TargetRow(r.Id, new string(r.Stratum.AsSpan()))), Seed, rules);
        quotas.Should().Equal(expected.Quotas);
        picks.Should().Equal(expected.Picks);
        alternates.Should().Equal(expected.Alternates);
    }

    [Theory]
    [InlineData(0, 1 << 20)]
    [InlineData(3, 5)]
    [InlineData(2500, 7)]
    [InlineData(60_000, 1 << 20)]
    public void A_frame_read_from_a_file_stream_gives_the_same_draw_as_from_memory(int size, int chunk)
    {
        var frame = Frame(size);
        var rules = Rules();
        var fromMemory = TargetDraw.Run(frame.Rows, Seed, rules);

        // Reads of a few bytes put lines across every buffer boundary; 60,000 rows are more than the scanner's 1 MiB buffer.
        var fromStream = StreamingDraw.Targets(() => new Trickle(frame.Bytes, chunk), Seed, rules);
        fromStream.Quotas.Should().Equal(fromMemory.Quotas);
        fromStream.Picks.Should().Equal(fromMemory.Picks);
        fromStream.Alternates.Should().Equal(fromMemory.Alternates);

        var path = Path.Combine(Path.GetTempPath(), $"samples-frame-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllBytes(path, frame.Bytes);
            var fromFile = StreamingDraw.TargetsFromFile(path, Seed, rules);
            fromFile.Picks.Should().Equal(fromMemory.Picks);
            fromFile.Alternates.Should().Equal(fromMemory.Alternates);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_large_frame_file_draws_the_same_with_its_tickets_on_every_core()
    {
        // Above 4 MiB the selecting pass packs ids in batches and hashes them on every core; ids of about 90 bytes also fill
        // the packed bytes before the batch's row count.
        var tail = new string('x', 60);
        var frame = CanonicalFrames.Targets(Enumerable.Range(0, 150_000).Select(i => new TargetRow($"ENT|9163{i:D14}|{tail}", $"6301{i % 3}0|c|{"ABCD"[i * 7 % 11 % 4]}")));
        frame.Bytes.Length.Should().BeGreaterThan(4 << 20);
        var rules = Rules();
        var expected = Reference(frame.Rows, Seed, rules);
        var path = Path.Combine(Path.GetTempPath(), $"samples-frame-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllBytes(path, frame.Bytes);
            var drawn = StreamingDraw.TargetsFromFile(path, Seed, rules);
            drawn.Quotas.Should().Equal(expected.Quotas);
            drawn.Picks.Should().Equal(expected.Picks);
            drawn.Alternates.Should().Equal(expected.Alternates);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_scanner_hashes_what_it_reads_as_the_frame_does()
    {
        var frame = Frame(3000);
        using var stream = new Trickle(frame.Bytes, 999);
        var count = 0;
        TargetFrameScanner.Scan(stream, (_, _, _) => count++, hash: true).Should().Be(frame.Sha256);
        count.Should().Be(3000);
    }

    [Theory]
    [InlineData("id,stratum\nb,s|c|A\na,s|c|A\n", "line 3")]
    [InlineData("id,stratum\na,s|c|A\na,s|c|A\n", "line 3")]
    [InlineData("id,stratum\na,s|c|A", "does not end with a line feed")]
    [InlineData("id,stratum\r\na,s|c|A\r\n", "header")]
    [InlineData("id,stratum\na,s|c|A\r\n", "carriage return")]
    [InlineData("\uFEFFid,stratum\na,s|c|A\n", "byte-order mark")]
    [InlineData("id,reason\na,s|c|A\n", "header")]
    [InlineData("id,stratum\na,s|c|A,x\n", "two non-empty fields")]
    [InlineData("id,stratum\n,s|c|A\n", "two non-empty fields")]
    [InlineData("id,stratum\na,\n", "two non-empty fields")]
    [InlineData("", "header")]
    public void A_frame_stream_that_is_not_canonical_is_refused_as_parsing_it_whole_is(string text, string why)
    {
        var bytes = new UTF8Encoding(false).GetBytes(text);
        var stream = () => StreamingDraw.Targets(() => new MemoryStream(bytes), Seed, Rules());
        stream.Should().Throw<FrameException>().WithMessage($"*{why}*");
        var whole = () => CanonicalFrames.ParseTargets(CanonicalFrames.Decode(bytes));
        whole.Should().Throw<FrameException>("the whole-text reading refuses it too");
    }

    [Fact]
    public void Ids_are_ordered_as_UTF16_ordinal_even_where_UTF8_bytes_order_otherwise()
    {
        // U+FF21 (EF BC A1) sorts after U+1F600 (F0 9F 98 80) in UTF-8 bytes, before it in UTF-16 ordinal (the canonical order).
        var frame = CanonicalFrames.Targets([new TargetRow("x\U0001F600", "s|c|A"), new TargetRow("x\uFF21", "s|c|A")]);
        var read = new List<string>();
        TargetFrameScanner.Scan(new MemoryStream(frame.Bytes), (id, _, _) => read.Add(Encoding.UTF8.GetString(id)));
        read.Should().Equal(frame.Rows.Select(r => r.Id));
    }

    [Fact]
    public void A_second_reading_that_differs_from_the_counted_one_is_refused()
    {
        // Rows are read twice by the heaps (a count, then the selection): when a sieve's bound proved too tight, or without one.
        var rows = Frame(500).Rows;
        foreach (var sigmas in new double?[] { -3, null })
        {
            var reads = 0;
            var draw = () => TargetDraw.Run(() => reads++ == 0 ? rows : rows.Skip(1), Seed, Rules(), 0, null, sigmas);
            draw.Should().Throw<FrameException>().WithMessage("*differs from the one counted*", $"margin {sigmas}");
        }
    }

    [Fact]
    public void With_the_counts_known_the_frame_is_read_once_and_draws_the_same()
    {
        var frame = Frame(20_000);
        var rules = Rules();
        var fromMemory = TargetDraw.Run(frame.Rows, Seed, rules);
        var counts = StreamingDraw.Counts(fromMemory.Quotas);

        var opened = 0;
        var fromRows = StreamingDraw.Targets(() => { opened++; return frame.Rows; }, Seed, rules, counts);
        opened.Should().Be(1, "no counting pass");
        fromRows.Picks.Should().Equal(fromMemory.Picks);
        fromRows.Alternates.Should().Equal(fromMemory.Alternates);
        fromRows.Quotas.Should().Equal(fromMemory.Quotas);

        opened = 0;
        var fromStream = StreamingDraw.Targets(() => { opened++; return new MemoryStream(frame.Bytes); }, Seed, rules, counts);
        opened.Should().Be(1, "no counting pass");
        fromStream.Picks.Should().Equal(fromMemory.Picks);
        fromStream.Alternates.Should().Equal(fromMemory.Alternates);
    }

    [Fact]
    public void Counts_that_are_not_the_frames_are_refused()
    {
        var frame = Frame(2000);
        var counts = StreamingDraw.Counts(TargetDraw.Run(frame.Rows, Seed, Rules()).Quotas).ToDictionary();
        var stratum = counts.Keys.First();

        var oneMore = new Dictionary<string, int>(counts) { [stratum] = counts[stratum] + 1 };
        var drawn = () => StreamingDraw.Targets(() => new MemoryStream(frame.Bytes), Seed, Rules(), oneMore);
        drawn.Should().Throw<FrameException>().WithMessage("*differs from the one counted*");

        var missing = new Dictionary<string, int>(counts);
        missing.Remove(stratum);
        drawn = () => StreamingDraw.Targets(() => frame.Rows, Seed, Rules(), missing);
        drawn.Should().Throw<FrameException>().WithMessage($"*'{stratum}' was not in the target frame*");
        drawn = () => StreamingDraw.Targets(() => new MemoryStream(frame.Bytes), Seed, Rules(), missing);
        drawn.Should().Throw<FrameException>().WithMessage($"*'{stratum}' was not in the target frame*");

        var empty = new Dictionary<string, int>(counts) { ["632900|x|E"] = 0 };
        drawn = () => StreamingDraw.Targets(() => frame.Rows, Seed, Rules(), empty);
        drawn.Should().Throw<ArgumentOutOfRangeException>("a stratum of a frame has members");
    }

    private static QuotaRules Rules() =>
        new([new("A", 0.01m), new("B", 0.3m), new("C", 0.002m)], true, [new("632800|drug-tablet|C", 0), new("632900|x|E", 5)], 3);

    private static CanonicalFrame<TargetRow> Frame(int size)
    {
        string[] strata = ["630100|cosmetics|A", "630100|cosmetics|B", "630100|cosmetics|C", "630100|cosmetics|D", "632800|drug-tablet|A", "632800|drug-tablet|C", "632800|drug-tablet|D", "632900|x|E"];
        return CanonicalFrames.Targets(Enumerable.Range(0, size).Select(i => new TargetRow($"ENT|9163{i:D14}|c", strata[i * 7 % 13 % strata.Length])));
    }

    private static (List<StratumQuota> Quotas, List<Pick> Picks, List<Pick> Alternates) Reference(IReadOnlyList<TargetRow> rows, string seed, QuotaRules rules) =>
        TargetDrawTests.Reference(rows, seed, rules);

    /// <summary>A stream that gives at most <c>chunk</c> bytes per read.</summary>
    private sealed class Trickle(byte[] bytes, int chunk) : MemoryStream(bytes, false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }
}
