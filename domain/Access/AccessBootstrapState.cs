namespace Samples.Domain.Access;

public sealed class AccessBootstrapState
{
    public string? AdminKeyId { get; set; }

    public DateTimeOffset? IssuedAt { get; set; }
}
