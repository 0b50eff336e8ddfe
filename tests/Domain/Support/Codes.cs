using System.Security.Cryptography;
using Samples.Domain.Directory;

namespace Samples.Domain.Tests.Support;

public static class Codes
{
    /// <summary>A valid USCC (enterprise, Haixi division) with a random organisation code, so tests never collide.</summary>
    public static string NewUscc()
    {
        var organisation = "MA" + RandomNumberGenerator.GetString("0123456789ABCDEFGHJKLMNPQRTUWXY", 6);
        var first17 = "91632800" + organisation + Uscc.OrganisationCheckCharacter(organisation);
        return first17 + Uscc.CheckCharacter(first17);
    }
}
