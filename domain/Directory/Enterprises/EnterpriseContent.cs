using System.Security.Cryptography;
using System.Text;

namespace Samples.Domain.Directory;

/// <summary>
/// A fingerprint of an enterprise's directory fields (not its history or timestamps): equal for equal
/// data, so a bulk import can skip what is already so.
/// </summary>
public static class EnterpriseContent
{
    public static byte[] Hash(EnterpriseState state)
    {
        var text = string.Join('\u001f',
            state.Uscc,
            state.Name,
            state.Address ?? string.Empty,
            state.RegionCode ?? string.Empty,
            state.Kind.ToString(),
            string.Join('\u001e', state.Categories),
            string.Join('\u001e', state.Licences),
            state.Status.ToString(),
            state.KeySupervision ? "1" : "0",
            state.RiskClass.ToString());
        return SHA256.HashData(Encoding.UTF8.GetBytes(text));
    }
}
