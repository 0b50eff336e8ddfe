using System.Text.Json.Serialization;

namespace Samples.Domain.Catalogue;

/// <summary>
/// What the lab reported for one item: a value, "not detected", "detected" (qualitative) or a
/// pass/fail observation. A closed set, written in JSON with a <c>"kind"</c> discriminator.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(MeasuredValue), "value")]
[JsonDerivedType(typeof(NotDetected), "notDetected")]
[JsonDerivedType(typeof(Detected), "detected")]
[JsonDerivedType(typeof(Observation), "observation")]
public abstract record Measurement
{
    private protected Measurement()
    {
    }

    public static MeasuredValue Of(decimal value, string? reportedAs = null) => new() { Value = value, ReportedAs = reportedAs };

    public static NotDetected NotDetected(decimal? detectionLimit = null) => new() { DetectionLimit = detectionLimit };

    public static Detected Detected(string? reportedAs = null) => new() { ReportedAs = reportedAs };

    public static Observation Conforms(string? note = null) => new() { Conforming = true, Note = note };

    public static Observation DoesNotConform(string? note = null) => new() { Conforming = false, Note = note };
}

/// <summary>A measured value, in the item's unit; <see cref="ReportedAs"/> is the lab's own text when it differs.</summary>
public sealed record MeasuredValue : Measurement
{
    public required decimal Value { get; init; }

    public string? ReportedAs { get; init; }
}

/// <summary>"ND": not detected, with the lab's detection limit (item unit) when reported.</summary>
public sealed record NotDetected : Measurement
{
    public decimal? DetectionLimit { get; init; }
}

/// <summary>Detected, without an amount (qualitative methods, e.g. asbestos by XRD).</summary>
public sealed record Detected : Measurement
{
    public string? ReportedAs { get; init; }
}

/// <summary>A judged check: conforms or not, with the lab's note.</summary>
public sealed record Observation : Measurement
{
    public required bool Conforming { get; init; }

    public string? Note { get; init; }
}
