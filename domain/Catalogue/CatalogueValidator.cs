using System.Globalization;
using System.Text.RegularExpressions;

namespace Samples.Domain.Catalogue;

/// <summary>
/// Checks what the JSON shape cannot: codes, uniqueness, that every table covers its axis, that
/// bands are ordered, that rounding intervals are GB/T 8170 intervals the limits are multiples of, and
/// that references to axes and properties resolve. Returns every problem with its path.
/// </summary>
public static partial class CatalogueValidator
{
    public static IReadOnlyList<CatalogueProblem> Validate(CatalogueVersion catalogue)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var problems = new List<CatalogueProblem>();

        if (catalogue.Version < 1)
        {
            problems.Add(new("version", $"must be 1 or more, got {catalogue.Version}"));
        }

        if (catalogue.Categories is null || catalogue.Categories.Count == 0)
        {
            problems.Add(new("categories", "must list at least one category"));
            return problems;
        }

        var categoryCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < catalogue.Categories.Count; c++)
        {
            var path = $"categories[{c}]";
            var category = catalogue.Categories[c];
            if (category is null)
            {
                problems.Add(new(path, "must not be null"));
                continue;
            }

            var scope = new Scope(problems, category.Code, null);
            CheckCode(scope, path + ".code", category.Code, KebabCase(), "kebab-case (lower-case letters and digits joined by hyphens, e.g. potash-kcl-gb6549)");
            if (!string.IsNullOrEmpty(category.Code) && !categoryCodes.Add(category.Code))
            {
                scope.Add(path + ".code", $"'{category.Code}' is used by an earlier category");
            }

            CheckText(scope, path + ".nameZh", category.NameZh);
            CheckText(scope, path + ".nameEn", category.NameEn);
            CheckSource(scope, path + ".source", category.Source);
            CheckVariants(scope, path, category);
            CheckProperties(scope, path, category);
            CheckItems(problems, path, category);
        }

        return problems;
    }

    private static void CheckVariants(Scope scope, string path, ProductCategory category)
    {
        var axes = new HashSet<string>(StringComparer.Ordinal);
        for (var a = 0; a < category.Variants.Count; a++)
        {
            var axisPath = $"{path}.variants[{a}]";
            var axis = category.Variants[a];
            if (axis is null)
            {
                scope.Add(axisPath, "must not be null");
                continue;
            }

            CheckCode(scope, axisPath + ".code", axis.Code, CamelCase(), "lower camel case, e.g. grade or form");
            if (!string.IsNullOrEmpty(axis.Code) && !axes.Add(axis.Code))
            {
                scope.Add(axisPath + ".code", $"'{axis.Code}' is used by an earlier variant axis");
            }

            CheckText(scope, axisPath + ".nameZh", axis.NameZh);
            CheckText(scope, axisPath + ".nameEn", axis.NameEn);
            if (axis.Options is null || axis.Options.Count == 0)
            {
                scope.Add(axisPath + ".options", "must list at least one option");
                continue;
            }

            var options = new HashSet<string>(StringComparer.Ordinal);
            for (var o = 0; o < axis.Options.Count; o++)
            {
                var optionPath = $"{axisPath}.options[{o}]";
                var option = axis.Options[o];
                if (option is null)
                {
                    scope.Add(optionPath, "must not be null");
                    continue;
                }

                CheckCode(scope, optionPath + ".code", option.Code, OptionCode(), "letters, digits and hyphens, e.g. premium, II, film-coated");
                if (!string.IsNullOrEmpty(option.Code) && !options.Add(option.Code))
                {
                    scope.Add(optionPath + ".code", $"'{option.Code}' is used by an earlier option of {axis.Code}");
                }

                CheckText(scope, optionPath + ".nameZh", option.NameZh);
                CheckText(scope, optionPath + ".nameEn", option.NameEn);
            }
        }
    }

    private static void CheckProperties(Scope scope, string path, ProductCategory category)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < category.Properties.Count; p++)
        {
            var propertyPath = $"{path}.properties[{p}]";
            var property = category.Properties[p];
            if (property is null)
            {
                scope.Add(propertyPath, "must not be null");
                continue;
            }

            CheckCode(scope, propertyPath + ".code", property.Code, CamelCase(), "lower camel case, e.g. moduleArea");
            if (!string.IsNullOrEmpty(property.Code) && !codes.Add(property.Code))
            {
                scope.Add(propertyPath + ".code", $"'{property.Code}' is used by an earlier property");
            }

            CheckText(scope, propertyPath + ".nameZh", property.NameZh);
            CheckText(scope, propertyPath + ".nameEn", property.NameEn);
            CheckText(scope, propertyPath + ".unit", property.Unit);
        }
    }

    private static void CheckItems(List<CatalogueProblem> problems, string path, ProductCategory category)
    {
        if (category.Items is null || category.Items.Count == 0)
        {
            problems.Add(new(path + ".items", "must list at least one test item", category.Code));
            return;
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < category.Items.Count; i++)
        {
            var itemPath = $"{path}.items[{i}]";
            var item = category.Items[i];
            if (item is null)
            {
                problems.Add(new(itemPath, "must not be null", category.Code));
                continue;
            }

            var scope = new Scope(problems, category.Code, item.Code);
            CheckCode(scope, itemPath + ".code", item.Code, KebabCase(), "kebab-case, e.g. k2o or water-insolubles");
            if (!string.IsNullOrEmpty(item.Code) && !codes.Add(item.Code))
            {
                scope.Add(itemPath + ".code", $"'{item.Code}' is used by an earlier item of {category.Code}");
            }

            CheckText(scope, itemPath + ".nameZh", item.NameZh);
            CheckText(scope, itemPath + ".nameEn", item.NameEn);
            CheckText(scope, itemPath + ".method", item.Method);
            if (item.Source is not null)
            {
                CheckSource(scope, itemPath + ".source", item.Source);
            }

            var comparison = item.Comparison ?? Comparison.FullValue;
            CheckComparison(scope, itemPath + ".comparison", comparison);
            if (item.Limit is null)
            {
                scope.Add(itemPath + ".limit", "must not be null");
                continue;
            }

            var walk = new LimitWalk(scope, category, item, comparison, []);
            CheckLimit(walk, itemPath + ".limit", item.Limit, nested: false);
            if (walk.HasNumericLeaf && string.IsNullOrWhiteSpace(item.Unit))
            {
                scope.Add(itemPath + ".unit", "is required for an item with a numeric limit");
            }
        }
    }

    private static void CheckComparison(Scope scope, string path, Comparison comparison)
    {
        if (comparison.Method == ComparisonMethod.RoundedValue)
        {
            if (comparison.Interval is not { } interval)
            {
                scope.Add(path + ".interval", "is required for the rounded-value method (e.g. 0.1, 0.5, 0.02)");
            }
            else if (!GbT8170.IsValidInterval(interval))
            {
                scope.Add(path + ".interval", $"{Format(interval)} is not a GB/T 8170 rounding interval: use 1, 2 or 5 × 10ⁿ (e.g. 0.1, 0.5, 0.02)");
            }
        }
        else if (comparison.Interval is not null)
        {
            scope.Add(path + ".interval", "is only allowed with the rounded-value method; the full-value method compares unrounded values");
        }
    }

    private static void CheckLimit(LimitWalk walk, string path, Limit? limit, bool nested)
    {
        var scope = walk.Scope;
        switch (limit)
        {
            case null:
                scope.Add(path, "must not be null");
                break;

            case MinimumLimit min:
                walk.HasNumericLeaf = true;
                CheckOnInterval(walk, path + ".min", min.Min);
                CheckScaling(walk, path, min.TimesProperty, min.Unit);
                break;

            case MaximumLimit max:
                walk.HasNumericLeaf = true;
                CheckOnInterval(walk, path + ".max", max.Max);
                CheckScaling(walk, path, max.TimesProperty, max.Unit);
                break;

            case RangeLimit range:
                walk.HasNumericLeaf = true;
                CheckOnInterval(walk, path + ".min", range.Min);
                CheckOnInterval(walk, path + ".max", range.Max);
                if (range.Min >= range.Max)
                {
                    scope.Add(path + ".max", $"must be greater than min ({Format(range.Min)}), got {Format(range.Max)}");
                }

                break;

            case NotDetectedLimit notDetected when notDetected.DetectionLimit is { } dl && dl <= 0:
                scope.Add(path + ".detectionLimit", $"must be positive, got {Format(dl)}");
                break;

            case NotDetectedLimit:
                break;

            case PassFailLimit passFail:
                CheckText(scope, path + ".requirement", passFail.Requirement);
                break;

            case NotApplicableLimit when !nested:
                scope.Add(path + ".kind", "notApplicable may only appear inside a byVariant table or a byProperty band");
                break;

            case NotApplicableLimit:
                break;

            case ByVariantLimit table:
                CheckTable(walk, path, table);
                break;

            case ByPropertyLimit bands:
                CheckBands(walk, path, bands);
                break;
        }
    }

    private static void CheckTable(LimitWalk walk, string path, ByVariantLimit table)
    {
        var scope = walk.Scope;
        var axis = walk.Category.FindAxis(table.Axis);
        if (axis is null)
        {
            var defined = string.Join(", ", walk.Category.Variants.Select(v => v.Code));
            scope.Add(path + ".axis", $"'{table.Axis}' is not a variant axis of the category ({(defined.Length == 0 ? "it defines none" : "defined: " + defined)})");
            return;
        }

        if (walk.Axes.Contains(axis.Code))
        {
            scope.Add(path + ".axis", $"'{axis.Code}' is already chosen by an enclosing table");
            return;
        }

        if (table.Limits is null)
        {
            scope.Add(path + ".limits", "must not be null");
            return;
        }

        var inner = walk with { Axes = [.. walk.Axes, axis.Code] };
        foreach (var option in axis.Options.Where(o => o is not null && !table.Limits.ContainsKey(o.Code)))
        {
            scope.Add(path + ".limits", $"has no limit for {axis.Code} '{option.Code}' (every option of the axis needs one; use notApplicable where the item does not apply)");
        }

        foreach (var (key, limit) in table.Limits.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            if (axis.FindOption(key) is null)
            {
                scope.Add($"{path}.limits.{key}", $"'{key}' is not an option of {axis.Code} ({string.Join(", ", axis.Options.Select(o => o.Code))})");
                continue;
            }

            CheckLimit(inner, $"{path}.limits.{key}", limit, nested: true);
        }

        walk.HasNumericLeaf |= inner.HasNumericLeaf;
    }

    private static void CheckBands(LimitWalk walk, string path, ByPropertyLimit bands)
    {
        var scope = walk.Scope;
        if (walk.Category.FindProperty(bands.Property) is null)
        {
            scope.Add(path + ".property", $"'{bands.Property}' is not a property of the category ({Defined(walk.Category)})");
        }

        if (bands.Bands is null || bands.Bands.Count == 0)
        {
            scope.Add(path + ".bands", "must list at least one band");
            return;
        }

        decimal? previous = null;
        for (var b = 0; b < bands.Bands.Count; b++)
        {
            var bandPath = $"{path}.bands[{b}]";
            var band = bands.Bands[b];
            if (band is null)
            {
                scope.Add(bandPath, "must not be null");
                continue;
            }

            var last = b == bands.Bands.Count - 1;
            switch (band.UpTo)
            {
                case null when !last:
                    scope.Add(bandPath + ".upTo", "is required on every band but the last");
                    break;
                case { } upTo when last:
                    scope.Add(bandPath + ".upTo", $"must be absent on the last band, which covers everything above the previous one (got {Format(upTo)})");
                    break;
                case { } upTo when upTo <= 0:
                    scope.Add(bandPath + ".upTo", $"must be positive (properties are positive), got {Format(upTo)}");
                    break;
                case { } upTo when previous is { } p && upTo <= p:
                    scope.Add(bandPath + ".upTo", $"must be greater than the previous band's {Format(p)}, got {Format(upTo)}");
                    break;
            }

            previous = band.UpTo ?? previous;
            CheckLimit(walk, bandPath + ".limit", band.Limit, nested: true);
        }
    }

    private static void CheckOnInterval(LimitWalk walk, string path, decimal value)
    {
        if (walk.Comparison is { Method: ComparisonMethod.RoundedValue, Interval: { } interval }
            && GbT8170.IsValidInterval(interval) && !GbT8170.IsMultipleOf(value, interval))
        {
            walk.Scope.Add(path, $"{Format(value)} is not a multiple of the item's rounding interval {Format(interval)}: a rounded value could never equal it");
        }
    }

    private static void CheckScaling(LimitWalk walk, string path, string? timesProperty, string? unit)
    {
        if (timesProperty is null)
        {
            return;
        }

        if (walk.Category.FindProperty(timesProperty) is null)
        {
            walk.Scope.Add(path + ".timesProperty", $"'{timesProperty}' is not a property of the category ({Defined(walk.Category)})");
        }

        if (string.IsNullOrWhiteSpace(unit))
        {
            walk.Scope.Add(path + ".unit", "is required with timesProperty: the unit of the product, e.g. MΩ·m²");
        }
    }

    private static string Defined(ProductCategory category)
    {
        var defined = string.Join(", ", category.Properties.Select(p => p.Code));
        return defined.Length == 0 ? "it defines none" : "defined: " + defined;
    }

    private static void CheckSource(Scope scope, string path, Source? source)
    {
        if (source is null)
        {
            scope.Add(path, "must not be null");
            return;
        }

        CheckText(scope, path + ".standard", source.Standard);
    }

    private static void CheckCode(Scope scope, string path, string? code, Regex pattern, string expected)
    {
        if (string.IsNullOrEmpty(code))
        {
            scope.Add(path, "is required");
        }
        else if (!pattern.IsMatch(code))
        {
            scope.Add(path, $"'{code}' must be {expected}");
        }
    }

    private static void CheckText(Scope scope, string path, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            scope.Add(path, "must not be empty");
        }
    }

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$")]
    private static partial Regex CamelCase();

    [GeneratedRegex("^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$")]
    private static partial Regex OptionCode();

    private sealed record Scope(List<CatalogueProblem> Problems, string? Category, string? Item)
    {
        public void Add(string path, string message) => Problems.Add(new CatalogueProblem(path, message, Category, Item));
    }

    private sealed record LimitWalk(Scope Scope, ProductCategory Category, TestItem Item, Comparison Comparison, IReadOnlyList<string> Axes)
    {
        public bool HasNumericLeaf { get; set; }
    }
}
