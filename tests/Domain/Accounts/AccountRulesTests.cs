using Samples.Domain.Accounts;
using Samples.Domain.Tests.Support;

namespace Samples.Domain.Tests.Accounts;

public sealed class AccountRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void User_names_are_lower_case_keys_of_a_few_characters()
    {
        AccountRules.Key(" Li.Jian ").Should().Be("li.jian");
        AccountRules.Key("li").Should().BeNull();
        AccountRules.Key("李检").Should().BeNull();
        AccountRules.Key("li jian").Should().BeNull();
    }

    [Fact]
    public void A_password_is_long_mixed_and_not_the_name()
    {
        AccountRules.Password("Qinghai-2026", "li.jian").Should().BeEmpty();
        AccountRules.Password("short1!", "li.jian").Single().Message.Should().Be("at least 10 characters");
        AccountRules.Password("onlyletterszz", "li.jian").Single().Message.Should().StartWith("mix at least two");
        AccountRules.Password("li.jian-2026", "li.jian").Single().Message.Should().Be("must not contain the user name");
    }

    [Fact]
    public void An_account_needs_a_known_role_and_an_inspector_or_lab_its_subject()
    {
        AccountRules.Check("li.jian", "李检", "inspector", null, "Qinghai-2026").Single().Field.Should().Be("subject");
        AccountRules.Check("li.jian", "李检", "lab", "LAB-1", "Qinghai-2026").Should().BeEmpty();
        AccountRules.Check("li.jian", "", "boss", null, "x").Select(p => p.Field).Should().Equal("name", "role", "password");
    }

    [Fact]
    public void An_enterprise_account_acts_for_one_valid_uscc()
    {
        AccountRules.Check("yanhu.co", "盐湖公司", "enterprise", null, "Qinghai-2026").Single().Message.Should().Contain("USCC");
        AccountRules.Check("yanhu.co", "盐湖公司", "enterprise", "91630000MA75XXXX1B", "Qinghai-2026").Single().Message.Should().StartWith("not a valid USCC");
        AccountRules.Check("yanhu.co", "盐湖公司", "enterprise", Codes.NewUscc(), "Qinghai-2026").Should().BeEmpty();
    }

    [Fact]
    public void Five_failures_lock_for_15_minutes_and_sessions_end_when_idle_or_old()
    {
        AccountRules.LockedUntil(4, Now).Should().BeNull();
        AccountRules.LockedUntil(5, Now).Should().Be(Now.AddMinutes(15));
        AccountRules.SessionOpen(Now, Now, Now.AddHours(12)).Should().BeTrue();
        AccountRules.SessionOpen(Now, Now, Now.AddHours(12).AddSeconds(1)).Should().BeFalse("12 hours idle");
        AccountRules.SessionOpen(Now, Now.AddDays(7), Now.AddDays(7).AddSeconds(1)).Should().BeFalse("7 days old");
    }
}
