namespace Samples.Domain.Catalogue;

/// <summary>
/// One problem in a catalogue document: the JSON path of the field (<c>categories[2].items[1].limit.min</c>),
/// the category and item codes when known, and what is wrong.
/// </summary>
public sealed record CatalogueProblem(string Path, string Message, string? Category = null, string? Item = null)
{
    /// <summary>"categories[2].items[1].limit.min (category lithium-carbonate, item na): must be a number".</summary>
    public override string ToString()
    {
        var where = (Category, Item) switch
        {
            (null, _) => string.Empty,
            (_, null) => $" (category {Category})",
            _ => $" (category {Category}, item {Item})",
        };
        return $"{(Path.Length == 0 ? "(document)" : Path)}{where}: {Message}";
    }
}

/// <summary>The outcome of <see cref="CatalogueLoader.Parse"/>: the catalogue, or the problems found.</summary>
public sealed record CatalogueParseResult(CatalogueVersion? Catalogue, IReadOnlyList<CatalogueProblem> Problems)
{
    public bool IsValid => Catalogue is not null && Problems.Count == 0;
}
