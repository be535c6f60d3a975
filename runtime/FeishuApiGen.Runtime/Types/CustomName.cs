using System.ComponentModel;
using System.Text.Json;

namespace FeishuApiGen;

/// <summary>Feishu's <c>custom_name</c> object: a custom field's name in Chinese and English. Built in, shared by every endpoint.</summary>
public sealed class CustomName : IFeishuObject<CustomName>
{
    /// <summary>中文.</summary>
    public string? ZhCn { get; set; }

    /// <summary>英文.</summary>
    public string? EnUs { get; set; }

    /// <summary>Nothing to check; called by generated code.</summary>
    /// <param name="validator">Collects the problems.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
#pragma warning disable CA1822 // Generated code calls every object type's ValidateMembers alike.
    public void ValidateMembers(ref FeishuValidator validator)
#pragma warning restore CA1822
    {
    }

    /// <summary>Writes the object; called by generated code.</summary>
    /// <param name="writer">The request body.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        BuiltInJson.WriteStringIfSet(writer, "zh_cn"u8, ZhCn);
        BuiltInJson.WriteStringIfSet(writer, "en_us"u8, EnUs);
        writer.WriteEndObject();
    }

    /// <summary>Reads the object; called by generated code.</summary>
    /// <param name="reader">On the object's start.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static CustomName ReadJson(ref Utf8JsonReader reader)
    {
        var result = new CustomName();
        FeishuJson.Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var member = reader.ValueTextEquals("zh_cn"u8) ? 1 : reader.ValueTextEquals("en_us"u8) ? 2 : 0;
            FeishuJson.ReadValue(ref reader);
            switch (member)
            {
                case 1: result.ZhCn = FeishuJson.ReadString(ref reader); break;
                case 2: result.EnUs = FeishuJson.ReadString(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return result;
    }
}
