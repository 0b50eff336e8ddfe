using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>
/// Rounds of one plan on a small, stable frame, where a fair draw gives uniform chances: no capacity limit, no
/// recusal, no one-unit rule. Stratum A: 20 members, fixed 5 (rate 0.25); stratum B: 30 members, ratio 0.2 (6);
/// stratum D: 4 members, all (key items). Eight inspectors in three units; pools of 4 (lithium) and 6 (potash)
/// that share two inspectors.
/// </summary>
internal static class FairnessFixture
{
    public const string StratumA = "630100|lithium-carbonate|A";
    public const string StratumB = "630100|potash-kcl-gb6549|B";
    public const string StratumD = "630100|potash-kcl-gb6549|D";

    public static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.FromHours(8));

    private static readonly Lazy<DrawBundle[]> Simulated = new(() => Enumerable.Range(1, 200).Select(i => Bundles.Create(Round(i))).ToArray());

    /// <summary>200 published rounds (built once per test run).</summary>
    public static IReadOnlyList<DrawBundle> TwoHundredRounds => Simulated.Value;

    public static CanonicalFrame<TargetRow> Targets() => CanonicalFrames.Targets(
        Enumerable.Range(0, 20).Select(i => new TargetRow($"ENT|91630100FA{i:D6}X", StratumA))
            .Concat(Enumerable.Range(0, 30).Select(i => new TargetRow($"ENT|91630100FB{i:D6}X", StratumB)))
            .Concat(Enumerable.Range(0, 4).Select(i => new TargetRow($"ENT|91630100FD{i:D6}X", StratumD))));

    public static CanonicalFrame<InspectorRow> Inspectors() => CanonicalFrames.Inspectors(
    [
        new("INS|FR-01", "省局", ["630100"], ["lithium-carbonate"], 100_000),
        new("INS|FR-02", "省局", ["630100"], ["lithium-carbonate"], 100_000),
        new("INS|FR-03", "西宁市局", ["630100"], ["lithium-carbonate", "potash-kcl-gb6549"], 100_000),
        new("INS|FR-04", "西宁市局", ["630100"], ["lithium-carbonate", "potash-kcl-gb6549"], 100_000),
        new("INS|FR-05", "西宁市局", ["630100"], ["potash-kcl-gb6549"], 100_000),
        new("INS|FR-06", "湟中区局", ["630100"], ["potash-kcl-gb6549"], 100_000),
        new("INS|FR-07", "湟中区局", ["630100"], ["potash-kcl-gb6549"], 100_000),
        new("INS|FR-08", "湟中区局", ["630100"], ["potash-kcl-gb6549"], 100_000),
    ]);

    public static DrawRules Rules() => new(
        new QuotaRules([new("B", 0.2m)], true, [new(StratumA, 5)], 2),
        new TeamRules(2, false, 0, 10));

    /// <summary>Round <paramref name="i"/>: its own draw id, nonce and date; every third round has no outside contribution.</summary>
    public static DrawCeremony Round(int i)
    {
        var committed = Start.AddDays(i);
        IReadOnlyList<Contribution> contributions = i % 3 == 0
            ? []
            : [new("witness 李监督", $"李监督:{i * 7919}", committed.AddMinutes(5)), new($"witness 公证员 {i}", $"drand:{4_500_000 + i}:{Tickets.Sha256Hex($"beacon {i}")[..16]}", committed.AddMinutes(6))];
        return new DrawCeremony(
            $"FR-2026-R{i:D3}",
            Targets(),
            Inspectors(),
            CanonicalFrames.Exclusions([new("ENT|91630100FX000000X", "deregistered")]),
            Rules(),
            [],
            [],
            DateOnly.FromDateTime(committed.Date),
            committed,
            committed.AddMinutes(30),
            contributions,
            Tickets.Sha256Hex($"nonce of round {i}"),
            committed.AddMinutes(31));
    }
}
