using Samples.Contracts.Directory;
using Samples.Domain.Directory;

namespace Samples.Domain.Tests.Directory;

public sealed class BatchRulesTests
{
    private static readonly DateOnly Today = new(2026, 7, 1);

    private static DefineBatch Batch() => new("QH-2026/0001", "91350100M000100Y43", "91350100M000100Y43", "potash-kcl-gb6549", "氯化钾",
        "盐湖", "50kg/袋", "GB 6549-2011", "20260301", new DateOnly(2026, 3, 1), "sup");

    [Fact]
    public void A_complete_definition_has_no_problems() => BatchRules.Check(Batch(), Today).Should().BeEmpty();

    [Fact]
    public void Optional_fields_may_be_missing() =>
        BatchRules.Check(Batch() with { Trademark = null, SpecModel = "  ", ProductionDate = null }, Today).Should().BeEmpty();

    [Fact]
    public void Every_bad_field_is_named_in_camel_case_in_field_order()
    {
        var batch = new DefineBatch(" ", "x", "91350100M000100Y44", "Potash", "", new string('a', 101), new string('b', 101), " ", new string('9', 65),
            Today.AddDays(1), "sup");

        BatchRules.Check(batch, Today).Select(p => p.Field).Should().Equal(
            "batchId", "enterpriseUscc", "producerUscc", "category", "productName", "trademark", "specModel", "standard", "batchNumber", "productionDate");
    }

    [Theory]
    [InlineData("A")]
    [InlineData("qh.2026_01:x/y-z")]
    [InlineData(" QH-1 ")]
    public void Batch_ids_of_letters_digits_and_punctuation_are_accepted(string id) =>
        BatchRules.Check(Batch() with { BatchId = id }, Today).Should().BeEmpty();

    [Theory]
    [InlineData("-QH")]
    [InlineData("QH 1")]
    [InlineData("批次")]
    public void Other_batch_ids_are_refused(string id) =>
        BatchRules.Check(Batch() with { BatchId = id }, Today).Should().ContainSingle().Which.Field.Should().Be("batchId");

    [Fact]
    public void A_batch_id_has_at_most_64_characters()
    {
        BatchRules.IsBatchId("A" + new string('0', 63)).Should().BeTrue();
        BatchRules.IsBatchId("A" + new string('0', 64)).Should().BeFalse();
        BatchRules.IsBatchId("A\n").Should().BeFalse("a trailing line break must not slip through the pattern's end");
    }

    [Fact]
    public void Messages_say_what_is_wrong()
    {
        BatchRules.Check(Batch() with { ProductionDate = Today.AddDays(1), ProducerUscc = "91350100M000100Y44", Standard = "GB\u0007" }, Today)
            .Select(p => $"{p.Field}: {p.Message}").Should().Equal(
                "producerUscc: '91350100M000100Y44': position 18: check character is '4', expected '3'",
                "standard: contains the control character U+0007 at position 3",
                "productionDate: 2026-07-02 is after 2026-07-01: a batch cannot have been produced in the future");
    }

    [Fact]
    public void A_lower_case_code_is_valid_and_normalising_upper_cases_it()
    {
        var batch = Batch() with { EnterpriseUscc = " 91350100m000100y43 ", Trademark = " ", SpecModel = " 50kg ", ProductName = " 氯化钾 " };

        BatchRules.Check(batch, Today).Should().BeEmpty();
        BatchRules.Normalise(batch).Should().Be(Batch() with { Trademark = null, SpecModel = "50kg" });
    }

    [Fact]
    public void The_same_product_key_survives_normalising()
    {
        var batch = BatchRules.Normalise(Batch() with { Standard = " gb 6549-2011 " });

        batch.SameProduct.Text.Should().Be("91350100M000100Y43|GB 6549-2011|盐湖|50KG/袋");
    }
}
