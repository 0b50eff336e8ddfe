using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>A small Qinghai-like draw: two prefectures, two categories, four risk classes, eight inspectors in three units.</summary>
internal static class DrawFixture
{
    public const string Nonce = "8f2d6c1e0b9a7f3e5d4c2b1a09f8e7d6c5b4a3928170f6e5d4c3b2a190817263";

    public static readonly DateTimeOffset Committed = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    public static CanonicalFrame<TargetRow> Targets()
    {
        var rows = new List<TargetRow>();
        string[] strata = ["632800|lithium-carbonate|A", "632800|lithium-carbonate|B", "632800|lithium-carbonate|D", "630100|potash-kcl-gb6549|B", "630100|potash-kcl-gb6549|C"];
        for (var i = 0; i < 60; i++)
        {
            rows.Add(new TargetRow($"ENT|91632800QH{i:D6}X", strata[i % strata.Length]));
        }

        return CanonicalFrames.Targets(rows);
    }

    public static CanonicalFrame<InspectorRow> Inspectors() => CanonicalFrames.Inspectors(
    [
        new("INS|QH-0001", "海西州局", ["632800"], ["lithium-carbonate"], 10),
        new("INS|QH-0002", "海西州局", ["632800"], ["lithium-carbonate", "potash-kcl-gb6549"], 10),
        new("INS|QH-0003", "格尔木市局", ["632800"], ["lithium-carbonate"], 8),
        new("INS|QH-0004", "格尔木市局", ["632800", "630100"], ["lithium-carbonate", "potash-kcl-gb6549"], 20),
        new("INS|QH-0005", "省局", ["630100"], ["potash-kcl-gb6549"], 6),
        new("INS|QH-0006", "省局", ["630100"], ["potash-kcl-gb6549"], 6),
        new("INS|QH-0007", "西宁市局", ["630100"], ["potash-kcl-gb6549"], 0),
        new("INS|QH-0008", "西宁市局", ["630100", "632800"], ["potash-kcl-gb6549"], 6),
    ]);

    public static CanonicalFrame<ExclusionRow> Exclusions() => CanonicalFrames.Exclusions(
    [
        new("ENT|91632800QH999999X", "deregistered"),
        new("INS|QH-0009", "on leave"),
    ]);

    public static DrawRules Rules(int size = 2, bool forbidSingleUnit = true) => new(
        new QuotaRules([new("A", 0.05m), new("B", 0.2m), new("C", 0.5m)], true, [new("630100|potash-kcl-gb6549|C", 3)], 2),
        new TeamRules(size, forbidSingleUnit, 180, 10));

    public static DrawCeremony Ceremony(
        DrawRules? rules = null,
        IReadOnlyList<DeclaredConflict>? conflicts = null,
        IReadOnlyList<PastInspection>? inspections = null,
        CanonicalFrame<InspectorRow>? inspectors = null) => new(
        "QH-2026-R03",
        Targets(),
        inspectors ?? Inspectors(),
        Exclusions(),
        rules ?? Rules(),
        conflicts ?? [new("INS|QH-0001", "91632800QH000001X", "亲属任职")],
        inspections ?? [new("INS|QH-0003", "91632800QH000006X", new DateOnly(2026, 1, 15))],
        new DateOnly(2026, 3, 2),
        Committed,
        Committed.AddHours(1),
        [
            new("witness 王监督", "王监督:7781", Committed.AddMinutes(10)),
            new("witness 赵公证", "drand:4519231:2f1c0e8d", Committed.AddMinutes(20)),
        ],
        Nonce,
        Committed.AddHours(1).AddMinutes(1));
}
