using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>
/// A lab acts only within its accreditation: it is handed a sample only for a category it is accredited for and only
/// when it is accredited for every item that sample is tested on (a re-test: the disputed items).
/// </summary>
public static class LabAccreditation
{
    /// <summary>Why <paramref name="lab"/> may not test <paramref name="items"/> of <paramref name="category"/>, or null when it may.</summary>
    public static string? Gap(LabView lab, string category, IEnumerable<string> items)
    {
        if (!lab.AccreditedCategories.Contains(category, StringComparer.Ordinal))
        {
            return $"lab {lab.Id} is not accredited for {category}";
        }

        var missing = items.Where(i => !lab.AccreditedItems.Contains(i, StringComparer.OrdinalIgnoreCase)).ToArray();
        return missing.Length == 0 ? null : $"lab {lab.Id} is not accredited for the item(s) {string.Join(", ", missing)} of {category}";
    }
}
