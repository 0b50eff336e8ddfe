using Samples.Contracts.Common;
using Samples.Contracts.Directory;
using Samples.Domain.Directory;

namespace Samples.Domain.Tests.Directory;

public sealed class EnterpriseRegistrationRulesTests
{
    private const string Valid = "91310115MA1K3BTP2B";
    private const string WrongCheck = "91310115MA1K3BTP2C";

    private static RegisterEnterprise Command(string uscc = Valid, string name = "青海盐湖示例钾肥有限公司", string? region = "632800", string? reason = null, string by = "sup (k1)") =>
        new(uscc, name, "格尔木市", region, reason, by);

    [Fact]
    public void A_complete_valid_request_has_no_problems()
    {
        var (problems, overridden) = EnterpriseRegistrationRules.Check(Valid, Command());

        problems.Should().BeEmpty();
        overridden.Should().BeNull();
    }

    [Fact]
    public void A_wrong_check_character_without_reason_is_refused_with_a_hint_to_override()
    {
        var (problems, _) = EnterpriseRegistrationRules.Check(WrongCheck, Command(WrongCheck));

        problems.Should().ContainSingle().Which.Should().Be(new FieldProblem("uscc",
            "position 18: check character is 'C', expected 'B'; if this is a legal early pilot code, register it with usccOverrideReason stating why"));
    }

    [Fact]
    public void A_wrong_check_character_with_a_reason_is_accepted_and_says_what_was_overridden()
    {
        var (problems, overridden) = EnterpriseRegistrationRules.Check(WrongCheck, Command(WrongCheck, reason: "2015 pilot code confirmed by the registry office"));

        problems.Should().BeEmpty();
        overridden.Should().Be("position 18: check character is 'C', expected 'B'");
    }

    [Fact]
    public void A_too_short_reason_is_refused()
    {
        var (problems, _) = EnterpriseRegistrationRules.Check(WrongCheck, Command(WrongCheck, reason: "pilot"));

        problems.Should().ContainSingle().Which.Field.Should().Be("usccOverrideReason");
    }

    [Fact]
    public void A_reason_for_a_valid_code_is_refused_rather_than_recorded_for_nothing()
    {
        var (problems, _) = EnterpriseRegistrationRules.Check(Valid, Command(reason: "no reason needed at all"));

        problems.Should().ContainSingle().Which.Field.Should().Be("usccOverrideReason");
    }

    [Fact]
    public void A_forbidden_character_cannot_be_overridden()
    {
        const string forbidden = "91310115MO1K3BTP2B";

        var (problems, _) = EnterpriseRegistrationRules.Check(forbidden, Command(forbidden, reason: "please accept it anyway"));

        problems.Should().ContainSingle().Which.Should().Be(new FieldProblem("uscc", "position 10: 'O' is not allowed (digits and letters except I, O, Z, S, V)"));
    }

    [Fact]
    public void Every_bad_field_is_reported_at_once()
    {
        var (problems, _) = EnterpriseRegistrationRules.Check(Valid, Command(name: " ", region: "63280", by: ""));

        problems.Select(p => p.Field).Should().BeEquivalentTo(["name", "regionCode", "requestedBy"]);
    }

    [Fact]
    public void The_code_must_match_the_grain_it_is_sent_to()
    {
        var (problems, _) = EnterpriseRegistrationRules.Check("91110000600037341L", Command());

        problems.Should().ContainSingle().Which.Message.Should().Contain("does not match");
    }
}
