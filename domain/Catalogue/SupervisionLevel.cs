namespace Samples.Domain.Catalogue;

/// <summary>Item class of 国市监信〔2019〕38号: key items have no upper limit on the sampling ratio.</summary>
public enum SupervisionLevel
{
    /// <summary>重点检查事项.</summary>
    Key,

    /// <summary>一般检查事项.</summary>
    General,
}
