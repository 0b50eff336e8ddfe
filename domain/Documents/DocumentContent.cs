using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Samples.Domain.Documents;

/// <summary>
/// What a document says, independent of how it is printed: its kind, number, title, the task (or bulletin) it is about,
/// the day it was issued and its blocks of labelled facts and tables. The PDF draws exactly this; the public verify
/// page shows exactly this, so a figure changed on a copy differs from what the page shows.
/// </summary>
public sealed record DocumentContent(
    string Kind,
    string Number,
    string TitleZh,
    string TitleEn,
    string Subject,
    int Version,
    string? Replaces,
    DateOnly IssuedOn,
    IReadOnlyList<DocumentBlock> Blocks)
{
    private static readonly JsonSerializerOptions Canonical = new(JsonSerializerDefaults.Web)
    {
        // Chinese stays readable in the stored JSON; the bytes are still one fixed encoding of the content.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The stored form: property order as declared, no indentation. Its SHA-256 is printed on the document.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Canonical);

    public static DocumentContent FromJson(string json) =>
        JsonSerializer.Deserialize<DocumentContent>(json, Canonical) ?? throw new JsonException("a document's content is null");

    public string Sha256() => Hex(System.Text.Encoding.UTF8.GetBytes(ToJson()));

    /// <summary>The SHA-256 of the facts alone (not the number, version or day): issuing again with the same facts is the same document.</summary>
    public string FactsSha256() => Hex(System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(Blocks, Canonical)));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}

/// <summary>A part of a document: a heading, labelled fields and optionally a table.</summary>
public sealed record DocumentBlock(string HeadingZh, string HeadingEn, IReadOnlyList<DocumentField> Fields, DocumentTable? Table = null);

/// <summary>One labelled fact, e.g. 批号 / Batch number: LOT-2026-001.</summary>
public sealed record DocumentField(string LabelZh, string LabelEn, string Value);

/// <summary>A table: column headings (Chinese, English beside it) and rows of cells.</summary>
public sealed record DocumentTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);
