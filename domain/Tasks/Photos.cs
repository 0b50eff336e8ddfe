using Samples.Contracts.Tasks;

namespace Samples.Domain.Tasks;

/// <summary>
/// What a task's file must be to be stored: a JPEG, PNG or WebP image (or, as rectification evidence, a PDF) within the
/// size limit, named by its SHA-256.
/// </summary>
public static class Photos
{
    public static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = "image/jpeg",
        ["image/png"] = "image/png",
        ["image/webp"] = "image/webp",
    };

    public const string Pdf = "application/pdf";

    /// <summary>"image/jpeg; charset=binary" → "image/jpeg": the type without its parameters, in lower case.</summary>
    public static string? MediaType(string? contentType) => contentType?.Split(';')[0].Trim().ToLowerInvariant();

    public static bool IsSha256(string? text) =>
        text is { Length: 64 } && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f' or >= 'A' and <= 'F');

    /// <summary>Why the bytes cannot be stored under <paramref name="sha256"/>, or null: the name must be their hash.</summary>
    public static string? Problem(string sha256, ReadOnlySpan<byte> bytes, string? contentType, string kind = "label")
    {
        var type = MediaType(contentType);
        var pdf = kind == PhotoRef.Rectification && string.Equals(type, Pdf, StringComparison.OrdinalIgnoreCase);
        if (type is null || !(ContentTypes.ContainsKey(type) || pdf))
        {
            return $"the Content-Type must be one of: {string.Join(", ", ContentTypes.Keys)}" + (kind == PhotoRef.Rectification ? $", {Pdf}" : string.Empty);
        }

        if (bytes.Length is 0 || bytes.Length > PhotoRef.MaxBytes)
        {
            return $"a photo is 1 to {PhotoRef.MaxBytes} bytes (this one is {bytes.Length})";
        }

        var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        return string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"the bytes' SHA-256 is {actual}, not {sha256.ToLowerInvariant()}: the photo was changed or cut short on the way";
    }
}
