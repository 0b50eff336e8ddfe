using Samples.Contracts.Directory;

namespace Samples.Domain.Directory;

/// <summary>
/// Bulk import and export of the inspector directory (执法检查人员名录库) as CSV, in the format and with the
/// guarantees of <see cref="EnterpriseCsv"/>: see <see cref="InspectorCsvColumns"/> and Directory/README.md.
/// Import streams one <see cref="InspectorImportResult"/> per non-empty row; an accepted row passes
/// <c>InspectorRules.Define</c> and each of its conflicts <c>InspectorRules.DeclareConflict</c>.
/// </summary>
public static class InspectorCsv
{
    /// <summary>
    /// Reads inspectors from UTF-8 bytes (with or without a byte-order mark), as the results are enumerated
    /// (enumerate once); the stream is not closed. <see cref="DefineInspector.RequestedBy"/> is left empty
    /// for the caller to fill in. A file that is not acceptable CSV, or whose header is wrong, gives one
    /// result with one problem and ends; so does reaching <see cref="ImportContext.MaxProblems"/>.
    /// </summary>
    public static IEnumerable<InspectorImportResult> Read(Stream stream, ImportContext context) =>
        CsvImport.Read(stream, context, InspectorCsvColumns.Format, header => new InspectorRowParser(header, context));

    /// <summary>Reads inspectors from decoded text; as <see cref="Read(Stream, ImportContext)"/>.</summary>
    public static IEnumerable<InspectorImportResult> Read(TextReader reader, ImportContext context) =>
        CsvImport.Read(reader, context, InspectorCsvColumns.Format, header => new InspectorRowParser(header, context));

    /// <summary>
    /// Writes the header (all of <see cref="InspectorCsvColumns.All"/>) and one record per inspector, records
    /// ended by CRLF: on_leave as true/false, conflicts as USCC=reason joined by '|' in the order given.
    /// RequestedBy is not written.
    /// </summary>
    /// <exception cref="ArgumentException">A category contains '|', or a conflict's code or reason contains '|' or '=', and could not be read back.</exception>
    public static void Write(TextWriter writer, IEnumerable<(DefineInspector Inspector, IReadOnlyList<(string Uscc, string Reason)> Conflicts)> rows)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(rows);
        var csv = new CsvWriter(writer);
        csv.WriteRecord(InspectorCsvColumns.All);
        foreach (var (inspector, conflicts) in rows)
        {
            ArgumentNullException.ThrowIfNull(inspector, nameof(rows));
            var what = $"inspector {inspector.Number}";
            csv.WriteField(inspector.Number);
            csv.WriteField(inspector.Name);
            csv.WriteField(inspector.Unit);
            csv.WriteField(inspector.RegionCode);
            csv.WriteField(CsvImport.JoinList(inspector.QualifiedCategories, what, InspectorCsvColumns.QualifiedCategories, nameof(rows)));
            csv.WriteField(CsvValues.Format(inspector.OnLeave));
            csv.WriteField(CsvValues.Format(inspector.MaxOpenTasks));
            csv.WriteField(JoinConflicts(conflicts ?? [], what, nameof(rows)));
            csv.EndRecord();
        }
    }

    /// <summary>Writes as <see cref="Write(TextWriter, IEnumerable{ValueTuple{DefineInspector, IReadOnlyList{ValueTuple{string, string}}}})"/> in UTF-8 without a byte-order mark; the stream stays open.</summary>
    public static void Write(Stream stream, IEnumerable<(DefineInspector Inspector, IReadOnlyList<(string Uscc, string Reason)> Conflicts)> rows) =>
        CsvImport.Write(stream, writer => Write(writer, rows));

    private static string JoinConflicts(IReadOnlyList<(string Uscc, string Reason)> conflicts, string what, string paramName)
    {
        var items = new string[conflicts.Count];
        for (var i = 0; i < items.Length; i++)
        {
            var (code, reason) = conflicts[i];
            if (code.AsSpan().IndexOfAny(Separators) >= 0 || reason.AsSpan().IndexOfAny(Separators) >= 0)
            {
                throw new ArgumentException(
                    $"{what}: conflict '{code}={reason}' contains '{CsvValues.ListSeparator}' or '{InspectorRowParser.ConflictSeparator}', which separate conflicts and their parts", paramName);
            }

            items[i] = $"{code}{InspectorRowParser.ConflictSeparator}{reason}";
        }

        return string.Join(CsvValues.ListSeparator, items);
    }

    private static ReadOnlySpan<char> Separators => "|=";
}
