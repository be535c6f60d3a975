using System.ComponentModel;
using System.Text.Json;

namespace FeishuApiGen;

/// <summary>
/// Feishu's <c>enum</c> object: an enum value's <c>api_name</c> and its display names. A request sends only
/// <see cref="EnumName"/>; a response also brings <see cref="Display"/>. Built in, shared by every endpoint.
/// </summary>
public sealed class EnumValue : IFeishuObject<EnumValue>
{
    private IReadOnlyList<I18n> _display = [];

    /// <summary>枚举值: the value's <c>api_name</c>. Required when sent.</summary>
    public string? EnumName { get; set; }

    /// <summary>枚举多语展示: the value's display name in each language. Never null; not sent when empty.</summary>
    public IReadOnlyList<I18n> Display
    {
        get => _display;
        set => _display = value ?? [];
    }

    /// <summary>Checks the members before sending; called by generated code.</summary>
    /// <param name="validator">Collects the problems.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void ValidateMembers(ref FeishuValidator validator)
    {
        if (EnumName is null)
        {
            validator.Required("enum_name");
        }

        if (_display.Count == 0)
        {
            return;
        }

        validator.Enter("display");
        for (var i = 0; i < _display.Count; i++)
        {
            validator.EnterIndex(i);
            if (_display[i] is { } item)
            {
                item.ValidateMembers(ref validator);
            }
            else
            {
                validator.Required("");
            }

            validator.Exit();
        }

        validator.Exit();
    }

    /// <summary>Writes the object; called by generated code.</summary>
    /// <param name="writer">The request body.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        BuiltInJson.WriteStringIfSet(writer, "enum_name"u8, EnumName);
        if (_display.Count > 0)
        {
            writer.WriteStartArray("display"u8);
            foreach (var item in _display)
            {
                item.WriteJson(writer);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>Reads the object; called by generated code.</summary>
    /// <param name="reader">On the object's start.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static EnumValue ReadJson(ref Utf8JsonReader reader)
    {
        var result = new EnumValue();
        FeishuJson.Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var member = reader.ValueTextEquals("enum_name"u8) ? 1 : reader.ValueTextEquals("display"u8) ? 2 : 0;
            FeishuJson.ReadValue(ref reader);
            switch (member)
            {
                case 1: result.EnumName = FeishuJson.ReadString(ref reader); break;
                case 2: result.Display = BuiltInJson.ReadList(ref reader, I18n.ReadJson); break;
                default: reader.Skip(); break;
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public override string? ToString() => EnumName;
}
