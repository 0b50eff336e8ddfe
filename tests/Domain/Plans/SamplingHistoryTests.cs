using Samples.Contracts.Plans;
using Samples.Domain.Plans;
using Samples.Domain.Tests.Support;

namespace Samples.Domain.Tests.Plans;

public sealed class SamplingHistoryTests
{
    private static readonly DateOnly DrawDate = new(2026, 9, 15);
    private static readonly string Enterprise = Codes.NewUscc();

    private static SamplingRecord Record(string batch, DateOnly on, string category = "lithium-carbonate", string? uscc = null) =>
        new(batch, uscc ?? Enterprise, category, $"{Enterprise}|GB/T 11075-2013|盐湖牌|电池级", on, ["QH-0001"], false);

    [Fact]
    public void Six_months_to_the_day_before_the_draw_no_longer_excludes_and_a_day_later_does()
    {
        SixMonthRule.From(DrawDate).Should().Be(new DateOnly(2026, 3, 16));
        SixMonthRule.Excluded([Record("B-1", new DateOnly(2026, 3, 15))], DrawDate).Should().BeEmpty();
        SixMonthRule.Excluded([Record("B-1", new DateOnly(2026, 3, 16))], DrawDate).Should().ContainKey((Enterprise, "lithium-carbonate"));
    }

    [Fact]
    public void Only_the_sampled_category_is_excluded_and_the_latest_sampling_is_the_reason()
    {
        var excluded = SixMonthRule.Excluded([Record("B-1", new DateOnly(2026, 5, 1)), Record("B-2", new DateOnly(2026, 8, 1))], DrawDate);

        excluded.Should().ContainSingle();
        excluded[(Enterprise, "lithium-carbonate")].Should().StartWith("6-month rule: sampled 2026-08-01 as batch B-2");
        excluded[(Enterprise, "lithium-carbonate")].Should().NotContain(",", "a frame field holds no comma");
    }

    [Fact]
    public void A_sampling_after_the_draw_date_does_not_exclude() =>
        SixMonthRule.Excluded([Record("B-1", DrawDate.AddDays(1))], DrawDate).Should().BeEmpty();

    [Fact]
    public void Records_are_checked_all_or_none_with_the_index_and_field()
    {
        var today = new DateOnly(2026, 11, 23);
        SamplingRecord[] records =
        [
            Record(" B-1 ", new DateOnly(2026, 10, 1)),
            Record("B-2", today.AddDays(1)),
            Record("B-3", new DateOnly(2026, 10, 1), uscc: "91630000XXXXXXXXX1"),
            Record("", new DateOnly(2026, 10, 1)),
        ];

        var (kept, problems) = SamplingHistoryRules.Check(records, new Dictionary<string, SamplingRecord>(), today);

        problems.Select(p => p.Field).Should().Equal("records[1].sampledOn", "records[2].enterpriseUscc", "records[3].batchId");
        kept.Should().ContainSingle().Which.BatchId.Should().Be("B-1", "trimmed");
    }

    [Fact]
    public void The_same_record_again_is_accepted_and_other_facts_under_a_known_batch_are_refused()
    {
        var today = new DateOnly(2026, 11, 23);
        var known = new Dictionary<string, SamplingRecord> { ["B-1"] = Record("B-1", new DateOnly(2026, 10, 1)) };

        SamplingHistoryRules.Check([Record("B-1", new DateOnly(2026, 10, 1))], known, today).Problems.Should().BeEmpty();
        SamplingHistoryRules.Check([Record("B-1", new DateOnly(2026, 10, 2))], known, today).Problems.Should().ContainSingle()
            .Which.Message.Should().Contain("never changed");
    }

    [Fact]
    public void A_batch_sampled_at_a_seller_also_keeps_its_producer_out_of_the_category()
    {
        var seller = Codes.NewUscc();
        var record = Record("B-9", new DateOnly(2026, 8, 1), uscc: seller);

        var excluded = SixMonthRule.Excluded([record], DrawDate);

        excluded.Keys.Should().BeEquivalentTo([(seller, "lithium-carbonate"), (Enterprise, "lithium-carbonate")], "the product's producer is " + Enterprise);
    }
}
