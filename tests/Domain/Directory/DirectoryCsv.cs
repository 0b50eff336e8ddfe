using System.Text;
using Samples.Domain.Directory;

// The folder is Directory, the namespace EnterpriseDirectory: a namespace Samples.Domain.Tests.Directory would
// hide System.IO.Directory from every test in Samples.Tests.Unit (SchemaVersionTests uses it).
namespace Samples.Domain.Tests.Directory;

/// <summary>Building blocks for enterprise CSV tests: deterministic codes, a context, files built column by column.</summary>
internal static class DirectoryCsv
{
    public static readonly DateOnly ReferenceDate = new(2025, 6, 1);

    public static readonly IReadOnlySet<string> Categories =
        new HashSet<string>(["cosmetics", "drugs", "lithium-carbonate", "medical-devices", "potash-kcl", "pv-module"], StringComparer.Ordinal);

    public static ImportContext Context(int maxProblems = ImportContext.DefaultMaxProblems) =>
        new(ReferenceDate, Categories) { MaxProblems = maxProblems };

    /// <summary>A valid enterprise USCC in Haixi for <paramref name="n"/> (distinct n, distinct codes).</summary>
    public static string Uscc(int n)
    {
        var body = new char[6];
        for (var i = 5; i >= 0; i--)
        {
            body[i] = Samples.Domain.Directory.Uscc.Alphabet[n % 31];
            n /= 31;
        }

        var organisation = "MA" + new string(body);
        var first17 = "91632800" + organisation + Samples.Domain.Directory.Uscc.OrganisationCheckCharacter(organisation);
        return first17 + Samples.Domain.Directory.Uscc.CheckCharacter(first17);
    }

    /// <summary>The same code with a wrong final check character (overridable).</summary>
    public static string WithWrongCheck(string code)
    {
        var alphabet = Samples.Domain.Directory.Uscc.Alphabet;
        var wrong = alphabet[(alphabet.IndexOf(code[17], StringComparison.Ordinal) + 1) % alphabet.Length];
        return code[..17] + wrong;
    }

    /// <summary>A valid row's values, by column.</summary>
    public static Dictionary<string, string> ValidValues(int n = 0) => new()
    {
        ["uscc"] = Uscc(n),
        ["name"] = "青海盐湖示例钾肥有限公司",
        ["region_code"] = "632800",
        ["address"] = "格尔木市察尔汗",
        ["kind"] = "producer",
        ["categories"] = "potash-kcl",
        ["licences"] = "",
        ["status"] = "",
        ["key_supervision"] = "",
        ["risk_class"] = "",
    };

    /// <summary>A file with the required header and one row, the given columns changed (an added column is appended).</summary>
    public static string OneRow(params (string Column, string Value)[] changes)
    {
        var values = ValidValues();
        foreach (var (column, value) in changes)
        {
            values[column] = value;
        }

        return File(values.Keys, [values.Values]);
    }

    public static string File(IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        var text = new StringWriter();
        var csv = new CsvWriter(text);
        csv.WriteRecord(header);
        foreach (var row in rows)
        {
            csv.WriteRecord(row);
        }

        return text.ToString();
    }

    public static List<ImportResult> Import(string text, ImportContext? context = null) =>
        [.. EnterpriseCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), context ?? Context())];

    public static List<ImportResult> Import(Stream stream, ImportContext? context = null) =>
        [.. EnterpriseCsv.Read(stream, context ?? Context())];

    /// <summary>The only result of a one-row file.</summary>
    public static ImportResult Single(string text, ImportContext? context = null) => Import(text, context).Should().ContainSingle().Which;

    /// <summary>The enterprise of a one-row file that must be valid.</summary>
    public static EnterpriseRow Valid(params (string Column, string Value)[] changes)
    {
        var result = Single(OneRow(changes));
        result.Problems.Should().BeEmpty("the row is valid apart from the changes under test");
        return result.Enterprise!;
    }

    /// <summary>The only problem of a one-row file that must be invalid in one way.</summary>
    public static ImportProblem Problem(params (string Column, string Value)[] changes) =>
        Single(OneRow(changes)).Problems.Should().ContainSingle().Which;
}
