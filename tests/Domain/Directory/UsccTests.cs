using Samples.Domain.Directory;

namespace Samples.Domain.Tests.Directory;

public sealed class UsccTests
{
    [Fact]
    public void Worked_example_has_the_published_sums_and_check_characters()
    {
        const string code = "91350100M000100Y43";

        Uscc.WeightedSum(code.AsSpan(0, 17)).Should().Be(1640, "docs/domain.md section 5 gives the weighted sum 1640");
        Uscc.CheckCharacter(code.AsSpan(0, 17)).Should().Be('3');
        Uscc.OrganisationWeightedSum(code.AsSpan(8, 8)).Should().Be(139, "the organisation-code sum of M000100Y is 139");
        Uscc.OrganisationCheckCharacter(code.AsSpan(8, 8)).Should().Be('4');
        Uscc.Validate(code).IsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    [InlineData("91310115MA1K3BTP2B")]
    [InlineData("92340602MA2PBMEM24")]
    public void Valid_codes_from_the_domain_reference_pass(string code)
    {
        var check = Uscc.Validate(code);

        check.IsValid.Should().BeTrue(check.Problem);
        check.Code.Should().Be(code);
    }

    [Theory]
    [InlineData("91350100M000100Y44", 18, '3')]
    [InlineData("91110000600037341A", 18, 'L')]
    [InlineData("91350100M000100Y53", 17, '4')]
    [InlineData("91310115MA1K3BTP3B", 17, '2')]
    public void A_wrong_check_character_names_its_position_and_the_expected_character(string code, int position, char expected)
    {
        var check = Uscc.Validate(code);

        check.IsValid.Should().BeFalse();
        check.Overridable.Should().BeTrue("a wrong check character may be a legal early pilot code");
        check.Problem.Should().StartWith($"position {position}:").And.EndWith($"expected '{expected}'");
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Z')]
    [InlineData('S')]
    [InlineData('V')]
    public void Forbidden_letters_are_rejected_at_their_position(char letter)
    {
        var code = "91310115M" + letter + "1K3BTP2B";

        var check = Uscc.Validate(code);

        check.IsValid.Should().BeFalse();
        check.Overridable.Should().BeFalse("a forbidden character can never be overridden");
        check.Problem.Should().StartWith($"position 10: '{letter}' is not allowed");
    }

    [Theory]
    [InlineData("91350100M000100Y4", 17)]
    [InlineData("91350100M000100Y433", 19)]
    [InlineData("9135", 4)]
    public void Wrong_length_is_rejected_with_the_length_found(string code, int length)
    {
        var check = Uscc.Validate(code);

        check.IsValid.Should().BeFalse();
        check.Overridable.Should().BeFalse();
        check.Problem.Should().Be($"must be 18 characters long, but has {length}");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_code_is_required(string? code) =>
        Uscc.Validate(code).Problem.Should().StartWith("is required");

    [Fact]
    public void Lower_case_and_surrounding_spaces_are_normalised_to_the_upper_case_code()
    {
        var check = Uscc.Validate("  91310115ma1k3btp2b ");

        check.IsValid.Should().BeTrue(check.Problem);
        check.Code.Should().Be("91310115MA1K3BTP2B");
    }

    [Fact]
    public void Lower_case_forbidden_letters_are_still_forbidden_and_reported_as_typed()
    {
        var check = Uscc.Validate("91310115mo1k3btp2b");

        check.IsValid.Should().BeFalse();
        check.Problem.Should().StartWith("position 10: 'o' is not allowed");
    }

    [Fact]
    public void Check_uses_the_outer_modulo_so_a_sum_divisible_by_31_gives_0()
    {
        // Find a prefix whose weighted sum is a multiple of 31: its check must be '0', not the 32nd character.
        var prefix = Enumerable.Range(0, 31)
            .Select(i => "9135010000000000" + Uscc.Alphabet[i])
            .First(p => Uscc.WeightedSum(p) % 31 == 0);

        Uscc.CheckCharacter(prefix).Should().Be('0');
    }

    [Fact]
    public void Organisation_check_maps_10_to_X_and_11_to_0()
    {
        // Sweep the last organisation character: each remainder class appears, including 10 (X) and 11 (0).
        var checks = Enumerable.Range(0, 10)
            .Select(d => "0000000" + (char)('0' + d))
            .ToDictionary(o => o, o => (Sum: Uscc.OrganisationWeightedSum(o), Check: Uscc.OrganisationCheckCharacter(o)));

        foreach (var (_, (sum, check)) in checks)
        {
            var expected = (11 - (sum % 11)) switch { 10 => 'X', 11 => '0', var v => (char)('0' + v) };
            check.Should().Be(expected);
        }

        Uscc.OrganisationCheckCharacter("00000000").Should().Be('0', "sum 0 gives 11, written 0");
        checks.Values.Should().Contain(c => c.Check == 'X', "some final digit gives remainder 1, i.e. 10 → X");
    }
}
