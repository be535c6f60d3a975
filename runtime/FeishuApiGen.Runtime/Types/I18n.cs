using System.ComponentModel;
using System.Text.Json;

namespace FeishuApiGen;

/// <summary>
/// Feishu's <c>i18n</c> object: one text in one language. Built in, so every endpoint that carries it shares this type.
/// </summary>
public sealed class I18n : IFeishuObject<I18n>
{
    /// <summary>语言编码（IETF BCP 47）, e.g. <c>zh-CN</c>. Required when sent.</summary>
    public string? Lang { get; set; }

    /// <summary>文本内容. Required when sent.</summary>
    public string? Value { get; set; }

    /// <summary>Checks the members before sending; called by generated code.</summary>
    /// <param name="validator">Collects the problems.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void ValidateMembers(ref FeishuValidator validator)
    {
        if (Lang is null)
        {
            validator.Required("lang");
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
        BuiltInJson.WriteStringIfSet(writer, "lang"u8, Lang);
        BuiltInJson.WriteStringIfSet(writer, "value"u8, Value);
        writer.WriteEndObject();
    }

    /// <summary>Reads the object; called by generated code.</summary>
    /// <param name="reader">On the object's start.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static I18n ReadJson(ref Utf8JsonReader reader)
    {
        var result = new I18n();
        FeishuJson.Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var member = reader.ValueTextEquals("lang"u8) ? 1 : reader.ValueTextEquals("value"u8) ? 2 : 0;
            FeishuJson.ReadValue(ref reader);
            switch (member)
            {
                case 1: result.Lang = FeishuJson.ReadString(ref reader); break;
                case 2: result.Value = FeishuJson.ReadString(ref reader); break;
                default: reader.Skip(); break;
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public override string ToString() => Lang + ": " + Value;
}
