using System.Globalization;
using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>Between directory CSV rows and enterprise state: what an import stores and what an export writes.</summary>
public static class EnterpriseImportMapping
{
    /// <summary>
    /// The state a row stands for. Registration fields and the history entry describe this import; for an
    /// enterprise already in the directory the bulk writer keeps its registration and appends the entry.
    /// </summary>
    public static EnterpriseState ToState(EnterpriseRow row, DateTimeOffset now, string by, string source)
    {
        var month = now.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        return new EnterpriseState
        {
            IsRegistered = true,
            Uscc = row.Uscc,
            Name = row.Name,
            Address = row.Address,
            RegionCode = row.RegionCode,
            Kind = row.Kind,
            Categories = [.. row.Categories],
            Licences = [.. row.Licences],
            Status = row.Status,
            KeySupervision = row.KeySupervision,
            RiskClass = row.RiskClass,
            RiskHistory = [new RiskClassEntry(month, row.RiskClass, now, by)],
            RegisteredAt = now,
            RegisteredBy = by,
            UsccOverride = row.UsccOverrideReason is null ? null : new UsccOverride(row.UsccOverrideReason, by, now, row.UsccOverriddenProblem ?? string.Empty),
            History = [new EnterpriseChange(now, by, $"imported from {source}, row {row.Row}")],
        };
    }

    public static EnterpriseRow ToRow(EnterpriseState state, int row) => new(
        row,
        state.Uscc,
        state.Name,
        state.Address,
        state.RegionCode ?? string.Empty,
        state.Kind,
        state.Categories,
        state.Licences,
        state.Status,
        state.KeySupervision,
        state.RiskClass,
        state.UsccOverride?.Reason,
        state.UsccOverride?.ValidationProblem);
}
