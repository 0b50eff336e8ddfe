using System.Text.Json;
using System.Text.Json.Serialization;

namespace Samples.Draw;

/// <summary>
/// Hand-written JSON of the bundle's most numerous objects (picks and alternates, teams, their emissions): what the
/// general (reflection, constructor-argument) reading would give, at a fraction of its cost on a large draw.
/// </summary>
/// <remarks>
/// Writing is field for field what the general writer writes (camelCase names in declaration order, null written).
/// Reading takes the plain form the writer makes: exactly these names in this order, each value of its one token type.
/// Anything else (other letter case or order, extra or missing fields, a number as text, a null) is read by the
/// general reading instead, so it is accepted or refused exactly as before; only a refusal's JSON path then starts at
/// the object rather than at the document.
/// </remarks>
internal static class BundleJson
{
    /// <summary>The bundle options without these converters: the general reading the converters fall back to.</summary>
    private static JsonSerializerOptions? s_general;

    public static JsonConverter[] Converters => [new PickConverter(), new TeamEmissionConverter(), new TeamConverter()];

    private static T General<T>(ref Utf8JsonReader reader)
    {
        var general = s_general ??= Without(DrawBundle.Json);
        return JsonSerializer.Deserialize<T>(ref reader, general)!;
    }

    private static JsonSerializerOptions Without(JsonSerializerOptions options)
    {
        var copy = new JsonSerializerOptions(options);
        copy.Converters.Clear();
        return copy;
    }

    private static bool Name(ref Utf8JsonReader r, ReadOnlySpan<byte> name) =>
        r.Read() && r.TokenType == JsonTokenType.PropertyName && r.ValueTextEquals(name) && r.Read();

    private static bool String(ref Utf8JsonReader r, ReadOnlySpan<byte> name, out string value)
    {
        value = null!;
        if (!Name(ref r, name) || r.TokenType != JsonTokenType.String)
        {
            return false;
        }

        value = r.GetString()!;
        return true;
    }

    private static bool Int(ref Utf8JsonReader r, ReadOnlySpan<byte> name, out int value)
    {
        value = 0;
        return Name(ref r, name) && r.TokenType == JsonTokenType.Number && r.TryGetInt32(out value);
    }

    private static bool End(ref Utf8JsonReader r) => r.Read() && r.TokenType == JsonTokenType.EndObject;

    private static bool TryPick(ref Utf8JsonReader r, out Pick pick)
    {
        pick = null!;
        if (r.TokenType != JsonTokenType.StartObject || !String(ref r, "stratum"u8, out var stratum) || !String(ref r, "id"u8, out var id)
            || !String(ref r, "ticket"u8, out var ticket) || !Int(ref r, "generation"u8, out var generation) || !End(ref r))
        {
            return false;
        }

        pick = new Pick(stratum, id, ticket, generation);
        return true;
    }

    private static bool TryEmission(ref Utf8JsonReader r, out TeamEmission emission)
    {
        emission = null!;
        if (r.TokenType != JsonTokenType.StartObject || !String(ref r, "inspectorId"u8, out var inspector) || !String(ref r, "ticket"u8, out var ticket)
            || !Int(ref r, "generation"u8, out var generation) || !Name(ref r, "accepted"u8) || r.TokenType is not (JsonTokenType.True or JsonTokenType.False))
        {
            return false;
        }

        var accepted = r.TokenType == JsonTokenType.True;
        if (!Name(ref r, "rule"u8) || r.TokenType is not (JsonTokenType.String or JsonTokenType.Null))
        {
            return false;
        }

        var rule = r.TokenType == JsonTokenType.Null ? null : r.GetString();
        if (!End(ref r))
        {
            return false;
        }

        emission = new TeamEmission(inspector, ticket, generation, accepted, rule);
        return true;
    }

    private static bool TryTeam(ref Utf8JsonReader r, out Team team)
    {
        team = null!;
        if (r.TokenType != JsonTokenType.StartObject || !String(ref r, "targetId"u8, out var target) || !String(ref r, "stratum"u8, out var stratum)
            || !String(ref r, "pool"u8, out var pool) || !Name(ref r, "members"u8) || r.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var members = new List<string>();
        while (r.Read() && r.TokenType == JsonTokenType.String)
        {
            members.Add(r.GetString()!);
        }

        if (r.TokenType != JsonTokenType.EndArray || !Name(ref r, "emissions"u8) || r.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var emissions = new List<TeamEmission>();
        while (r.Read() && r.TokenType == JsonTokenType.StartObject)
        {
            if (!TryEmission(ref r, out var emission))
            {
                return false;
            }

            emissions.Add(emission);
        }

        if (r.TokenType != JsonTokenType.EndArray || !String(ref r, "status"u8, out var status) || !End(ref r))
        {
            return false;
        }

        team = new Team(target, stratum, pool, members, emissions, status);
        return true;
    }

    private sealed class PickConverter : JsonConverter<Pick>
    {
        public override Pick Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var plain = reader;
            if (TryPick(ref plain, out var pick))
            {
                reader = plain;
                return pick;
            }

            return General<Pick>(ref reader);
        }

        public override void Write(Utf8JsonWriter writer, Pick value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("stratum"u8, value.Stratum);
            writer.WriteString("id"u8, value.Id);
            writer.WriteString("ticket"u8, value.Ticket);
            writer.WriteNumber("generation"u8, value.Generation);
            writer.WriteEndObject();
        }
    }

    private sealed class TeamEmissionConverter : JsonConverter<TeamEmission>
    {
        public override TeamEmission Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var plain = reader;
            if (TryEmission(ref plain, out var emission))
            {
                reader = plain;
                return emission;
            }

            return General<TeamEmission>(ref reader);
        }

        public override void Write(Utf8JsonWriter writer, TeamEmission value, JsonSerializerOptions options) => WriteEmission(writer, value);
    }

    private static void WriteEmission(Utf8JsonWriter writer, TeamEmission value)
    {
        writer.WriteStartObject();
        writer.WriteString("inspectorId"u8, value.InspectorId);
        writer.WriteString("ticket"u8, value.Ticket);
        writer.WriteNumber("generation"u8, value.Generation);
        writer.WriteBoolean("accepted"u8, value.Accepted);
        writer.WriteString("rule"u8, value.Rule);
        writer.WriteEndObject();
    }

    private sealed class TeamConverter : JsonConverter<Team>
    {
        public override Team Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var plain = reader;
            if (TryTeam(ref plain, out var team))
            {
                reader = plain;
                return team;
            }

            return General<Team>(ref reader);
        }

        public override void Write(Utf8JsonWriter writer, Team value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("targetId"u8, value.TargetId);
            writer.WriteString("stratum"u8, value.Stratum);
            writer.WriteString("pool"u8, value.Pool);
            writer.WritePropertyName("members"u8);
            JsonSerializer.Serialize(writer, value.Members, options);
            writer.WritePropertyName("emissions"u8);
            JsonSerializer.Serialize(writer, value.Emissions, options);
            writer.WriteString("status"u8, value.Status);
            writer.WriteEndObject();
        }
    }
}
