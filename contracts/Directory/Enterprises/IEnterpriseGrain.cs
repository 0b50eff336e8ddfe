namespace Samples.Contracts.Directory;

/// <summary>An enterprise in the target directory, keyed by its Unified Social Credit Code (upper case).</summary>
[Alias("samples.enterprises.enterprise")]
public interface IEnterpriseGrain : IGrainWithStringKey
{
    /// <summary>Registers the enterprise. Registering the same data again is a no-op that returns the same answer.</summary>
    [Alias("RegisterAsync")]
    Task<EnterpriseRegistrationResult> RegisterAsync(RegisterEnterprise command);

    /// <summary>Changes fields of the directory entry; unchanged values are not recorded as changes.</summary>
    [Alias("UpdateAsync")]
    Task<EnterpriseChangeResult> UpdateAsync(UpdateEnterprise command);

    /// <summary>Deregisters, puts on or takes off the abnormal-operation list.</summary>
    [Alias("ChangeStatusAsync")]
    Task<EnterpriseChangeResult> ChangeStatusAsync(ChangeEnterpriseStatus command);

    /// <summary>Records the credit-risk class for a month; the newest month is the class in force.</summary>
    [Alias("SetRiskClassAsync")]
    Task<EnterpriseChangeResult> SetRiskClassAsync(SetRiskClass command);

    /// <summary>The enterprise as registered, or null when it never was.</summary>
    [Alias("GetAsync")]
    Task<EnterpriseView?> GetAsync();
}
