using System.ComponentModel;
using System.Text.Json;

namespace FeishuApiGen;

/// <summary>
/// Feishu's <c>custom_field_data</c> object: one custom field's value. A request sends <see cref="CustomApiName"/> and
/// <see cref="Value"/>; a response also brings <see cref="Name"/> and <see cref="Type"/>. Built in, shared by every endpoint.
/// </summary>
public sealed class CustomFieldData : IFeishuObject<CustomFieldData>
{
    /// <summary>自定义字段 apiname，即自定义字段的唯一标识. Required when sent.</summary>
    public string? CustomApiName { get; set; }

    /// <summary>自定义字段名称.</summary>
    public CustomName? Name { get; set; }

    /// <summary>自定义字段类型.</summary>
    public int? Type { get; set; }

    /// <summary>
    /// 字段值，是 json 转义后的字符串，根据元数据定义不同，字段格式不同. Required when sent.
    /// </summary>
    /// <remarks>
    /// As Feishu documents the formats: text <c>"你好"</c>; link <c>"https://www.example.com/"</c>; number <c>"123"</c>;
    /// boolean <c>"true"</c>; single choice <c>"option1"</c>; multiple choice <c>"[\"option1\", \"option2\"]"</c>;
    /// one person <c>"7140964208476371111"</c>; several people <c>"[\"7140964208476371111\", \"7140964208476371112\"]"</c>;
    /// date <c>"2025-01-01"</c>; date and time <c>"2006-01-02 15:04:05"</c>.
    /// </remarks>
    public string? Value { get; set; }

    /// <summary>Checks the members before sending; called by generated code.</summary>
    /// <param name="validator">Collects the problems.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void ValidateMembers(ref FeishuValidator validator)
    {
        if (CustomApiName is null)
        {
            validator.Required("custom_api_name");
        }

        if (Value is null)
        {
            validator.Required("value");
        }
    }

    /// <summary>Writes the object; called by generated code.</summary>
    /// <param name="writer">The request body.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        BuiltInJson.WriteStringIfSet(writer, "custom_api_name"u8, CustomApiName);
        if (Name is not null)
        {
            writer.WritePropertyName("name"u8);
            Name.WriteJson(writer);
        }

        if (Type is { } type)
        {
            writer.WriteNumber("type"u8, type);
        }

        BuiltInJson.WriteStringIfSet(writer, "value"u8, Value);
        writer.WriteEndObject();
    }

    /// <summary>Reads the object; called by generated code.</summary>
    /// <param name="reader">On the object's start.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static CustomFieldData ReadJson(ref Utf8JsonReader reader)
    {
        var result = new CustomFieldData();
        FeishuJson.Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var member = reader.ValueTextEquals("custom_api_name"u8) ? 1
                : reader.ValueTextEquals("name"u8) ? 2
                : reader.ValueTextEquals("type"u8) ? 3
                : reader.ValueTextEquals("value"u8) ? 4
                : 0;
            FeishuJson.ReadValue(ref reader);
            switch (member)
            {
                case 1: result.CustomApiName = FeishuJson.ReadString(ref reader); break;
                case 2: result.Name = reader.TokenType == JsonTokenType.Null ? null : CustomName.ReadJson(ref reader); break;
                case 3: result.Type = FeishuJson.ReadInt32(ref reader); break;
                case 4: result.Value = FeishuJson.ReadString(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return result;
    }
}
