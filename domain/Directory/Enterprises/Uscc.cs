namespace Samples.Domain.Directory;

/// <summary>
/// The Unified Social Credit Code (统一社会信用代码) of GB 32100-2015: 18 characters, the embedded
/// GB 11714 organisation code (positions 9–17) with its own check character, and a final check
/// character over positions 1–17.
/// </summary>
public static class Uscc
{
    public const int Length = 18;

    /// <summary>The 31 characters allowed; a character's value is its index (A=10 … Y=30). No I, O, Z, S, V.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] OrganisationWeights = [3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>
    /// Checks a code. Lower-case letters are accepted and upper-cased (people type them); surrounding
    /// white space is removed. The result names the first problem found, by 1-based position.
    /// </summary>
    public static UsccCheck Validate(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return UsccCheck.Invalid(string.Empty, "is required: 18 characters, digits and upper-case letters except I, O, Z, S, V");
        }

        var code = input.Trim().ToUpperInvariant();
        if (code.Length != Length)
        {
            return UsccCheck.Invalid(code, $"must be 18 characters long, but has {code.Length}");
        }

        for (var i = 0; i < code.Length; i++)
        {
            if (Alphabet.IndexOf(code[i], StringComparison.Ordinal) < 0)
            {
                return UsccCheck.Invalid(code, $"position {i + 1}: '{input.Trim()[i]}' is not allowed (digits and letters except I, O, Z, S, V)");
            }
        }

        var organisationCheck = OrganisationCheckCharacter(code.AsSpan(8, 8));
        if (code[16] != organisationCheck)
        {
            return UsccCheck.WrongCheckCharacter(code, $"position 17: organisation-code check character is '{code[16]}', expected '{organisationCheck}'");
        }

        var check = CheckCharacter(code.AsSpan(0, 17));
        if (code[17] != check)
        {
            return UsccCheck.WrongCheckCharacter(code, $"position 18: check character is '{code[17]}', expected '{check}'");
        }

        return UsccCheck.Valid(code);
    }

    /// <summary>The check character for positions 1–17: (31 − Σ value×weight mod 31) mod 31.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = WeightedSum(first17);
        return Alphabet[(31 - (sum % 31)) % 31];
    }

    /// <summary>Σ value×weight over positions 1–17 (1640 for the worked example 91350100M000100Y43).</summary>
    public static int WeightedSum(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        }

        return sum;
    }

    /// <summary>
    /// The GB 11714 check character of an organisation code's first 8 characters: letters A=10 … Z=35
    /// (none skipped), check 11 − Σ mod 11, with 10 → X and 11 → 0.
    /// </summary>
    public static char OrganisationCheckCharacter(ReadOnlySpan<char> first8)
    {
        var value = 11 - (OrganisationWeightedSum(first8) % 11);
        return value switch
        {
            10 => 'X',
            11 => '0',
            _ => (char)('0' + value),
        };
    }

    /// <summary>Σ value×weight of the organisation code (139 for M000100Y of the worked example).</summary>
    public static int OrganisationWeightedSum(ReadOnlySpan<char> first8)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = first8[i];
            var value = c is >= '0' and <= '9' ? c - '0' : c - 'A' + 10;
            sum += value * OrganisationWeights[i];
        }

        return sum;
    }
}

/// <summary>
/// The outcome of <see cref="Uscc.Validate"/>: the normalised code, and the problem if any.
/// Only a wrong check character may be overridden (some early pilot codes are legal but fail it);
/// a code of the wrong length or with forbidden characters is never a code.
/// </summary>
public sealed record UsccCheck(string Code, string? Problem, bool Overridable)
{
    public bool IsValid => Problem is null;

    public static UsccCheck Valid(string code) => new(code, null, false);

    public static UsccCheck Invalid(string code, string problem) => new(code, problem, false);

    public static UsccCheck WrongCheckCharacter(string code, string problem) => new(code, problem, true);
}
