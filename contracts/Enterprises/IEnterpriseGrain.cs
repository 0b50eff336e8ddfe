namespace Samples.Contracts.Enterprises;

/// <summary>An enterprise in the target directory, keyed by its Unified Social Credit Code (upper case).</summary>
[Alias("samples.enterprises.enterprise")]
public interface IEnterpriseGrain : IGrainWithStringKey
{
    /// <summary>Registers the enterprise. Registering the same data again is a no-op that returns the same answer.</summary>
    [Alias("RegisterAsync")]
    Task<EnterpriseRegistrationResult> RegisterAsync(RegisterEnterprise command);

    /// <summary>The enterprise as registered, or null when it never was.</summary>
    [Alias("GetAsync")]
    Task<EnterpriseView?> GetAsync();
}
