using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>
/// A fingerprint of an enterprise's directory fields (not its history or timestamps): equal for equal
/// data, so a bulk import can skip what is already so.
/// </summary>
public static class EnterpriseContent
{
    public static byte[] Hash(EnterpriseState state) => Hash(
        state.Uscc, state.Name, state.Address, state.RegionCode, state.Kind, state.Categories, state.Licences, state.Status, state.KeySupervision, state.RiskClass);

    /// <summary>The fingerprint of the state the row stands for (<see cref="EnterpriseImportMapping.ToState"/>), without building it.</summary>
    public static byte[] Hash(EnterpriseRow row) => Hash(
        row.Uscc, row.Name, row.Address, row.RegionCode, row.Kind, row.Categories, row.Licences, row.Status, row.KeySupervision, row.RiskClass);

    private static byte[] Hash(
        string uscc, string name, string? address, string? regionCode, EnterpriseKind kind, IEnumerable<string> categories, IEnumerable<string> licences,
        EnterpriseStatus status, bool keySupervision, RiskClass riskClass)
    {
        var text = string.Join('\u001f',
            uscc,
            name,
            address ?? string.Empty,
            regionCode ?? string.Empty,
            kind.ToString(),
            string.Join('\u001e', categories),
            string.Join('\u001e', licences),
            status.ToString(),
            keySupervision ? "1" : "0",
            riskClass.ToString());
        // A national import hashes 10,000,000 rows: the UTF-8 bytes go through a pooled buffer.
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            return SHA256.HashData(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
