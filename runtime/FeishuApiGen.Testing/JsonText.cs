using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FeishuApiGen.Testing;

/// <summary>Writes a small JSON object to a string (UTF-8 text kept unescaped, as Feishu does).</summary>
internal static class JsonText
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Action<Utf8JsonWriter> members)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, s_options))
        {
            json.WriteStartObject();
            members(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
