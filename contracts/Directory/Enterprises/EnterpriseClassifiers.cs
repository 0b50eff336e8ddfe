namespace Samples.Contracts.Directory;

/// <summary>What an enterprise does with the products it is sampled for.</summary>
public enum EnterpriseKind
{
    Producer = 0,
    Seller = 1,

    /// <summary>A shop at a tourist site selling drugs, cosmetics or medical devices (两品一械).</summary>
    TouristSiteRetailer = 2,
}

/// <summary>Registration status: only active enterprises are drawn.</summary>
public enum EnterpriseStatus
{
    Active = 0,
    Deregistered = 1,

    /// <summary>On the abnormal-operation list (经营异常名录).</summary>
    AbnormalOperation = 2,
}

/// <summary>Credit-risk class (A low … D high), recomputed monthly, internal only.</summary>
public enum RiskClass
{
    A = 0,
    B = 1,
    C = 2,
    D = 3,
}
