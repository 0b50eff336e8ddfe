using Samples.Contracts.Access;
using Samples.Contracts.Common;
using Samples.Domain.Directory;

namespace Samples.Domain.Accounts;

/// <summary>
/// Person accounts: names, the password policy, lockout after repeated failures, and how long a session lives. The
/// password is hashed by the host with a well-kept library; here only what a password must be.
/// </summary>
public static class AccountRules
{
    public const int MinimumPasswordLength = 10;

    /// <summary>Failed logins in a row that lock an account, and for how long.</summary>
    public const int FailuresBeforeLockout = 5;

    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    /// <summary>A session ends after this long without use, and in any case this long after it opened.</summary>
    public static readonly TimeSpan SessionIdle = TimeSpan.FromHours(12);

    public static readonly TimeSpan SessionLifetime = TimeSpan.FromDays(7);

    /// <summary>The grain key of a user name (names are not case-sensitive), or null when it is not a valid name.</summary>
    public static string? Key(string? userName)
    {
        var name = userName?.Trim().ToLowerInvariant() ?? string.Empty;
        return name.Length is >= 3 and <= 40 && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '-' or '_') ? name : null;
    }

    public static IEnumerable<FieldProblem> Check(string? userName, string? name, string? role, string? subject, string? password)
    {
        if (Key(userName) is null)
        {
            yield return new("userName", "3 to 40 characters: letters a-z, digits, '.', '-' or '_' (e.g. li.jian)");
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            yield return new("name", "required: the person's name, at most 100 characters");
        }

        if (!Role.IsKnown(role))
        {
            yield return new("role", $"one of: {string.Join(", ", Role.All)}");
        }
        else if (role is Role.Inspector or Role.Lab or Role.Enterprise && string.IsNullOrWhiteSpace(subject))
        {
            yield return new("subject", role switch
            {
                Role.Inspector => "required: the inspector number this person acts as",
                Role.Lab => "required: the lab id this person acts for",
                _ => "required: the USCC of the enterprise this person acts for",
            });
        }
        else if (role == Role.Enterprise && Uscc.Validate(subject).Problem is { } problem)
        {
            yield return new("subject", $"not a valid USCC: {problem}");
        }

        foreach (var problem in Password(password, userName))
        {
            yield return problem with { Field = "password" };
        }
    }

    /// <summary>What is wrong with a password, if anything: long enough, of at least two kinds of character, not the name.</summary>
    public static IEnumerable<FieldProblem> Password(string? password, string? userName, string field = "newPassword")
    {
        var text = password ?? string.Empty;
        if (text.Length < MinimumPasswordLength)
        {
            yield return new(field, $"at least {MinimumPasswordLength} characters");
            yield break;
        }

        var kinds = new[] { text.Any(char.IsLetter), text.Any(char.IsDigit), text.Any(c => !char.IsLetterOrDigit(c)) }.Count(k => k);
        if (kinds < 2)
        {
            yield return new(field, "mix at least two of: letters, digits, other characters");
        }

        if (Key(userName) is { } key && text.Contains(key, StringComparison.OrdinalIgnoreCase))
        {
            yield return new(field, "must not contain the user name");
        }
    }

    /// <summary>Until when the account is locked after <paramref name="failures"/> failures in a row, or null.</summary>
    public static DateTimeOffset? LockedUntil(int failures, DateTimeOffset now) => failures >= FailuresBeforeLockout ? now + Lockout : null;

    /// <summary>Whether a session opened at <paramref name="opened"/> and last used at <paramref name="lastSeen"/> is still open.</summary>
    public static bool SessionOpen(DateTimeOffset opened, DateTimeOffset lastSeen, DateTimeOffset now) =>
        now - lastSeen <= SessionIdle && now - opened <= SessionLifetime;

    /// <summary>A first password nobody chose: 16 letters and digits in groups of four (no look-alikes), which the policy accepts.</summary>
    public static string NewFirstPassword()
    {
        const string Alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";
        var chars = System.Security.Cryptography.RandomNumberGenerator.GetItems<char>(Alphabet, 16);
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}-{new string(chars, 12, 4)}";
    }
}
