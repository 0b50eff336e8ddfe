namespace Samples.Grains.Directory;

/// <summary>Registration status. CSV: active | deregistered | abnormal (存续 | 注销 | 经营异常).</summary>
public enum EnterpriseStatus
{
    Active,
    Deregistered,

    /// <summary>On the abnormal-operation list (经营异常名录): checked more often.</summary>
    AbnormalOperation,
}
