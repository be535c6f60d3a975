using System.Text.Json;

namespace FeishuApiGen;

/// <summary>
/// A request type emitted by the FeishuApiGen generator. The runtime calls these members; users never need to.
/// </summary>
public interface IFeishuRequest
{
    /// <summary>Reports every way this request breaks its spec. Allocates nothing when the request is valid.</summary>
    void Validate(ref FeishuValidator validator);

    /// <summary>Appends the path (path parameters percent-encoded) and the query string.</summary>
    void WriteUrl(ref FeishuUrlBuilder url);

    /// <summary>Writes the JSON body. Called only when <see cref="FeishuEndpoint.HasBody"/> is true.</summary>
    void WriteBody(Utf8JsonWriter writer);
}

/// <summary>
/// A request type emitted by the generator, which can also read itself back from the wire and knows its spec's example
/// answer: what a stand-in for Feishu needs to answer the endpoint (<see cref="FeishuEndpointContract"/>).
/// </summary>
/// <typeparam name="TSelf">The request type itself.</typeparam>
public interface IFeishuRequest<TSelf> : IFeishuRequest where TSelf : class, IFeishuRequest<TSelf>
{
    /// <summary>Where and how the request is sent.</summary>
    static abstract FeishuEndpoint FeishuEndpoint { get; }

    /// <summary>The spec's example of a successful answer, the whole envelope as UTF-8 JSON; empty when the spec has none.</summary>
    static abstract ReadOnlySpan<byte> ExampleAnswer { get; }

    /// <summary>
    /// Reads a request from what arrived on the wire. Members the request does not know are ignored, as Feishu ignores
    /// them; a value of the wrong JSON type throws <see cref="JsonException"/>.
    /// </summary>
    /// <param name="wire">The received request.</param>
    static abstract TSelf ReadWire(FeishuWireRequest wire);
}

/// <summary>A response type emitted by the generator: the members of the envelope's <c>data</c> object.</summary>
/// <typeparam name="TSelf">The response type itself.</typeparam>
public interface IFeishuResponse<TSelf> where TSelf : IFeishuResponse<TSelf>
{
    /// <summary>
    /// Reads <c>data</c>. The reader is positioned on the value's first token (<c>{</c> or <c>null</c>);
    /// on return it is on the value's last token. Unknown members are skipped.
    /// </summary>
    static abstract TSelf ReadData(ref Utf8JsonReader reader);

    /// <summary>
    /// Keeps the HTTP answer the data came in, for the caller's <c>GetRawAnswer()</c>. Generated responses keep it; a
    /// hand-written response that has no use for it need not implement this.
    /// </summary>
    void KeepRawAnswer(FeishuRawAnswer answer)
    {
    }
}

/// <summary>Which <c>Authorization</c> tokens an endpoint accepts.</summary>
[Flags]
public enum FeishuAccessTokenTypes
{
    /// <summary>None declared.</summary>
    None = 0,
    /// <summary>tenant_access_token.</summary>
    Tenant = 1,
    /// <summary>user_access_token.</summary>
    User = 2,
    /// <summary>app_access_token.</summary>
    App = 4,
}

/// <summary>
/// A response type of a paginated endpoint (query <c>page_token</c>; <c>data</c> with <c>has_more</c>, <c>page_token</c> and
/// an items array). The generator implements it explicitly, so the response's own member names stay as the spec says.
/// </summary>
/// <typeparam name="TItem">The type of one item.</typeparam>
public interface IFeishuPage<TItem>
{
    /// <summary>The items of this page.</summary>
    IReadOnlyList<TItem> PageItems { get; }

    /// <summary>Whether Feishu says more pages follow (<c>has_more</c>).</summary>
    bool HasMorePages { get; }

    /// <summary>The token of the next page (<c>page_token</c>), if any.</summary>
    string? NextPageToken { get; }
}
