using Samples.Domain.Catalogue;
using Samples.Domain.Reference;

namespace Samples.Domain.Tasks;

/// <summary>A legal period: so many calendar days, or so many working days.</summary>
public sealed record Period(int Count, bool WorkingDays)
{
    public override string ToString() => WorkingDays ? $"{Count} working days" : $"{Count} days";

    /// <summary>When the period that starts the day after <paramref name="trigger"/> ends (docs/domain.md section 7).</summary>
    public Deadline From(DateOnly trigger, WorkingCalendar calendar) =>
        WorkingDays ? calendar.AddWorkingDays(trigger, Count) : calendar.AddDays(trigger, Count);
}

/// <summary>
/// What differs between the sampling regimes (docs/domain.md section 3): how long the enterprise may object after it is
/// notified, who re-tests (a different lab; for cosmetics and devices one drawn at random from the re-test list), and
/// whether samples are paid for. The workflow carries the rule set of the task's category, never one global rule.
/// </summary>
public sealed record RegimeRules(Regime Regime, Period Objection, bool RetestLabDrawnAtRandom, bool SamplesPaidFor, string Source)
{
    /// <summary>Results go public within 20 working days of being formed (企业信息公示暂行条例 Art 6).</summary>
    public static readonly Period Publication = new(20, WorkingDays: true);

    public static RegimeRules For(Regime regime) => regime switch
    {
        Regime.Order18Industrial => new(regime, new Period(15, WorkingDays: false), false, true, "SAMR Order 18 Art 15 ¶4: objection within 15 days; re-test by a different lab on the reserve sample"),
        Regime.Cosmetics => new(regime, new Period(7, WorkingDays: true), true, true, "化妆品监督管理条例 Art 48, 51: 7 working days; re-test lab drawn at random from the list"),
        Regime.MedicalDevices => new(regime, new Period(7, WorkingDays: true), true, false, "医疗器械监督管理条例 Art 73, 75: 7 working days; re-test lab drawn at random; no fee of any kind"),
        Regime.Drugs => new(regime, new Period(7, WorkingDays: false), false, true, "药品管理法 Art 100-102: 7 days (复验); the original lab or one designated above"),
        _ => throw new ArgumentOutOfRangeException(nameof(regime), regime, "no rule set for this regime"),
    };

    /// <summary>The last day the enterprise may object, counted from the day it received the result.</summary>
    public Deadline ObjectionDeadline(DateOnly notifiedOn, WorkingCalendar calendar) => Objection.From(notifiedOn, calendar);

    /// <summary>The last day to publish a result formed (concluded) on <paramref name="concludedOn"/>.</summary>
    public static Deadline PublicationDeadline(DateOnly concludedOn, WorkingCalendar calendar) => Publication.From(concludedOn, calendar);
}
