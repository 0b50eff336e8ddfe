using System.Text;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>
/// The one-pass reading of canonical frames and of bundle bytes against the general one (split, rebuild, compare; decode the
/// file as text first): the same frame or the same refusal, word for word, for canonical and for tricky texts.
/// </summary>
public sealed class FrameReadingTests
{
    private static string Outcome<TRow>(Func<CanonicalFrame<TRow>> read)
    {
        try
        {
            var frame = read();
            return $"ok {frame.Sha256} {frame.Rows.Count} {string.Join("/", frame.Rows.Select(r => r is InspectorRow i ? $"{i.Id},{i.Unit},{string.Join(';', i.Regions)},{string.Join(';', i.Qualifications)},{i.Capacity}" : r!.ToString()))}";
        }
        catch (Exception ex) when (ex is FrameException or ArgumentException)
        {
            return $"{ex.GetType().Name}: {ex.Message}";
        }
    }

    [Theory]
    [InlineData("id,stratum\nENT|A,632800|x|A\nENT|B,632800|x|B\n")]
    [InlineData("id,stratum\n")]
    [InlineData("id,stratum")]
    [InlineData("id,stratum\nENT|A,s")]
    [InlineData("id,stratum\r\nENT|A,s\r\n")]
    [InlineData("id,stratum\nENT|A,s\r\n")]
    [InlineData("id,stratum\nENT|B,s\nENT|A,s\n")]
    [InlineData("id,stratum\nENT|A,s\nENT|A,s\n")]
    [InlineData("id,stratum\nENT|A,s\nENT|A,t\n")]
    [InlineData("id,stratum\nENT|A,\n")]
    [InlineData("id,stratum\n,s\n")]
    [InlineData("id,stratum\n\nENT|A,s\n")]
    [InlineData("id,stratum\nENT|A,s\n\n")]
    [InlineData("id,stratum\nENT|A,s,t\n")]
    [InlineData("id,stratum\nENT|A\n")]
    [InlineData("ID,STRATUM\nENT|A,s\n")]
    [InlineData("id,stratum,\nENT|A,s\n")]
    [InlineData("\uFEFFid,stratum\nENT|A,s\n")]
    [InlineData("id,stratum\nENT|é,s\nENT|z,s\n")]
    [InlineData("id,stratum\nENT|z,s\nENT|é,s\n")]
    public void Target_texts_read_as_the_general_reading_reads_them(string text)
    {
        Outcome(() => CanonicalFrames.ParseTargets(text)).Should().Be(Outcome(() => CanonicalFrames.ReparseTargets(text)), text);
        Outcome(() => CanonicalFrames.ParseExclusions(text.Replace("id,stratum", "id,reason", StringComparison.Ordinal)))
            .Should().Be(Outcome(() => CanonicalFrames.ReparseExclusions(text.Replace("id,stratum", "id,reason", StringComparison.Ordinal))), text);
    }

    [Theory]
    [InlineData("INS|1,u,630100;632800,cosmetics;drug-tablet,12\nINS|2,u,,cosmetics,0\n")]
    [InlineData("INS|1,u,632800;630100,cosmetics,12\n")]
    [InlineData("INS|1,u,630100;630100,cosmetics,12\n")]
    [InlineData("INS|1,u,630100;;632800,cosmetics,12\n")]
    [InlineData("INS|1,u,;630100,cosmetics,12\n")]
    [InlineData("INS|1,u,630100;,cosmetics,12\n")]
    [InlineData("INS|1,u,630100,,12\n")]
    [InlineData("INS|1,u,630100,cosmetics,012\n")]
    [InlineData("INS|1,u,630100,cosmetics,00\n")]
    [InlineData("INS|1,u,630100,cosmetics,+1\n")]
    [InlineData("INS|1,u,630100,cosmetics,-1\n")]
    [InlineData("INS|1,u,630100,cosmetics, 1\n")]
    [InlineData("INS|1,u,630100,cosmetics,99999999999\n")]
    [InlineData("INS|1,u,630100,cosmetics,2147483647\n")]
    [InlineData("INS|1,u,630100,cosmetics,١\n")]
    [InlineData("INS|1,u,630100,cosmetics\n")]
    [InlineData("INS|1,,630100,cosmetics,1\n")]
    [InlineData("INS|2,u,630100,cosmetics,1\nINS|1,u,630100,cosmetics,1\n")]
    public void Inspector_texts_read_as_the_general_reading_reads_them(string rows)
    {
        var text = CanonicalFrames.InspectorHeader + "\n" + rows;

        Outcome(() => CanonicalFrames.ParseInspectors(text)).Should().Be(Outcome(() => CanonicalFrames.ReparseInspectors(text)), rows);
    }

    [Fact]
    public void Frames_built_here_read_back_to_the_same_frames()
    {
        var targets = DrawFixture.Targets();
        var inspectors = DrawFixture.Inspectors();

        var readTargets = CanonicalFrames.ParseTargets(targets.Text);
        readTargets.Rows.Should().Equal(targets.Rows, "the same rows");
        readTargets.Sha256.Should().Be(targets.Sha256);
        readTargets.Bytes.Should().Equal(targets.Bytes);
        var readInspectors = CanonicalFrames.ParseInspectors(inspectors.Text);
        readInspectors.Text.Should().Be(inspectors.Text);
        readInspectors.Rows.Select(r => (r.Id, r.Unit, string.Join(';', r.Regions), string.Join(';', r.Qualifications), r.Capacity))
            .Should().Equal(inspectors.Rows.Select(r => (r.Id, r.Unit, string.Join(';', r.Regions), string.Join(';', r.Qualifications), r.Capacity)));
    }

    [Fact]
    public void Bundle_bytes_read_as_the_text_File_ReadAllText_gives()
    {
        var json = Bundles.Create(DrawFixture.Ceremony()).ToJson();
        var utf8 = new UTF8Encoding(false).GetBytes(json);
        byte[][] files =
        [
            utf8,
            [0xEF, 0xBB, 0xBF, .. utf8],
            Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(json)).ToArray(),
            [.. utf8[..^2], 0xFF, .. utf8[^2..]],
        ];
        var path = Path.GetTempFileName();
        try
        {
            foreach (var file in files)
            {
                File.WriteAllBytes(path, file);
                string Read(Func<DrawBundle> read)
                {
                    try
                    {
                        return read().ToJson();
                    }
                    catch (FormatException ex)
                    {
                        return ex.Message;
                    }
                }

                Read(() => DrawBundle.FromJson(file)).Should().Be(Read(() => DrawBundle.FromJson(File.ReadAllText(path))));
            }
        }
        finally
        {
            File.Delete(path);
        }

        DrawBundle.FromJson(utf8).ToJson().Should().Be(json, "valid UTF-8 is read as it is");
        ((Action)(() => DrawBundle.FromJson("{"u8.ToArray()))).Should().Throw<FormatException>().WithMessage("not a draw bundle: *");
    }

    [Fact]
    public void Text_hashed_in_pieces_is_the_hash_of_its_bytes()
    {
        var pair = "\ud83d\ude00";
        string[] texts =
        [
            "", "a", "企业", "lone \ud800 high", "lone \udc00 low", "ends high \ud800",
            new string('x', (1 << 16) - 1) + pair + "tail", new string('x', (1 << 16) - 1) + "\ud800", new string('é', 200_000) + pair,
        ];
        foreach (var text in texts)
        {
            Utf8Text.Sha256Hex(text).Should().Be(Tickets.Sha256Hex(new UTF8Encoding(false).GetBytes(text)), $"a text of {text.Length} characters");
        }
    }

    [Fact]
    public void An_inline_frame_with_a_byte_order_mark_is_refused_as_before()
    {
        var bundle = Bundles.Create(DrawFixture.Ceremony());
        var text = "\uFEFF" + bundle.Frames.Targets;
        var marked = bundle with
        {
            Frames = bundle.Frames with { Targets = text },
            Commitment = bundle.Commitment with { TargetFrameSha256 = Tickets.Sha256Hex(new UTF8Encoding(false).GetBytes(text)) },
        };

        Verifier.Verify(marked).Should().Contain("target frame: not canonical: a canonical frame has no byte-order mark");
    }

    [Fact]
    public void A_large_frame_read_in_pieces_is_the_frame_read_whole_and_order_is_checked_across_pieces()
    {
        var frame = CanonicalFrames.Targets(Enumerable.Range(0, 150_000).Select(i => new TargetRow($"ENT|91632800{i:D9}X|cosmetics", $"632800|cosmetics|{"ABCD"[i % 4]}")));
        var text = frame.Text;
        text.Length.Should().BeGreaterThan(4 << 20, "large enough to be read in pieces");

        var read = CanonicalFrames.ParseTargets(text);
        read.Rows.Should().Equal(frame.Rows);
        read.Sha256.Should().Be(frame.Sha256);

        // Two rows swapped where each piece begins (the last row of one piece, the first of the next): refused as before.
        var start = CanonicalFrames.TargetHeader.Length + 1;
        var pieces = Environment.ProcessorCount * 4;
        for (var k = 1; k < pieces; k++)
        {
            var at = text.IndexOf('\n', start + (int)((long)(text.Length - start) * k / pieces) - 1) + 1;
            var before = text.LastIndexOf('\n', at - 2) + 1;
            var after = text.IndexOf('\n', at) + 1;
            var swapped = string.Concat(text.AsSpan(0, before), text.AsSpan(at, after - at), text.AsSpan(before, at - before), text.AsSpan(after));
            Outcome(() => CanonicalFrames.ParseTargets(swapped)).Should().Be(Outcome(() => CanonicalFrames.ReparseTargets(swapped)), $"piece {k}");
            Outcome(() => CanonicalFrames.ParseTargets(swapped)).Should().StartWith("FrameException", $"piece {k}");
        }

        AppContext.SetSwitch(Cores.SingleThreadedSwitch, true);
        try
        {
            CanonicalFrames.ParseTargets(text).Rows.Should().Equal(frame.Rows, "one thread");
        }
        finally
        {
            AppContext.SetSwitch(Cores.SingleThreadedSwitch, false);
        }
    }
}
