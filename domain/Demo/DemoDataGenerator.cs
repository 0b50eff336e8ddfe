using Samples.Contracts.Directory;
using Samples.Domain.Catalogue;
using Samples.Domain.Directory;

namespace Samples.Domain.Demo;

/// <summary>
/// A realistic, clearly synthetic Qinghai dataset: every name carries 示例 ("example"), codes are valid
/// but made up. Haixi potash and lithium producers, Xining PV makers, tourist-site shops selling drugs,
/// cosmetics and medical devices in Xining, Haibei, Hainan and Yushu, sellers everywhere; inspectors in
/// the province's and prefectures' market-regulation bureaux; several labs. The same seed always gives
/// the same data (its own generator, not System.Random, whose sequence may change between runtimes).
/// </summary>
public sealed class DemoDataGenerator(ulong seed = 20260101)
{
    public const string Potash = "potash-kcl-gb6549";
    public const string PotashFertilizer = "potash-kcl-gb-t37918";
    public const string Lithium = "lithium-carbonate";
    public const string PvModule = "pv-module-csi";
    public const string Cosmetics = "cosmetics";
    public const string Masks = "medical-mask-disposable";
    public const string Tablets = "drug-tablet";

    private static readonly string[] TouristGoods = [Cosmetics, Masks, Tablets];

    private static readonly Prefecture[] Prefectures =
    [
        new("630100", "西宁", ["城东", "城中", "城西", "城北", "湟中", "大通"], 30),
        new("630200", "海东", ["乐都", "平安", "民和", "互助"], 14),
        new("632200", "海北", ["门源", "祁连", "刚察", "海晏"], 8),
        new("632300", "黄南", ["同仁", "尖扎", "泽库"], 5),
        new("632500", "海南", ["共和", "贵德", "同德", "兴海"], 9),
        new("632600", "果洛", ["玛沁", "班玛", "达日"], 4),
        new("632700", "玉树", ["玉树", "囊谦", "杂多", "称多"], 7),
        new("632800", "海西", ["格尔木", "德令哈", "大柴旦", "乌兰", "都兰", "茫崖"], 23),
    ];

    private static readonly string[] Words = ["昆仑", "柴达木", "盐湖", "雪域", "高原", "青藏", "三江源", "祁连", "河湟", "格桑", "金岸", "聚源", "瑞丰", "宏达", "天润", "鑫源"];

    private ulong state = seed;

    /// <summary>Enterprises with valid, unique codes (the organisation code counts up), in a fixed order.</summary>
    public IEnumerable<EnterpriseState> Enterprises(int count, DateTimeOffset asOf)
    {
        var month = asOf.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < count; i++)
        {
            var prefecture = PickPrefecture();
            var (kind, categories, industry) = Activity(prefecture.Code);
            var place = prefecture.Places[Next(prefecture.Places.Length)];
            var risk = Roll(100) switch { < 30 => RiskClass.A, < 80 => RiskClass.B, < 95 => RiskClass.C, _ => RiskClass.D };
            var status = Roll(100) switch { < 96 => EnterpriseStatus.Active, < 98 => EnterpriseStatus.Deregistered, _ => EnterpriseStatus.AbnormalOperation };
            var uscc = Code(prefecture.Code, i);
            yield return new EnterpriseState
            {
                IsRegistered = true,
                Uscc = uscc,
                Name = $"{place}{Words[Next(Words.Length)]}示例{industry}{(kind == EnterpriseKind.TouristSiteRetailer ? "店" : "有限公司")}{i}",
                Address = $"青海省{prefecture.Name}{place}示例路{1 + Next(300)}号",
                RegionCode = prefecture.Code,
                Kind = kind,
                Categories = categories,
                Licences = kind == EnterpriseKind.Producer ? [$"XK13-{630000 + i:D7}"] : [],
                Status = status,
                KeySupervision = kind == EnterpriseKind.Producer && categories.Any(c => c is Potash or PotashFertilizer or Lithium or PvModule),
                RiskClass = risk,
                RiskHistory = [new RiskClassEntry(month, risk, asOf, "demo")],
                RegisteredAt = asOf,
                RegisteredBy = "demo data",
                History = [new EnterpriseChange(asOf, "demo data", "registered (synthetic demo data)")],
            };
        }
    }

    public IReadOnlyList<DefineInspector> Inspectors(int count)
    {
        var inspectors = new List<DefineInspector>();
        for (var i = 0; i < count; i++)
        {
            // A fifth work for the provincial bureau (anywhere in the province), the rest for a prefecture: half for its
            // market-regulation bureau, half for its law-enforcement brigade, so every prefecture's pools hold two units
            // and a team (never all of one unit) can be formed there without a provincial inspector.
            var provincial = i % 5 == 0;
            var prefecture = provincial ? Prefectures[0] : PickPrefecture();
            var city = prefecture.Code.StartsWith("630", StringComparison.Ordinal) ? "市" : "州";
            var unit = provincial ? "青海省市场监督管理局"
                : i % 2 == 0 ? $"{prefecture.Name}{city}市场监督管理局" : $"{prefecture.Name}{city}市场监管综合行政执法支队";
            // Qualified for every category the demo's enterprises make or sell, so each pool has members.
            string[] qualified = [Potash, PotashFertilizer, Lithium, PvModule, .. TouristGoods];
            inspectors.Add(new DefineInspector(
                $"QH-{prefecture.Code[2..4]}{prefecture.Code[4..6]}-{i + 1:D4}",
                $"示例检查员{i + 1:D3}",
                unit,
                provincial ? "630000" : prefecture.Code,
                qualified,
                OnLeave: Roll(100) < 5,
                MaxOpenTasks: 5 + Next(6),
                RequestedBy: "demo data"));
        }

        return inspectors;
    }

    /// <summary>The demo's labs, each accredited for every test item of its categories in the shipped catalogue.</summary>
    public static IReadOnlyList<DefineLab> Labs() =>
    [
        Lab("QH-LAB-PQ", "青海省产品质量检验检测院（示例）", [Potash, PotashFertilizer, Lithium, PvModule], mayRetest: true),
        Lab("QH-LAB-HX", "海西州产品质量检验检测中心（示例）", [Potash, PotashFertilizer, Lithium], mayRetest: false),
        Lab("QH-LAB-DRUG", "青海省药品检验检测院（示例）", [Tablets, Cosmetics], mayRetest: true),
        Lab("QH-LAB-MD", "青海省医疗器械检验检测中心（示例）", [Masks], mayRetest: true),
        Lab("QH-LAB-XN", "西宁市检验检测中心（示例）", [Cosmetics, Masks, PvModule], mayRetest: false),
    ];

    private static DefineLab Lab(string id, string name, string[] categories, bool mayRetest)
    {
        var catalogue = CatalogueLoader.LoadShipped();
        var items = categories.SelectMany(c => catalogue.FindCategory(c)?.Items.Select(i => i.Code) ?? []).Distinct(StringComparer.Ordinal).ToArray();
        return new(id, name, categories, items, mayRetest, "demo data");
    }

    private (EnterpriseKind Kind, List<string> Categories, string Industry) Activity(string prefecture)
    {
        var roll = Roll(100);
        return prefecture switch
        {
            "632800" when roll < 35 => (EnterpriseKind.Producer, [Potash, PotashFertilizer], "钾肥"),
            "632800" when roll < 55 => (EnterpriseKind.Producer, [Lithium], "锂业"),
            "630100" when roll < 20 => (EnterpriseKind.Producer, [PvModule], "光伏科技"),
            "630100" or "632200" or "632500" or "632700" when roll < 70 => (EnterpriseKind.TouristSiteRetailer, Some(TouristGoods), "景区商品"),
            _ when roll < 85 => (EnterpriseKind.Seller, [PotashFertilizer], "农资"),
            _ => (EnterpriseKind.Seller, Some(TouristGoods), "药械化妆品"),
        };
    }

    private List<string> Some(string[] from)
    {
        var picked = from.Where(_ => Roll(2) == 0).ToList();
        if (picked.Count == 0)
        {
            picked.Add(from[Next(from.Length)]);
        }

        picked.Sort(StringComparer.Ordinal);
        return picked;
    }

    private Prefecture PickPrefecture()
    {
        var roll = Roll(100);
        foreach (var prefecture in Prefectures)
        {
            if (roll < prefecture.Weight)
            {
                return prefecture;
            }

            roll -= prefecture.Weight;
        }

        return Prefectures[^1];
    }

    /// <summary>A valid code: enterprise (91), the division, MA + the index in base 31, both check characters.</summary>
    private static string Code(string division, int index)
    {
        var digits = new char[6];
        for (var d = 5; d >= 0; d--)
        {
            digits[d] = Uscc.Alphabet[index % 31];
            index /= 31;
        }

        var organisation = "MA" + new string(digits);
        var first17 = "91" + division + organisation + Uscc.OrganisationCheckCharacter(organisation);
        return first17 + Uscc.CheckCharacter(first17);
    }

    private int Roll(int max) => Next(max);

    // SplitMix64: tiny, fast, and fixed for ever, so demo data is reproducible across runtimes.
    private int Next(int max)
    {
        state += 0x9E3779B97F4A7C15UL;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z % (ulong)max);
    }

    private sealed record Prefecture(string Code, string Name, string[] Places, int Weight);
}
