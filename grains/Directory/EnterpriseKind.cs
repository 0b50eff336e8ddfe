namespace Samples.Grains.Directory;

/// <summary>What an enterprise in the directory does with the products sampled. CSV: producer | seller | tourist-site-retailer (生产 | 销售 | 景区零售).</summary>
public enum EnterpriseKind
{
    Producer,
    Seller,

    /// <summary>Sells drugs, cosmetics or medical devices (两品一械) at a tourist site: sampled more often.</summary>
    TouristSiteRetailer,
}
