using System.Globalization;

namespace Samples.Domain.Catalogue;

/// <summary>
/// Judges lab results against a category's limits (GB/T 8170 full-value or rounded-value comparison)
/// and combines them into a batch verdict. Wrong input (unknown item, grade or property, a missing
/// grade or property, a result of the wrong kind) gives an <see cref="ItemOutcome.InvalidInput"/>
/// verdict naming the item and the reason; it never throws for such input.
/// </summary>
public static class VerdictEngine
{
    /// <summary>Judges a batch of the category <paramref name="categoryCode"/> of <paramref name="catalogue"/>.</summary>
    public static BatchVerdict Evaluate(CatalogueVersion catalogue, string categoryCode, SampleDescription sample, IReadOnlyDictionary<string, Measurement> results)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        var category = catalogue.FindCategory(categoryCode);
        if (category is null)
        {
            var problem = $"'{categoryCode}' is not a category of catalogue version {catalogue.Version} (one of: {string.Join(", ", catalogue.Categories.Select(c => c.Code))})";
            return new BatchVerdict(categoryCode, catalogue.Version, BatchOutcome.InvalidInput, "invalid input: " + problem, [], [problem]);
        }

        return Evaluate(category, sample, results, catalogue.Version);
    }

    /// <summary>
    /// Judges a batch: every item of the category, then one invalid verdict per result whose item is
    /// unknown. The batch is invalid if any input is wrong, else fails if a required item fails, else
    /// is incomplete if a required item that applies has no result, else passes. Optional items are
    /// judged and reported but do not decide the batch.
    /// </summary>
    public static BatchVerdict Evaluate(ProductCategory category, SampleDescription sample, IReadOnlyDictionary<string, Measurement> results, int catalogueVersion = 0)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(sample);
        ArgumentNullException.ThrowIfNull(results);

        var problems = CheckSample(category, sample);
        var items = new List<ItemVerdict>(category.Items.Count);
        foreach (var item in category.Items)
        {
            results.TryGetValue(item.Code, out var measurement);
            items.Add(EvaluateItem(category, item, sample, measurement));
        }

        foreach (var code in results.Keys.Where(k => category.FindItem(k) is null).Order(StringComparer.Ordinal))
        {
            items.Add(new ItemVerdict(code, ItemOutcome.InvalidInput, false,
                $"'{code}' is not a test item of {category.Code} (one of: {string.Join(", ", category.Items.Select(i => i.Code))})"));
        }

        var (outcome, summary) = Decide(category, items, problems);
        return new BatchVerdict(category.Code, catalogueVersion, outcome, summary, items, problems);
    }

    /// <summary>Judges one item of <paramref name="category"/>; a null <paramref name="measurement"/> means no result.</summary>
    public static ItemVerdict EvaluateItem(ProductCategory category, TestItem item, SampleDescription sample, Measurement? measurement)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(sample);

        var context = new List<string>();
        var leaf = Resolve(category, item.Limit, sample, context, out var error);
        if (leaf is null)
        {
            return Invalid(item, $"{item.Label}: {error}");
        }

        if (leaf is NotApplicableLimit notApplicable)
        {
            var why = notApplicable.Reason ?? (context.Count > 0 ? $"not applicable to {string.Join(", ", context)}" : "not applicable");
            var ignored = measurement is null ? string.Empty : "; the reported result is ignored";
            return new ItemVerdict(item.Code, ItemOutcome.NotApplicable, item.Required, $"{item.Label}: {why}{ignored}");
        }

        if (measurement is null)
        {
            return new ItemVerdict(item.Code, ItemOutcome.NotTested, item.Required,
                $"{item.Label}: no result ({(item.Required ? "required" : "optional")} item)");
        }

        try
        {
            return leaf switch
            {
                MinimumLimit or MaximumLimit or RangeLimit => Numeric(category, item, leaf, sample, measurement, context),
                NotDetectedLimit nd => Absence(item, nd, measurement, context),
                PassFailLimit pf => Judged(item, pf, measurement, context),
                _ => Invalid(item, $"{item.Label}: the catalogue gives a limit of an unexpected kind here"),
            };
        }
        catch (OverflowException)
        {
            return Invalid(item, $"{item.Label}: the value is too large to be compared");
        }
    }

    /// <summary>What is wrong with a sample description for the category: unknown or missing variants and properties.</summary>
    public static List<string> CheckSample(ProductCategory category, SampleDescription sample)
    {
        var problems = new List<string>();
        foreach (var (axisCode, option) in sample.Variants.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            var axis = category.FindAxis(axisCode);
            if (axis is null)
            {
                problems.Add($"'{axisCode}' is not a variant of {category.Code} ({Listing(category.Variants.Select(a => a.Code), "it has none")})");
            }
            else if (axis.FindOption(option) is null)
            {
                problems.Add($"{axis.NameEn} '{option}' is not known for {category.Code} ({Listing(axis.Options.Select(o => o.Code), "none defined")})");
            }
        }

        foreach (var (code, value) in sample.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var property = category.FindProperty(code);
            if (property is null)
            {
                problems.Add($"'{code}' is not a property of {category.Code} ({Listing(category.Properties.Select(p => p.Code), "it has none")})");
            }
            else if (value <= 0)
            {
                problems.Add($"{property.NameEn} must be positive, got {Format(value)}{Unit(property.Unit)}");
            }
        }

        return problems;
    }

    private static (BatchOutcome, string) Decide(ProductCategory category, List<ItemVerdict> items, List<string> problems)
    {
        string Labels(IEnumerable<ItemVerdict> verdicts) => string.Join(", ", verdicts.Select(v => category.FindItem(v.ItemCode)?.Label ?? v.ItemCode));

        var invalid = items.Where(i => i.Outcome == ItemOutcome.InvalidInput).ToList();
        if (problems.Count > 0 || invalid.Count > 0)
        {
            return (BatchOutcome.InvalidInput, "invalid input: " + string.Join("; ", problems.Concat(invalid.Select(i => i.Reason))));
        }

        var optionalFailures = items.Where(i => !i.Required && i.Outcome == ItemOutcome.Fail).ToList();
        var note = optionalFailures.Count > 0 ? $"; optional items failing: {Labels(optionalFailures)}" : string.Empty;

        var failed = items.Where(i => i.Required && i.Outcome == ItemOutcome.Fail).ToList();
        if (failed.Count > 0)
        {
            return (BatchOutcome.Fail, $"fails: {Count(failed.Count, "required item")} failing ({Labels(failed)}){note}");
        }

        var missing = items.Where(i => i.Required && i.Outcome == ItemOutcome.NotTested).ToList();
        if (missing.Count > 0)
        {
            return (BatchOutcome.Incomplete, $"incomplete: no result for {Count(missing.Count, "required item")} ({Labels(missing)}){note}");
        }

        var passed = items.Count(i => i.Required && i.Outcome == ItemOutcome.Pass);
        var notApplicable = items.Count(i => i.Required && i.Outcome == ItemOutcome.NotApplicable);
        var naNote = notApplicable > 0 ? $", {notApplicable} not applicable" : string.Empty;
        return (BatchOutcome.Pass, $"passes: {Count(passed, "required item")} passing{naNote}{note}");
    }

    /// <summary>Follows tables and bands down to the limit that applies; null with an error when the sample lacks what is needed.</summary>
    private static Limit? Resolve(ProductCategory category, Limit limit, SampleDescription sample, List<string> context, out string? error)
    {
        error = null;
        while (true)
        {
            switch (limit)
            {
                case ByVariantLimit table:
                {
                    var axis = category.FindAxis(table.Axis);
                    if (axis is null)
                    {
                        error = $"the limit depends on '{table.Axis}', which {category.Code} does not define";
                        return null;
                    }

                    var options = Listing(axis.Options.Select(o => o.Code), "none defined");
                    if (!sample.Variants.TryGetValue(axis.Code, out var optionCode))
                    {
                        error = $"the limit depends on the {axis.NameEn}, but none was given ({options})";
                        return null;
                    }

                    var option = axis.FindOption(optionCode);
                    if (option is null || !table.Limits.TryGetValue(option.Code, out var next) || next is null)
                    {
                        error = $"{axis.NameEn} '{optionCode}' is not known ({options})";
                        return null;
                    }

                    context.Add(option.NameEn);
                    limit = next;
                    break;
                }

                case ByPropertyLimit bands:
                {
                    var property = category.FindProperty(bands.Property);
                    if (property is null)
                    {
                        error = $"the limit depends on '{bands.Property}', which {category.Code} does not define";
                        return null;
                    }

                    if (!sample.Properties.TryGetValue(property.Code, out var value))
                    {
                        error = $"the limit depends on the {property.NameEn} ({property.Unit}), which was not given";
                        return null;
                    }

                    if (value <= 0)
                    {
                        error = $"the limit depends on the {property.NameEn}, which must be positive (got {Format(value)}{Unit(property.Unit)})";
                        return null;
                    }

                    var index = -1;
                    for (var i = 0; i < bands.Bands.Count; i++)
                    {
                        if (bands.Bands[i].UpTo is not { } upTo || value <= upTo)
                        {
                            index = i;
                            break;
                        }
                    }

                    if (index < 0)
                    {
                        error = $"no band of the limit covers {property.NameEn} {Format(value)}{Unit(property.Unit)}";
                        return null;
                    }

                    context.Add(DescribeBand(property, value, index > 0 ? bands.Bands[index - 1].UpTo : null, bands.Bands[index].UpTo));
                    limit = bands.Bands[index].Limit;
                    break;
                }

                default:
                    return limit;
            }
        }
    }

    private static string DescribeBand(ProductProperty property, decimal value, decimal? above, decimal? upTo)
    {
        var unit = Unit(property.Unit);
        var quantity = $"{property.NameEn} {Format(value)}{unit}";
        return (above, upTo) switch
        {
            (null, null) => quantity,
            (null, { } u) => $"{quantity} ≤ {Format(u)}{unit}",
            ({ } a, null) => $"{quantity} > {Format(a)}{unit}",
            ({ } a, { } u) => $"{Format(a)}{unit} < {quantity} ≤ {Format(u)}{unit}",
        };
    }

    private static ItemVerdict Numeric(ProductCategory category, TestItem item, Limit leaf, SampleDescription sample, Measurement measurement, List<string> context)
    {
        var (timesProperty, limitUnit) = leaf switch
        {
            MinimumLimit min => (min.TimesProperty, min.Unit),
            MaximumLimit max => (max.TimesProperty, max.Unit),
            _ => (null, null),
        };
        var unit = limitUnit ?? item.Unit;
        var limitText = LimitText(leaf, unit);

        ProductProperty? property = null;
        var factor = 1m;
        if (timesProperty is not null)
        {
            property = category.FindProperty(timesProperty);
            if (property is null || !sample.Properties.TryGetValue(property.Code, out factor) || factor <= 0)
            {
                var name = property?.NameEn ?? timesProperty;
                return Invalid(item, $"{item.Label}: the limit {limitText} multiplies the value by the {name}, which was not given as a positive number");
            }
        }

        switch (measurement)
        {
            case MeasuredValue measured:
            {
                var text = Shown(measured, item.Unit);
                var compared = measured.Value * factor;
                if (property is not null)
                {
                    text += $" × {Format(factor)}{Unit(property.Unit)} = {Format(compared)}{Unit(unit)}";
                }

                if (item.Comparison is { Method: ComparisonMethod.RoundedValue, Interval: { } interval })
                {
                    compared = GbT8170.Round(compared, interval);
                    text += $" rounds to {Format(compared)}{Unit(unit)}";
                }

                var (passes, relation) = Judge(leaf, compared, unit);
                var parts = context.Append(item.Comparison.Describe());
                return Verdict(item, passes, $"{item.Label} {text} {relation}{Parenthesised(parts)}", item.Comparison.Method, compared);
            }

            case NotDetected nd:
                return NotDetectedAgainstNumeric(item, leaf, nd, factor, property, unit, limitText, context);

            case Detected:
                return Invalid(item, $"{item.Label}: an amount is needed to compare with {limitText}; \"detected\" has none");

            case Observation:
                return Invalid(item, $"{item.Label}: a measured value is needed to compare with {limitText}, not a conforms / does-not-conform observation");

            default:
                return Invalid(item, $"{item.Label}: unknown kind of result");
        }
    }

    /// <summary>
    /// "Not detected" means 0 ≤ value &lt; detection limit (or 0 when no detection limit is reported):
    /// the item passes or fails only if the whole interval does; otherwise the result cannot decide.
    /// </summary>
    private static ItemVerdict NotDetectedAgainstNumeric(TestItem item, Limit leaf, NotDetected nd, decimal factor, ProductProperty? property, string unit, string limitText, List<string> context)
    {
        if (nd.DetectionLimit is { } reported && reported <= 0)
        {
            return Invalid(item, $"{item.Label}: a detection limit must be positive, got {Format(reported)}{Unit(item.Unit)}");
        }

        var scaled = property is null ? string.Empty : $" × {Format(factor)}{Unit(property.Unit)}";
        if (nd.DetectionLimit is not { } detectionLimit)
        {
            var (passes, relation) = Judge(leaf, 0m, unit);
            return Verdict(item, passes, $"{item.Label} not detected, counted as 0{Unit(unit)} {relation}{Parenthesised(context)}", null, 0m);
        }

        var upper = detectionLimit * factor;
        bool? decided = leaf switch
        {
            MinimumLimit min when upper <= min.Min => false,
            MinimumLimit min when (min.Exclusive ? 0 > min.Min : 0 >= min.Min) => true,
            MaximumLimit max when upper <= max.Max => true,
            MaximumLimit max when (max.Exclusive ? 0 >= max.Max : 0 > max.Max) => false,
            RangeLimit range when upper <= range.Min || 0 > range.Max => false,
            RangeLimit range when 0 >= range.Min && upper <= range.Max => true,
            _ => null,
        };

        var below = $"not detected (< {Format(detectionLimit)}{Unit(item.Unit)}{scaled})";
        return decided switch
        {
            true => Verdict(item, true, $"{item.Label} {below}, so {limitText}{Parenthesised(context)}", null, null),
            false => Verdict(item, false, $"{item.Label} {below}, so not {limitText}{Parenthesised(context)}", null, null),
            null => Invalid(item, $"{item.Label} {below} cannot decide {limitText}: the detection limit is too high; a value is needed"),
        };
    }

    private static ItemVerdict Absence(TestItem item, NotDetectedLimit limit, Measurement measurement, List<string> context)
    {
        var required = limit.DetectionLimit is { } dl ? $"requirement: not detected, detection limit {Format(dl)}{Unit(item.Unit)}" : "requirement: not detected";
        var parts = context.Prepend(required);
        switch (measurement)
        {
            case NotDetected nd when nd.DetectionLimit is { } labLimit && limit.DetectionLimit is { } methodLimit && labLimit > methodLimit:
                return Invalid(item, $"{item.Label}: not detected, but with a detection limit of {Format(labLimit)}{Unit(item.Unit)}, above the required {Format(methodLimit)}{Unit(item.Unit)}; absence is not shown");

            case NotDetected nd:
                var at = nd.DetectionLimit is { } l ? $" (< {Format(l)}{Unit(item.Unit)})" : string.Empty;
                return Verdict(item, true, $"{item.Label} not detected{at}{Parenthesised(parts)}", null, null);

            case Detected detected:
                var how = string.IsNullOrWhiteSpace(detected.ReportedAs) ? string.Empty : $" (reported as \"{detected.ReportedAs}\")";
                return Verdict(item, false, $"{item.Label} detected{how}{Parenthesised(parts)}", null, null);

            case MeasuredValue measured when measured.Value < 0:
                return Invalid(item, $"{item.Label}: an amount cannot be negative, got {Shown(measured, item.Unit)}");

            case MeasuredValue measured:
                var value = Shown(measured, item.Unit);
                if (limit.DetectionLimit is { } detectionLimit)
                {
                    return measured.Value < detectionLimit
                        ? Verdict(item, true, $"{item.Label} {value} is below the detection limit {Format(detectionLimit)}{Unit(item.Unit)}, i.e. not detected{Parenthesised(parts)}", null, measured.Value)
                        : Verdict(item, false, $"{item.Label} {value} detected{Parenthesised(parts)}", null, measured.Value);
                }

                return measured.Value == 0
                    ? Verdict(item, true, $"{item.Label} {value} reported, i.e. not detected{Parenthesised(parts)}", null, 0m)
                    : Verdict(item, false, $"{item.Label} {value} detected{Parenthesised(parts)}", null, measured.Value);

            default:
                return Invalid(item, $"{item.Label}: report \"not detected\", \"detected\" or an amount, not a conforms / does-not-conform observation");
        }
    }

    private static ItemVerdict Judged(TestItem item, PassFailLimit limit, Measurement measurement, List<string> context)
    {
        if (measurement is not Observation observation)
        {
            var kind = measurement switch
            {
                MeasuredValue => "a measured value",
                NotDetected => "\"not detected\"",
                Detected => "\"detected\"",
                _ => "this kind of result",
            };
            return Invalid(item, $"{item.Label}: needs a conforms / does-not-conform observation ({limit.Requirement}), not {kind}");
        }

        var parts = context.Prepend($"requirement: {limit.Requirement}");
        if (!string.IsNullOrWhiteSpace(observation.Note))
        {
            parts = parts.Append($"lab note: {observation.Note}");
        }

        var state = observation.Conforming ? "conforms" : "does not conform";
        return Verdict(item, observation.Conforming, $"{item.Label}: {state}{Parenthesised(parts)}", null, null);
    }

    private static (bool Passes, string Relation) Judge(Limit leaf, decimal value, string unit)
    {
        var u = Unit(unit);
        return leaf switch
        {
            MinimumLimit { Exclusive: false } min => value >= min.Min ? (true, $"≥ {Format(min.Min)}{u}") : (false, $"< {Format(min.Min)}{u}"),
            MinimumLimit min => value > min.Min ? (true, $"> {Format(min.Min)}{u}") : (false, $"is not > {Format(min.Min)}{u}"),
            MaximumLimit { Exclusive: false } max => value <= max.Max ? (true, $"≤ {Format(max.Max)}{u}") : (false, $"> {Format(max.Max)}{u}"),
            MaximumLimit max => value < max.Max ? (true, $"< {Format(max.Max)}{u}") : (false, $"is not < {Format(max.Max)}{u}"),
            RangeLimit range => value >= range.Min && value <= range.Max
                ? (true, $"is between {Format(range.Min)} and {Format(range.Max)}{u}")
                : (false, $"is not between {Format(range.Min)} and {Format(range.Max)}{u}"),
            _ => throw new InvalidOperationException("not a numeric limit"),
        };
    }

    private static string LimitText(Limit leaf, string unit) => leaf switch
    {
        MinimumLimit min => $"{(min.Exclusive ? ">" : "≥")} {Format(min.Min)}{Unit(unit)}",
        MaximumLimit max => $"{(max.Exclusive ? "<" : "≤")} {Format(max.Max)}{Unit(unit)}",
        RangeLimit range => $"between {Format(range.Min)} and {Format(range.Max)}{Unit(unit)}",
        _ => string.Empty,
    };

    private static ItemVerdict Verdict(TestItem item, bool passes, string statement, ComparisonMethod? method, decimal? compared) =>
        new(item.Code, passes ? ItemOutcome.Pass : ItemOutcome.Fail, item.Required, $"{statement}: {(passes ? "passes" : "fails")}", method, compared);

    private static ItemVerdict Invalid(TestItem item, string reason) => new(item.Code, ItemOutcome.InvalidInput, item.Required, reason);

    /// <summary>"2.10 %", or "2.10 % (reported as "2.1")" when the lab's text differs from the value.</summary>
    private static string Shown(MeasuredValue measured, string unit)
    {
        var value = Format(measured.Value);
        var reported = measured.ReportedAs?.Trim();
        return string.IsNullOrEmpty(reported) || string.Equals(reported, value, StringComparison.Ordinal)
            ? value + Unit(unit)
            : $"{value}{Unit(unit)} (reported as \"{reported}\")";
    }

    private static string Parenthesised(IEnumerable<string> parts)
    {
        var text = string.Join(", ", parts);
        return text.Length == 0 ? string.Empty : $" ({text})";
    }

    private static string Listing(IEnumerable<string> codes, string whenEmpty)
    {
        var text = string.Join(", ", codes);
        return text.Length == 0 ? whenEmpty : "one of: " + text;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Unit(string? unit) => string.IsNullOrEmpty(unit) ? string.Empty : " " + unit;

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
