namespace Samples.Domain.Access;

/// <summary>Persisted credential: a salted hash, never the secret.</summary>
public sealed class ApiKeyState
{
    public bool Exists { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    /// <summary>The inspector number or lab id an inspector or lab credential acts as; null for the other roles.</summary>
    public string? Subject { get; set; }

    public byte[] Salt { get; set; } = [];

    public byte[] SecretHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }
}
