using Samples.Contracts.Tasks;

namespace Samples.Domain.Tasks;

/// <summary>
/// Whether a sampled product's producer is registered outside Qinghai, so that a failure is handed to the producer's
/// regulator (Order 18 Art 44). A USCC's 3rd to 8th characters are the administrative division of the authority that
/// registered it, the first two of those the province (Qinghai: 63); the producer's USCC leads the sampling record's
/// same-product key.
/// </summary>
public static class ProducerRegulation
{
    public const string QinghaiProvince = "63";

    /// <summary>The producer's USCC when it was registered outside Qinghai, else null (also when the record names no valid code).</summary>
    public static string? Elsewhere(SamplingFacts? sampling)
    {
        var producer = sampling?.SameProduct.Split('|')[0].Trim();
        return producer is { Length: 18 } && char.IsAsciiDigit(producer[2]) && char.IsAsciiDigit(producer[3]) && producer[2..4] != QinghaiProvince ? producer : null;
    }
}
