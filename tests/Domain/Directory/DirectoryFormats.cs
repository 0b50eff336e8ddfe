using System.Text;
using Samples.Domain.Directory;
using static Samples.Domain.Tests.Directory.DirectoryCsv;

namespace Samples.Domain.Tests.Directory;

/// <summary>Building blocks for the inspector, lab and batch CSV tests: valid rows by column, one-row files, imports.</summary>
internal static class DirectoryFormats
{
    public static Dictionary<string, string> ValidInspector() => new()
    {
        ["number"] = "QH-HX-0012",
        ["name"] = "马建国",
        ["unit"] = "海西州市场监督管理局",
        ["region_code"] = "632800",
        ["qualified_categories"] = "potash-kcl|lithium-carbonate",
        ["on_leave"] = "",
        ["max_open_tasks"] = "",
    };

    public static Dictionary<string, string> ValidLab() => new()
    {
        ["id"] = "QH-LAB-01",
        ["name"] = "青海省产品质量检验检测院",
        ["accredited_categories"] = "potash-kcl",
        ["accredited_items"] = "",
        ["may_retest"] = "",
    };

    public static Dictionary<string, string> ValidBatch() => new()
    {
        ["batch_id"] = "QH-2025/0001",
        ["enterprise_uscc"] = Uscc(1),
        ["producer_uscc"] = Uscc(2),
        ["category"] = "potash-kcl",
        ["product_name"] = "氯化钾",
        ["trademark"] = "",
        ["spec_model"] = "",
        ["standard"] = "GB 6549-2011",
        ["batch_number"] = "20250301",
        ["production_date"] = "",
    };

    /// <summary>A file with the valid values' header and one row, the given columns changed (an added column is appended).</summary>
    public static string OneRow(Dictionary<string, string> values, params (string Column, string Value)[] changes)
    {
        foreach (var (column, value) in changes)
        {
            values[column] = value;
        }

        return File(values.Keys, [values.Values]);
    }

    public static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    public static List<InspectorImportResult> Inspectors(string text, ImportContext? context = null) => [.. InspectorCsv.Read(Bytes(text), context ?? Context())];

    public static List<InspectorImportResult> Inspectors(Stream stream, ImportContext? context = null) => [.. InspectorCsv.Read(stream, context ?? Context())];

    public static List<LabImportResult> Labs(string text, ImportContext? context = null) => [.. LabCsv.Read(Bytes(text), context ?? Context())];

    public static List<LabImportResult> Labs(Stream stream, ImportContext? context = null) => [.. LabCsv.Read(stream, context ?? Context())];

    public static List<BatchImportResult> Batches(string text, ImportContext? context = null) => [.. BatchCsv.Read(Bytes(text), context ?? Context())];

    public static List<BatchImportResult> Batches(Stream stream, ImportContext? context = null) => [.. BatchCsv.Read(stream, context ?? Context())];

    public static InspectorImportResult Inspector(params (string Column, string Value)[] changes) =>
        Inspectors(OneRow(ValidInspector(), changes)).Should().ContainSingle().Which;

    public static LabImportResult Lab(params (string Column, string Value)[] changes) =>
        Labs(OneRow(ValidLab(), changes)).Should().ContainSingle().Which;

    public static BatchImportResult Batch(params (string Column, string Value)[] changes) =>
        Batches(OneRow(ValidBatch(), changes)).Should().ContainSingle().Which;

    /// <summary>The only problem of a one-row file.</summary>
    public static ImportProblem OnlyProblem(IReadOnlyList<ImportProblem> problems) => problems.Should().ContainSingle().Which;
}
