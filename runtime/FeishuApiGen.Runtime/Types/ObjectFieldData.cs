using System.ComponentModel;
using System.Text.Json;

namespace FeishuApiGen;

/// <summary>Feishu's <c>object_field_data</c> object: one custom field of an object, by field name. Built in, shared by every endpoint.</summary>
public sealed class ObjectFieldData : IFeishuObject<ObjectFieldData>
{
    /// <summary>字段名. Required when sent.</summary>
    public string? FieldName { get; set; }

    /// <summary>字段值，是 json 转义后的字符串，根据元数据定义不同，字段格式不同. Required when sent.</summary>
    public string? Value { get; set; }

    /// <summary>Checks the members before sending; called by generated code.</summary>
    /// <param name="validator">Collects the problems.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void ValidateMembers(ref FeishuValidator validator)
    {
        if (FieldName is null)
        {
            validator.Required("field_name");
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
        BuiltInJson.WriteStringIfSet(writer, "field_name"u8, FieldName);
        BuiltInJson.WriteStringIfSet(writer, "value"u8, Value);
        writer.WriteEndObject();
    }

    /// <summary>Reads the object; called by generated code.</summary>
    /// <param name="reader">On the object's start.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static ObjectFieldData ReadJson(ref Utf8JsonReader reader)
    {
        var result = new ObjectFieldData();
        FeishuJson.Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var member = reader.ValueTextEquals("field_name"u8) ? 1 : reader.ValueTextEquals("value"u8) ? 2 : 0;
            FeishuJson.ReadValue(ref reader);
            switch (member)
            {
                case 1: result.FieldName = FeishuJson.ReadString(ref reader); break;
                case 2: result.Value = FeishuJson.ReadString(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return result;
    }
}
