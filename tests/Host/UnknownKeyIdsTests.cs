using Samples.Silo.Access;

namespace Samples.Tests.Host;

public sealed class UnknownKeyIdsTests
{
    [Fact]
    public void A_key_id_never_issued_is_remembered_and_others_are_not()
    {
        var unknown = new UnknownKeyIds();
        unknown.Contains("abcdefghijkm").Should().BeFalse();
        unknown.Add("abcdefghijkm");
        unknown.Contains("abcdefghijkm").Should().BeTrue();
        unknown.Contains("abcdefghijkn").Should().BeFalse();
    }
}
