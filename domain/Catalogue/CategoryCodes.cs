using Samples.Contracts.Common;

namespace Samples.Domain.Catalogue;

/// <summary>Category codes must be in the catalogue in force ("no list, no inspection").</summary>
public static class CategoryCodes
{
    /// <summary>The codes that could be categories (nulls and blanks are the field rules' to report), trimmed.</summary>
    public static IReadOnlyList<string> Given(IEnumerable<string?>? codes) =>
        [.. (codes ?? []).OfType<string>().Select(c => c.Trim()).Where(c => c.Length > 0)];

    public static IEnumerable<FieldProblem> Unknown(string field, IEnumerable<string?>? codes, IReadOnlyCollection<string> known) =>
        Given(codes).Where(c => !known.Contains(c, StringComparer.Ordinal))
            .Select(c => new FieldProblem(field, $"'{c}' is not a category of the catalogue in force; known: {string.Join(", ", known)}"));
}
