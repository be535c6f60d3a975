using System.Text.Json;

namespace FeishuApiGen.Runtime.Tests.HandWritten;

// Hand-written GET/DELETE endpoints with a path parameter and typed query parameters: exercise
// requests without a body and URL encoding end to end. Not a real Feishu API.

/// <summary>GET /open-apis/loopback/v1/things/:thing_id.</summary>
public sealed class GetThingRequest : IFeishuRequest
{
    public const string PathPrefix = "/open-apis/loopback/v1/things/";

    public static readonly FeishuEndpoint Endpoint = new(
        "loopback.v1.thing.get", "GET", PathPrefix + ":thing_id", hasBody: false, FeishuAccessTokenTypes.Tenant, ["loopback:thing:read"], []);

    public static readonly FeishuEndpoint DeleteEndpoint = new(
        "loopback.v1.thing.delete", "DELETE", PathPrefix + ":thing_id", hasBody: false, FeishuAccessTokenTypes.Tenant | FeishuAccessTokenTypes.User, [], []);

    public string? ThingId { get; set; }

    public IEnumerable<string>? Ids { get; set; }

    public bool? Verbose { get; set; }

    public double? Ratio { get; set; }

    public int? PageSize { get; set; }

    public void Validate(ref FeishuValidator validator) => validator.NotEmpty("thing_id", ThingId);

    public void WriteUrl(ref FeishuUrlBuilder url)
    {
        url.AppendPath(PathPrefix);
        url.AppendPathParameter(ThingId);
        url.AppendQuery("ids", Ids);
        url.AppendQuery("verbose", Verbose);
        url.AppendQuery("ratio", Ratio);
        url.AppendQuery("page_size", PageSize);
    }

    public void WriteBody(Utf8JsonWriter writer) => throw new InvalidOperationException("GET has no body.");
}

/// <summary>A response that keeps <c>data</c>'s raw JSON, to see exactly what the runtime handed over.</summary>
public sealed class RawDataResponse : IFeishuResponse<RawDataResponse>
{
    public string Json { get; init; } = "";

    public static RawDataResponse ReadData(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawDataResponse { Json = document.RootElement.GetRawText() };
    }
}

/// <summary>POST /open-apis/loopback/v1/things with a <c>client_token</c> idempotency key the runtime fills when empty.</summary>
public sealed class CreateThingRequest : IFeishuRequest
{
    public static readonly FeishuEndpoint Endpoint = new(
        "loopback.v1.thing.create", "POST", "/open-apis/loopback/v1/things", hasBody: true, FeishuAccessTokenTypes.Tenant, [], [])
    {
        IdempotencyKey = "client_token",
    };

    public string? ClientToken { get; set; }

    public string Name { get; set; } = "thing";

    public void Validate(ref FeishuValidator validator) => validator.Length("name", Name, 1, 20);

    public void WriteUrl(ref FeishuUrlBuilder url)
    {
        url.AppendPath("/open-apis/loopback/v1/things");
        url.AppendIdempotencyKey("client_token", ClientToken);
    }

    public void WriteBody(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("name"u8, Name);
        writer.WriteEndObject();
    }
}

/// <summary>
/// POST /open-apis/loopback/v1/things/:thing_id/archive: a write without an idempotency key, so the runtime must not resend
/// it after a failure that may have happened once Feishu acted.
/// </summary>
public sealed class ArchiveThingRequest : IFeishuRequest
{
    public const string PathTemplate = "/open-apis/loopback/v1/things/:thing_id/archive";

    public static readonly FeishuEndpoint Endpoint = new(
        "loopback.v1.thing.archive", "POST", PathTemplate, hasBody: true, FeishuAccessTokenTypes.Tenant, [], []);

    public string ThingId { get; set; } = "t1";

    public void Validate(ref FeishuValidator validator) => validator.NotEmpty("thing_id", ThingId);

    public void WriteUrl(ref FeishuUrlBuilder url)
    {
        url.AppendPath("/open-apis/loopback/v1/things/");
        url.AppendPathParameter(ThingId);
        url.AppendPath("/archive");
    }

    public void WriteBody(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteEndObject();
    }
}

/// <summary>GET /open-apis/loopback/v1/me: an endpoint that accepts only a user_access_token.</summary>
public sealed class GetMeRequest : IFeishuRequest
{
    public static readonly FeishuEndpoint Endpoint = new(
        "loopback.v1.me.get", "GET", "/open-apis/loopback/v1/me", hasBody: false, FeishuAccessTokenTypes.User, [], []);

    public void Validate(ref FeishuValidator validator)
    {
    }

    public void WriteUrl(ref FeishuUrlBuilder url) => url.AppendPath("/open-apis/loopback/v1/me");

    public void WriteBody(Utf8JsonWriter writer) => throw new InvalidOperationException("GET has no body.");
}
