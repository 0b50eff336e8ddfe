using System.Text;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

public sealed class CanonicalFramesTests
{
    [Fact]
    public void A_target_frame_is_sorted_with_a_header_and_LF_line_ends_and_hashed_as_bytes()
    {
        var frame = CanonicalFrames.Targets([new("ENT|B", "632800|potash|B"), new("ENT|A", "630100|盐|A")]);

        frame.Text.Should().Be("id,stratum\nENT|A,630100|盐|A\nENT|B,632800|potash|B\n", "sorted by id, a line end after every row");
        frame.Bytes.Should().Equal(Encoding.UTF8.GetBytes(frame.Text), "UTF-8 without a byte-order mark");
        frame.Sha256.Should().Be(Tickets.Sha256Hex(frame.Text), "the hash of the canonical bytes");
    }

    [Fact]
    public void Input_order_does_not_change_the_frame_or_its_hash()
    {
        var rows = DrawFixture.Targets().Rows;

        CanonicalFrames.Targets(rows.Reverse()).Sha256.Should().Be(DrawFixture.Targets().Sha256, "never row order");
    }

    [Fact]
    public void An_inspector_frame_sorts_and_joins_its_lists()
    {
        var frame = CanonicalFrames.Inspectors([new("INS|2", "省局", ["632800", "630100"], ["potash", "lithium"], 3), new("INS|1", "局", [], ["x"], 0)]);

        frame.Text.Should().Be("id,unit,regions,qualifications,capacity\nINS|1,局,,x,0\nINS|2,省局,630100;632800,lithium;potash,3\n", "lists sorted and joined by ';'");
    }

    [Fact]
    public void Exclusions_have_their_own_header_and_hash()
    {
        var frame = DrawFixture.Exclusions();

        frame.Text.Should().Be("id,reason\nENT|91632800QH999999X,deregistered\nINS|QH-0009,on leave\n", "the exclusions list");
    }

    [Theory]
    [InlineData("ENT|A", "ENT|A", "target frame: duplicate id 'ENT|A'")]
    [InlineData("ENT|A,1", "ENT|B", "target frame, id 'ENT|A,1': id 'ENT|A,1' contains a comma or a line break")]
    [InlineData("ENT|A\n", "ENT|B", "target frame, id 'ENT|A\\n': id 'ENT|A\\n' contains a comma or a line break")]
    [InlineData("", "ENT|B", "target frame, id '': id is empty")]
    public void Bad_target_rows_are_refused_with_the_reason(string first, string second, string message)
    {
        var act = () => CanonicalFrames.Targets([new(first, "s"), new(second, "s")]);

        act.Should().Throw<FrameException>().Which.Message.Should().Be(message, "the refusal names the row and the rule");
    }

    [Fact]
    public void A_comma_in_a_stratum_a_semicolon_in_a_list_or_a_negative_capacity_is_refused()
    {
        ((Action)(() => CanonicalFrames.Targets([new("ENT|A", "a,b")]))).Should().Throw<FrameException>().WithMessage("*stratum 'a,b' contains a comma*");
        ((Action)(() => CanonicalFrames.Inspectors([new("I", "u", ["a;b"], [], 1)]))).Should().Throw<FrameException>().WithMessage("*regions entry 'a;b'*");
        ((Action)(() => CanonicalFrames.Inspectors([new("I", "u", [], [], -1)]))).Should().Throw<FrameException>().WithMessage("*capacity -1 is negative*");
        ((Action)(() => CanonicalFrames.Exclusions([new("I", "a"), new("I", "b")]))).Should().Throw<FrameException>().WithMessage("exclusions: duplicate id 'I'");
    }

    [Fact]
    public void Canonical_text_parses_back_to_the_same_frame()
    {
        var inspectors = DrawFixture.Inspectors();

        CanonicalFrames.ParseInspectors(inspectors.Text).Sha256.Should().Be(inspectors.Sha256, "parse and rebuild give the same bytes");
        CanonicalFrames.ParseTargets(DrawFixture.Targets().Text).Rows.Should().HaveCount(60, "every row read back");
        CanonicalFrames.ParseExclusions(DrawFixture.Exclusions().Text).Rows.Should().HaveCount(2, "every row read back");
    }

    [Theory]
    [InlineData("id,stratum\r\nENT|A,s\r\n")]
    [InlineData("id,stratum\nENT|B,s\nENT|A,s\n")]
    [InlineData("id,stratum\nENT|A,s")]
    [InlineData("ID,STRATUM\nENT|A,s\n")]
    [InlineData("id,stratum\nENT|A,s,extra\n")]
    public void Text_that_is_not_canonical_is_refused(string text)
    {
        var act = () => CanonicalFrames.ParseTargets(text);

        act.Should().Throw<FrameException>("only the canonical form has the committed hash");
    }

    [Fact]
    public void A_byte_order_mark_or_bad_UTF8_is_refused()
    {
        ((Action)(() => CanonicalFrames.Decode([0xEF, 0xBB, 0xBF, (byte)'i']))).Should().Throw<FrameException>().WithMessage("*byte-order mark*");
        ((Action)(() => CanonicalFrames.Decode([0xC3, 0x28]))).Should().Throw<FrameException>().WithMessage("*UTF-8; these bytes are not");
    }
}
