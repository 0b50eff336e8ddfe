using System.Security.Cryptography;
using Samples.Contracts.Tasks;
using Samples.Domain.Tasks;

namespace Samples.Domain.Tests.Tasks;

public sealed class PhotosTests
{
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];
    private static readonly string Sha = Convert.ToHexStringLower(SHA256.HashData(Jpeg));

    [Fact]
    public void A_photo_is_stored_only_under_the_sha256_of_its_bytes_as_an_image_within_the_limit()
    {
        Photos.Problem(Sha, Jpeg, "image/jpeg").Should().BeNull();
        Photos.Problem(Sha.ToUpperInvariant(), Jpeg, "image/jpeg; charset=binary").Should().BeNull("the name's case and a parameter do not matter");
        Photos.Problem(Sha, [.. Jpeg, 0], "image/jpeg").Should().Contain("changed or cut short", "one byte more is another photo");
        Photos.Problem(Sha, Jpeg, "text/html").Should().Contain("Content-Type");
        Photos.Problem(Sha, Jpeg, null).Should().Contain("Content-Type");
        Photos.Problem(Sha, [], "image/png").Should().Contain("1 to");
        Photos.Problem(Sha, new byte[PhotoRef.MaxBytes + 1], "image/png").Should().Contain("1 to");
        Photos.Problem(Sha, Jpeg, "application/pdf").Should().Contain("Content-Type", "a sampling photo is an image");
        Photos.Problem(Sha, Jpeg, "application/pdf", PhotoRef.Rectification).Should().BeNull("rectification evidence may be a PDF");
        Photos.IsSha256(Sha).Should().BeTrue();
        Photos.IsSha256(Sha[..63] + "g").Should().BeFalse();
    }
}
