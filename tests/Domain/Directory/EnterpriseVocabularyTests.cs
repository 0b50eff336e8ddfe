using Samples.Contracts.Directory;
using Samples.Domain.Directory;

namespace Samples.Domain.Tests.Directory;

public sealed class EnterpriseVocabularyTests
{
    [Theory]
    [InlineData("producer", EnterpriseKind.Producer)]
    [InlineData("Seller", EnterpriseKind.Seller)]
    [InlineData("tourist-site-retailer", EnterpriseKind.TouristSiteRetailer)]
    [InlineData("TOURIST_SITE_RETAILER", EnterpriseKind.TouristSiteRetailer)]
    [InlineData("景区零售", EnterpriseKind.TouristSiteRetailer)]
    [InlineData(" 生产 ", EnterpriseKind.Producer)]
    public void Kinds_are_read_in_english_or_chinese(string text, EnterpriseKind expected)
    {
        EnterpriseVocabulary.TryParseKind(text, out var kind).Should().BeTrue();
        kind.Should().Be(expected);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("wholesaler")]
    [InlineData("")]
    [InlineData(null)]
    public void Numbers_and_unknown_words_are_not_kinds(string? text) =>
        EnterpriseVocabulary.TryParseKind(text, out _).Should().BeFalse("enum numbers are not a public vocabulary");

    [Theory]
    [InlineData("abnormal", EnterpriseStatus.AbnormalOperation)]
    [InlineData("经营异常", EnterpriseStatus.AbnormalOperation)]
    [InlineData("注销", EnterpriseStatus.Deregistered)]
    [InlineData("active", EnterpriseStatus.Active)]
    public void Statuses_are_read_in_english_or_chinese(string text, EnterpriseStatus expected)
    {
        EnterpriseVocabulary.TryParseStatus(text, out var status).Should().BeTrue();
        status.Should().Be(expected);
    }

    [Fact]
    public void Expected_values_are_listed_as_people_write_them()
    {
        EnterpriseVocabulary.Expected<EnterpriseKind>().Should().Be("producer, seller, tourist-site-retailer");
        EnterpriseVocabulary.Expected<RiskClass>().Should().Be("A, B, C, D");
    }
}
