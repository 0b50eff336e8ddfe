using System.Text.Json;
using Samples.Draw;

namespace Samples.Domain.Tests.Draw;

/// <summary>
/// The hand-written JSON of picks, teams and emissions against the general (reflection) reading and writing: the same
/// text written, and every variant read to the same value or refused by both.
/// </summary>
public sealed class BundleJsonTests
{
    /// <summary>The bundle options without the hand-written converters.</summary>
    private static readonly JsonSerializerOptions General = Without(DrawBundle.Json);

    private static JsonSerializerOptions Without(JsonSerializerOptions options)
    {
        var copy = new JsonSerializerOptions(options);
        copy.Converters.Clear();
        return copy;
    }

    private static DrawBundle Drawn() => Bundles.Create(
        DrawFixture.Ceremony(rules: DrawFixture.Rules(size: 3)),
        afterDraw: s =>
        {
            var teams = s.Result.Teams;
            s.Replace(teams[0].TargetId, teams[0].Members[0], "declined");
            s.UseAlternate(teams[1].TargetId, "closed");
        });

    [Fact]
    public void The_bundle_is_written_as_the_general_writer_writes_it_and_read_back_the_same()
    {
        var bundle = Drawn();
        bundle.Teams.SelectMany(t => t.Emissions).Should().Contain(e => e.Rule == null).And.Contain(e => e.Rule != null, "both kinds of emission");
        bundle.Replacements.Should().NotBeEmpty();

        var json = bundle.ToJson();
        json.Should().Be(JsonSerializer.Serialize(bundle, General), "the same text");
        JsonSerializer.Serialize(DrawBundle.FromJson(json), General).Should().Be(json, "read back to the same values");
        JsonSerializer.Serialize(JsonSerializer.Deserialize<DrawBundle>(json, General), General).Should().Be(json);
    }

    private static string Outcome<T>(string json, JsonSerializerOptions options)
    {
        try
        {
            return "ok " + JsonSerializer.Serialize(JsonSerializer.Deserialize<List<T>>(json, options), General);
        }
        catch (JsonException)
        {
            return "refused";
        }
    }

    [Theory]
    [InlineData("""[{"stratum":"s|c|A","id":"ENT|1","ticket":"0.12","generation":1}]""")]
    [InlineData("""[{"Stratum":"s|c|A","id":"ENT|1","ticket":"0.12","generation":1}]""")]
    [InlineData("""[{"id":"ENT|1","stratum":"s|c|A","ticket":"0.12","generation":1}]""")]
    [InlineData("""[{"stratum":"s|c|A","id":"ENT|1","ticket":"0.12","generation":"1"}]""")]
    [InlineData("""[{"stratum":"s|c|A","id":"ENT|1","ticket":"0.12","generation":1.0}]""")]
    [InlineData("""[{"stratum":"s|c|A","id":"ENT|1","ticket":"0.12","generation":1,"extra":[1,{"a":2}]}]""")]
    [InlineData("""[{"stratum":"s|c|A","id":"ENT|1","ticket":"0.12"}]""")]
    [InlineData("""[{"stratum":"s|c|A","id":null,"ticket":"0.12","generation":1}]""")]
    [InlineData("""[{"stratum":"s|c|A","id":"ENT|1","id":"ENT|2","ticket":"0.12","generation":1}]""")]
    [InlineData("""[{"stratum":"s|c|A","\u0069d":"ENT|\u00e9","ticket":"0.12","generation":1}]""")]
    [InlineData("""[null, {"stratum":"s","id":"x","ticket":"0.1","generation":99999999999}]""")]
    [InlineData("""[{"stratum":"s|c|A","id":"ENT|1","ticket":"0.12","generation":1}, 3]""")]
    public void Picks_read_as_the_general_reading_reads_them(string json) =>
        Outcome<Pick>(json, DrawBundle.Json).Should().Be(Outcome<Pick>(json, General));

    [Theory]
    [InlineData("""[{"inspectorId":"I1","ticket":"0.1","generation":2,"accepted":true,"rule":null}]""")]
    [InlineData("""[{"inspectorId":"I1","ticket":"0.1","generation":2,"accepted":false,"rule":"no capacity left"}]""")]
    [InlineData("""[{"inspectorId":"I1","ticket":"0.1","generation":2,"accepted":true}]""")]
    [InlineData("""[{"inspectorId":"I1","ticket":"0.1","generation":2,"accepted":"true","rule":null}]""")]
    [InlineData("""[{"inspectorId":"I1","ticket":"0.1","generation":2,"accepted":null,"rule":null}]""")]
    [InlineData("""[{"inspectorId":"I1","ticket":"0.1","generation":2,"rule":null,"accepted":true}]""")]
    [InlineData("""[{"INSPECTORID":"I1","ticket":"0.1","generation":2,"accepted":true,"rule":null}]""")]
    [InlineData("""[{"inspectorId":"I1","ticket":"0.1","generation":-2,"accepted":true,"rule":5}]""")]
    public void Emissions_read_as_the_general_reading_reads_them(string json) =>
        Outcome<TeamEmission>(json, DrawBundle.Json).Should().Be(Outcome<TeamEmission>(json, General));

    [Theory]
    [InlineData("""[{"targetId":"T","stratum":"s|c|A","pool":"s|c","members":["I1","I2"],"emissions":[{"inspectorId":"I1","ticket":"0.1","generation":1,"accepted":true,"rule":null}],"status":"complete"}]""")]
    [InlineData("""[{"targetId":"T","stratum":"s|c|A","pool":"s|c","members":[],"emissions":[],"status":"no eligible team"}]""")]
    [InlineData("""[{"targetId":"T","stratum":"s|c|A","pool":"s|c","members":["I1",null],"emissions":[],"status":"complete"}]""")]
    [InlineData("""[{"targetId":"T","stratum":"s|c|A","pool":"s|c","members":null,"emissions":[],"status":"complete"}]""")]
    [InlineData("""[{"targetId":"T","stratum":"s|c|A","pool":"s|c","members":["I1"],"emissions":[null],"status":"complete"}]""")]
    [InlineData("""[{"targetId":"T","stratum":"s|c|A","pool":"s|c","members":["I1"],"emissions":[{"inspectorId":"I1","ticket":"0.1","generation":1,"accepted":true,"rule":null,"x":1}],"status":"complete"}]""")]
    [InlineData("""[{"targetId":"T","stratum":"s|c|A","pool":"s|c","members":["I1"],"emissions":[],"status":"complete","targetId":"U"}]""")]
    [InlineData("""[{"targetId":"T","stratum":"s|c|A","pool":"s|c","members":["I1"],"emissions":[]}]""")]
    [InlineData("""[{"targetId":"T","stratum":"s|c|A","pool":"s|c","members":[1],"emissions":[],"status":"complete"}]""")]
    public void Teams_read_as_the_general_reading_reads_them(string json) =>
        Outcome<Team>(json, DrawBundle.Json).Should().Be(Outcome<Team>(json, General));
}
