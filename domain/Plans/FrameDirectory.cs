using System.Runtime.InteropServices;
using Samples.Contracts.Directory;
using Samples.Contracts.Plans;

namespace Samples.Domain.Plans;

/// <summary>
/// One directory row as frames read it: its code, its county (or prefecture) code, its categories and what the strata and
/// sampling weights read. A row without a region is in no frame (the frames have always left such rows out), and so is
/// a deleted row: <see cref="Removed"/> says the row is to leave the cache.
/// </summary>
public readonly record struct FrameDirectoryRow(
    string Uscc, string? RegionCode, IReadOnlyList<string> Categories, RiskClass RiskClass, EnterpriseStatus Status,
    bool KeySupervision, bool TouristSite)
{
    /// <summary>A deleted row, or one frames do not read (no region).</summary>
    public static FrameDirectoryRow Removed(string uscc) => new(uscc, null, [], RiskClass.A, EnterpriseStatus.Active, false, false);

    public bool IsRemoved => RegionCode is null;
}

/// <summary>
/// The directory's rows as frames read them, kept between builds (issue 22: reading 10,000,000 rows for every round
/// cost ~9.5 s of CPU on two cores). Packed in code order (ordinal), as columns: the codes in one buffer
/// (<see cref="MemberCodes"/>), then per row a region and a set of categories as ids into small tables of names, and the
/// risk class, status and flags as bytes: ~29 bytes a row (276 MiB at 10,000,000). The frame source brings it up to
/// date with the rows written since (<see cref="Merge"/>) and builds each round's groups from it (<see cref="Groups"/>),
/// which are those a fresh read of the same rows groups. Not thread-safe: its owner serialises merges and reads.
/// </summary>
public sealed class FrameDirectory
{
    private MemberCodes codes = new();
    private ushort[] regionOf = [];
    private ushort[] categoriesOf = [];
    private byte[] riskOf = [];
    private byte[] statusOf = [];
    private byte[] flagsOf = [];
    private readonly List<string> regions;
    private readonly Dictionary<string, ushort> regionIds;
    private readonly List<string[]> categorySets;
    private readonly Dictionary<string[], ushort> categorySetIds;

    public int Count => codes.Count;

    /// <summary>What the cache holds, in bytes (its arrays; the name tables are a few hundred strings).</summary>
    public long Bytes => codes.Bytes + (long)regionOf.Length * 2 + (long)categoriesOf.Length * 2 + riskOf.Length + statusOf.Length + flagsOf.Length;

    /// <summary>
    /// Appends a row while the directory is read whole (rows in any order: <see cref="Sealed"/> sorts them if they were
    /// not in code order). Rows without a region are left out, as frames leave them out.
    /// </summary>
    public void Add(ReadOnlySpan<char> uscc, string? regionCode, string[] categories, RiskClass risk, EnterpriseStatus status, bool keySupervision, bool touristSite)
    {
        if (regionCode is null)
        {
            return;
        }

        // The group slots (Groups) give the class, the status and the flags two bits each.
        if ((uint)risk > 3 || (uint)status > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(risk), $"{risk}, {status}: a class or status frames do not know.");
        }

        var at = codes.Count;
        Reserve(at + 1);
        codes.Add(uscc);
        regionOf[at] = RegionId(regionCode);
        categoriesOf[at] = CategorySetId(categories);
        riskOf[at] = (byte)risk;
        statusOf[at] = (byte)status;
        flagsOf[at] = Flags(keySupervision, touristSite);
    }

    public void Add(FrameDirectoryRow row) =>
        Add(row.Uscc.AsSpan(), row.RegionCode, row.Categories as string[] ?? [.. row.Categories], row.RiskClass, row.Status, row.KeySupervision, row.TouristSite);

    public FrameDirectory() =>
        (regions, regionIds, categorySets, categorySetIds) = ([], new(StringComparer.Ordinal), [], new(CategorySetComparer.Instance));

    /// <param name="capacity">The rows expected (the table's estimate): reserved at once rather than grown by doubling.</param>
    public FrameDirectory(int capacity)
        : this() => Reserve(capacity, exact: true);

    /// <summary>
    /// No rows, over <paramref name="tables"/>' names of regions and category sets, shared (a merge's new columns: names
    /// are only ever added, so the ids of the rows there hold here as they are).
    /// </summary>
    private FrameDirectory(FrameDirectory tables) =>
        (regions, regionIds, categorySets, categorySetIds) = (tables.regions, tables.regionIds, tables.categorySets, tables.categorySetIds);

    /// <summary>
    /// The parts (the directory's code ranges, read at once) one after the other, in code order: parts each in order and
    /// below the next are joined as they are, a block at a time; otherwise (a collation that orders otherwise) the rows
    /// are sorted here. A code twice is refused: the directory's key is the code.
    /// </summary>
    public static FrameDirectory Sealed(IReadOnlyList<FrameDirectory> parts)
    {
        var all = new FrameDirectory();
        all.codes = MemberCodes.Concat(parts.Select(p => p.codes.Trimmed()).ToArray());
        var count = all.codes.Count;
        (all.regionOf, all.categoriesOf, all.riskOf, all.statusOf, all.flagsOf) = (new ushort[count], new ushort[count], new byte[count], new byte[count], new byte[count]);
        var at = 0;
        foreach (var part in parts)
        {
            // A part's ids are its own: renumbered into the whole's tables (a few hundred names).
            var regionMap = part.regions.Select(all.RegionId).ToArray();
            var setMap = part.categorySets.Select(all.CategorySetId).ToArray();
            for (var i = 0; i < part.Count; i++)
            {
                all.regionOf[at + i] = regionMap[part.regionOf[i]];
                all.categoriesOf[at + i] = setMap[part.categoriesOf[i]];
            }

            part.riskOf.AsSpan(0, part.Count).CopyTo(all.riskOf.AsSpan(at));
            part.statusOf.AsSpan(0, part.Count).CopyTo(all.statusOf.AsSpan(at));
            part.flagsOf.AsSpan(0, part.Count).CopyTo(all.flagsOf.AsSpan(at));
            at += part.Count;
        }

        // One pass: in strict order (the usual case), or a code twice, or out of order (sorted, then looked at again).
        for (var pass = 0; pass < 2; pass++)
        {
            var i = 1;
            for (; i < all.Count; i++)
            {
                var order = all.codes.Span(i - 1).CompareTo(all.codes.Span(i));
                if (order == 0)
                {
                    throw new ArgumentException($"The directory holds code {all.codes[i]} twice.", nameof(parts));
                }

                if (order > 0)
                {
                    break;
                }
            }

            if (i >= all.Count)
            {
                break;
            }

            all = all.SortedByCode();
        }

        return all;
    }

    /// <summary>
    /// Brings the rows up to date with rows written since (each code at most once: its row as it is now, or removed).
    /// Rows already here change in place; new rows and removed ones make the columns again in one pass, in code order.
    /// </summary>
    public void Merge(IReadOnlyList<FrameDirectoryRow> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        var sorted = changes.ToArray();
        Array.Sort(sorted, (a, b) => string.CompareOrdinal(a.Uscc, b.Uscc));
        for (var i = 1; i < sorted.Length; i++)
        {
            if (string.Equals(sorted[i - 1].Uscc, sorted[i].Uscc, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Code {sorted[i].Uscc} changed twice in one merge: a change is a row as it is now.", nameof(changes));
            }
        }

        var at = new int[sorted.Length];
        var inPlace = true;
        for (var i = 0; i < sorted.Length; i++)
        {
            at[i] = Find(sorted[i].Uscc);
            inPlace &= at[i] >= 0 && !sorted[i].IsRemoved;
        }

        if (inPlace)
        {
            for (var i = 0; i < sorted.Length; i++)
            {
                Set(at[i], sorted[i]);
            }

            return;
        }

        // New and removed rows: one pass over both lists in code order, into new columns (swapped in at the end, so a merge
        // that fails leaves these as they were).
        var merged = new FrameDirectory(tables: this);
        merged.Reserve(Count + sorted.Count(c => !c.IsRemoved), exact: true);
        var row = 0;
        foreach (var change in sorted)
        {
            var code = new CodeSpan(change.Uscc.AsSpan());
            while (row < Count && codes.Span(row).CompareTo(code) < 0)
            {
                merged.CopyRow(this, row++);
            }

            if (row < Count && codes.Span(row).CompareTo(code) == 0)
            {
                row++;
            }

            if (!change.IsRemoved)
            {
                merged.Add(change);
            }
        }

        while (row < Count)
        {
            merged.CopyRow(this, row++);
        }

        merged.Trim();
        (codes, regionOf, categoriesOf, riskOf, statusOf, flagsOf) = (merged.codes, merged.regionOf, merged.categoriesOf, merged.riskOf, merged.statusOf, merged.flagsOf);
    }

    /// <summary>The rows, as they are here (tests compare them with a fresh read).</summary>
    public IEnumerable<FrameDirectoryRow> Rows()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return new FrameDirectoryRow(codes[i], regions[regionOf[i]], categorySets[categoriesOf[i]], (RiskClass)riskOf[i], (EnterpriseStatus)statusOf[i],
                (flagsOf[i] & 1) != 0, (flagsOf[i] & 2) != 0);
        }
    }

    /// <summary>
    /// A plan's groups: its categories' rows in its regions (a county counts for its prefecture, GB/T 2260), one group per
    /// prefecture, category, risk class, status and flags, members in code order. The same groups, members and order a
    /// read of these rows from the directory gives, so <see cref="FrameBuilder"/> builds the same frames.
    /// </summary>
    public List<FrameGroup> Groups(PlanDefinition plan)
    {
        var categories = new List<string>();
        foreach (var category in plan.Categories)
        {
            if (!categories.Contains(category, StringComparer.Ordinal))
            {
                categories.Add(category);
            }
        }

        var wanted = plan.Regions.ToHashSet(StringComparer.Ordinal);
        var prefectures = new List<string>();
        var prefectureOf = new int[regions.Count];
        for (var r = 0; r < regions.Count; r++)
        {
            var code = regions[r];
            var prefecture = code.Length == 6 ? string.Concat(code.AsSpan(0, 4), "00") : code;
            if (wanted.Count > 0 && !wanted.Contains(prefecture))
            {
                prefectureOf[r] = -1;
                continue;
            }

            var index = prefectures.IndexOf(prefecture);
            if (index < 0)
            {
                index = prefectures.Count;
                prefectures.Add(prefecture);
            }

            prefectureOf[r] = index;
        }

        // Per set of categories, the plan's categories in it (most sets are in few plans' categories).
        var planCategoriesOf = categorySets.Select(set => categories.Select((c, i) => (c, i)).Where(p => set.Contains(p.c, StringComparer.Ordinal)).Select(p => p.i).ToArray()).ToArray();

        // A group's slot: prefecture, category, class (4), status (3), flags (4); counted first, so each list is made once at its size.
        var slots = prefectures.Count * categories.Count * 64;
        var counts = new int[slots];
        for (var i = 0; i < Count; i++)
        {
            var prefecture = prefectureOf[regionOf[i]];
            if (prefecture < 0)
            {
                continue;
            }

            foreach (var c in planCategoriesOf[categoriesOf[i]])
            {
                counts[Slot(prefecture, c, categories.Count, i)]++;
            }
        }

        var members = new MemberCodes?[slots];
        for (var i = 0; i < Count; i++)
        {
            var prefecture = prefectureOf[regionOf[i]];
            if (prefecture < 0)
            {
                continue;
            }

            foreach (var c in planCategoriesOf[categoriesOf[i]])
            {
                var slot = Slot(prefecture, c, categories.Count, i);
                (members[slot] ??= new MemberCodes(counts[slot])).Add(codes.Span(i));
            }
        }

        var groups = new List<FrameGroup>();
        for (var slot = 0; slot < slots; slot++)
        {
            if (members[slot] is not { } list)
            {
                continue;
            }

            var (rest, flags) = Math.DivRem(slot, 4);
            (rest, var status) = Math.DivRem(rest, 4);
            (rest, var risk) = Math.DivRem(rest, 4);
            var (prefecture, category) = Math.DivRem(rest, categories.Count);
            groups.Add(new FrameGroup(prefectures[prefecture], categories[category], (RiskClass)risk, (EnterpriseStatus)status, list.Trimmed(),
                KeySupervision: (flags & 1) != 0, TouristSite: (flags & 2) != 0));
        }

        return groups;
    }

    private int Slot(int prefecture, int category, int categoryCount, int row) =>
        ((((prefecture * categoryCount) + category) * 4 + riskOf[row]) * 4 + statusOf[row]) * 4 + flagsOf[row];

    private static byte Flags(bool keySupervision, bool touristSite) => (byte)((keySupervision ? 1 : 0) + (touristSite ? 2 : 0));

    /// <summary>The row of <paramref name="uscc"/>, or -1.</summary>
    private int Find(string uscc)
    {
        var code = new CodeSpan(uscc.AsSpan());
        var (low, high) = (0, Count - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = codes.Span(middle).CompareTo(code);
            if (order == 0)
            {
                return middle;
            }

            (low, high) = order < 0 ? (middle + 1, high) : (low, middle - 1);
        }

        return -1;
    }

    private void Set(int at, FrameDirectoryRow row)
    {
        regionOf[at] = RegionId(row.RegionCode!);
        categoriesOf[at] = CategorySetId(row.Categories as string[] ?? [.. row.Categories]);
        riskOf[at] = (byte)row.RiskClass;
        statusOf[at] = (byte)row.Status;
        flagsOf[at] = Flags(row.KeySupervision, row.TouristSite);
    }

    private void CopyRow(FrameDirectory from, int row)
    {
        var at = codes.Count;
        Reserve(at + 1);
        codes.Add(from.codes.Span(row));
        // Names shared (this one, or a merge's columns over it) keep their ids; otherwise they are numbered here.
        var shared = ReferenceEquals(from.regions, regions);
        regionOf[at] = shared ? from.regionOf[row] : RegionId(from.regions[from.regionOf[row]]);
        categoriesOf[at] = shared ? from.categoriesOf[row] : CategorySetId(from.categorySets[from.categoriesOf[row]]);
        riskOf[at] = from.riskOf[row];
        statusOf[at] = from.statusOf[row];
        flagsOf[at] = from.flagsOf[row];
    }

    private FrameDirectory SortedByCode()
    {
        var order = Enumerable.Range(0, Count).ToArray();
        Array.Sort(order, (a, b) => codes.Span(a).CompareTo(codes.Span(b)));
        var sorted = new FrameDirectory();
        sorted.Reserve(Count, exact: true);
        foreach (var row in order)
        {
            sorted.CopyRow(this, row);
        }

        sorted.Trim();
        return sorted;
    }

    private ushort RegionId(string code)
    {
        if (!regionIds.TryGetValue(code, out var id))
        {
            id = checked((ushort)regions.Count);
            regions.Add(code);
            regionIds[code] = id;
        }

        return id;
    }

    private ushort CategorySetId(string[] categories)
    {
        if (!categorySetIds.TryGetValue(categories, out var id))
        {
            id = checked((ushort)categorySets.Count);
            categorySets.Add(categories);
            categorySetIds[categories] = id;
        }

        return id;
    }

    /// <param name="exact">The number of rows is known: the codes' buffer is made at that size too (USCCs: 18 bytes).</param>
    private void Reserve(int rows, bool exact = false)
    {
        if (exact && codes.Count == 0)
        {
            codes = new MemberCodes(rows);
        }

        if (rows <= regionOf.Length)
        {
            return;
        }

        var size = Math.Max(rows, Math.Max(16, regionOf.Length * 2));
        Array.Resize(ref regionOf, size);
        Array.Resize(ref categoriesOf, size);
        Array.Resize(ref riskOf, size);
        Array.Resize(ref statusOf, size);
        Array.Resize(ref flagsOf, size);
    }

    private void Trim()
    {
        codes = codes.Trimmed();
        Array.Resize(ref regionOf, Count);
        Array.Resize(ref categoriesOf, Count);
        Array.Resize(ref riskOf, Count);
        Array.Resize(ref statusOf, Count);
        Array.Resize(ref flagsOf, Count);
    }

    /// <summary>Sets of categories by their names in order (the directory keeps a row's categories as given).</summary>
    private sealed class CategorySetComparer : IEqualityComparer<string[]>
    {
        public static readonly CategorySetComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(string[] set)
        {
            var hash = new HashCode();
            foreach (var name in set)
            {
                hash.Add(name, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
