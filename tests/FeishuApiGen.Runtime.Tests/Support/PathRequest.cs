namespace FeishuApiGen.Runtime.Tests.Support;

/// <summary>A request without parameters: its path and nothing else (for a GET; a write sends <c>{}</c>).</summary>
public sealed class PathRequest(string path) : IFeishuRequest
{
    public void Validate(ref FeishuValidator validator)
    {
    }

    public void WriteUrl(ref FeishuUrlBuilder url) => url.AppendPath(path);

    public void WriteBody(System.Text.Json.Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteEndObject();
    }
}
