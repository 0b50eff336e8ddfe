namespace Samples.Domain.Catalogue;

/// <summary>The legal regime a category is sampled under; each has its own workflow rule set.</summary>
public enum Regime
{
    /// <summary>Industrial products under SAMR Order No. 18 (产品质量监督抽查).</summary>
    Order18Industrial,

    /// <summary>化妆品监督管理条例.</summary>
    Cosmetics,

    /// <summary>医疗器械监督管理条例.</summary>
    MedicalDevices,

    /// <summary>药品管理法.</summary>
    Drugs,
}
