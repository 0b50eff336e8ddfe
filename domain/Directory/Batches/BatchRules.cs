using System.Buffers;
using System.Globalization;
using System.Text.RegularExpressions;
using Samples.Contracts.Common;
using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>
/// Checks a product batch's definition; shared by the batch CSV import and the batch grain. Values are
/// checked trimmed (USCCs also upper-cased), so a command may be checked before or after <see cref="Normalise"/>.
/// Field names are the command's camelCase property names.
/// </summary>
public static partial class BatchRules
{
    public const int MaxBatchIdLength = 64;
    public const int MaxProductNameLength = 200;
    public const int MaxTrademarkLength = 100;
    public const int MaxSpecModelLength = 100;
    public const int MaxStandardLength = 100;
    public const int MaxBatchNumberLength = 64;

    private const int MaxValueShown = 60;

    private static readonly SearchValues<char> Controls = SearchValues.Create(ControlChars());

    /// <summary>Every problem of the definition, in field order; empty when it may be recorded.</summary>
    public static IReadOnlyList<FieldProblem> Check(DefineBatch command, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(command);
        var problems = new List<FieldProblem>();

        var batchId = command.BatchId?.Trim() ?? string.Empty;
        if (batchId.Length == 0)
        {
            problems.Add(new("batchId", "is required"));
        }
        else if (!IsBatchId(batchId))
        {
            problems.Add(new("batchId", $"{Show(batchId)} is not a batch id: 1-{MaxBatchIdLength} letters, digits and . _ : / -, starting with a letter or digit"));
        }

        CheckUscc("enterpriseUscc", command.EnterpriseUscc, problems);
        CheckUscc("producerUscc", command.ProducerUscc, problems);

        var category = command.Category?.Trim() ?? string.Empty;
        if (category.Length == 0)
        {
            problems.Add(new("category", "is required"));
        }
        else if (!CategoryCode().IsMatch(category))
        {
            problems.Add(new("category", $"{Show(category)} is not a category code (lower-case letters, digits and dashes, e.g. potash-kcl-gb6549)"));
        }

        CheckText("productName", command.ProductName, MaxProductNameLength, required: true, problems);
        CheckText("trademark", command.Trademark, MaxTrademarkLength, required: false, problems);
        CheckText("specModel", command.SpecModel, MaxSpecModelLength, required: false, problems);
        CheckText("standard", command.Standard, MaxStandardLength, required: true, problems);
        CheckText("batchNumber", command.BatchNumber, MaxBatchNumberLength, required: true, problems);

        if (command.ProductionDate is { } date && date > today)
        {
            problems.Add(new("productionDate", $"{Format(date)} is after {Format(today)}: a batch cannot have been produced in the future"));
        }

        return problems;
    }

    /// <summary>The same definition with values trimmed, USCCs upper-cased and empty optional values null: equal data compares equal.</summary>
    public static DefineBatch Normalise(DefineBatch command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command with
        {
            BatchId = Trim(command.BatchId),
            EnterpriseUscc = Trim(command.EnterpriseUscc).ToUpperInvariant(),
            ProducerUscc = Trim(command.ProducerUscc).ToUpperInvariant(),
            Category = Trim(command.Category),
            ProductName = Trim(command.ProductName),
            Trademark = EnterpriseFields.Normalise(command.Trademark),
            SpecModel = EnterpriseFields.Normalise(command.SpecModel),
            Standard = Trim(command.Standard),
            BatchNumber = Trim(command.BatchNumber),
        };
    }

    /// <summary>1-64 letters, digits and . _ : / -, starting with a letter or digit (ASCII only).</summary>
    public static bool IsBatchId(string? value) => value is not null && BatchIdPattern().IsMatch(value);

    private static void CheckUscc(string field, string? value, List<FieldProblem> problems)
    {
        var check = Uscc.Validate(value);
        if (!check.IsValid)
        {
            problems.Add(new(field, check.Code.Length == 0 ? check.Problem! : $"{Show(check.Code)}: {check.Problem}"));
        }
    }

    private static void CheckText(string field, string? value, int maxLength, bool required, List<FieldProblem> problems)
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            if (required)
            {
                problems.Add(new(field, "is required"));
            }

            return;
        }

        if (text.Length > maxLength)
        {
            problems.Add(new(field, $"is {text.Length} characters long; at most {maxLength}"));
            return;
        }

        var at = text.AsSpan().IndexOfAny(Controls);
        if (at >= 0)
        {
            problems.Add(new(field, $"contains the control character U+{(int)text[at]:X4} at position {at + 1}"));
        }
    }

    private static string Trim(string? value) => value?.Trim() ?? string.Empty;

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Show(string value) =>
        value.Length <= MaxValueShown ? $"'{value}'" : $"'{value[..MaxValueShown]}…' ({value.Length} characters)";

    private static string ControlChars()
    {
        var chars = new List<char>();
        for (var c = '\0'; c <= '\u009F'; c++)
        {
            if (char.IsControl(c))
            {
                chars.Add(c);
            }
        }

        return new string([.. chars]);
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}\z")]
    private static partial Regex BatchIdPattern();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CategoryCode();
}
