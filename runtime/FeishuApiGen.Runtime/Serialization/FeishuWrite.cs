using System.ComponentModel;
using System.Text.Json;

namespace FeishuApiGen;

/// <summary>
/// Writes the members of a generated type, so its writer is one line per member. A member that is not set (null) is
/// left out; a null item of a list is written as JSON null, where it stands.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FeishuWrite
{
    /// <summary>Writes a string member.</summary>
    public static void String(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>Writes an <c>int</c> member.</summary>
    public static void Int32(Utf8JsonWriter writer, ReadOnlySpan<byte> name, int? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    /// <summary>Writes an <c>int64</c> member.</summary>
    public static void Int64(Utf8JsonWriter writer, ReadOnlySpan<byte> name, long? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    /// <summary>Writes a <c>number(float)</c> member.</summary>
    public static void Double(Utf8JsonWriter writer, ReadOnlySpan<byte> name, double? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }

    /// <summary>Writes a <c>boolean</c> member.</summary>
    public static void Boolean(Utf8JsonWriter writer, ReadOnlySpan<byte> name, bool? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } flag)
        {
            writer.WriteBoolean(name, flag);
        }
    }

    /// <summary>Writes a member of any JSON value.</summary>
    public static void Element(Utf8JsonWriter writer, ReadOnlySpan<byte> name, JsonElement? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } element)
        {
            writer.WritePropertyName(name);
            element.WriteTo(writer);
        }
    }

    /// <summary>Writes a string enum member as its wire value.</summary>
    public static void Enum<TEnum>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, TEnum? value) where TEnum : struct, IFeishuEnum<TEnum>
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } item)
        {
            writer.WriteString(name, item.Value);
        }
    }

    /// <summary>Writes an object member.</summary>
    public static void Object<TObject>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, TObject? value) where TObject : class, IFeishuObject<TObject>
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is not null)
        {
            writer.WritePropertyName(name);
            value.WriteJson(writer);
        }
    }

    /// <summary>Writes a list of strings.</summary>
    public static void StringList(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<string?>? list) =>
        List(writer, name, list, static (w, item) => { if (item is null) { w.WriteNullValue(); } else { w.WriteStringValue(item); } });

    /// <summary>Writes a list of <c>int</c>.</summary>
    public static void Int32List(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<int>? list) =>
        List(writer, name, list, static (w, item) => w.WriteNumberValue(item));

    /// <summary>Writes a list of <c>int64</c>.</summary>
    public static void Int64List(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<long>? list) =>
        List(writer, name, list, static (w, item) => w.WriteNumberValue(item));

    /// <summary>Writes a list of <c>number(float)</c>.</summary>
    public static void DoubleList(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<double>? list) =>
        List(writer, name, list, static (w, item) => w.WriteNumberValue(item));

    /// <summary>Writes a list of <c>boolean</c>.</summary>
    public static void BooleanList(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<bool>? list) =>
        List(writer, name, list, static (w, item) => w.WriteBooleanValue(item));

    /// <summary>Writes a list of any JSON values.</summary>
    public static void ElementList(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<JsonElement>? list) =>
        List(writer, name, list, static (w, item) => item.WriteTo(w));

    /// <summary>Writes a list of string enum values.</summary>
    public static void EnumList<TEnum>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<TEnum>? list) where TEnum : struct, IFeishuEnum<TEnum> =>
        List(writer, name, list, static (w, item) => w.WriteStringValue(item.Value));

    /// <summary>Writes a list of objects.</summary>
    public static void ObjectList<TObject>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<TObject?>? list) where TObject : class, IFeishuObject<TObject> =>
        List(writer, name, list, static (w, item) => { if (item is null) { w.WriteNullValue(); } else { item.WriteJson(w); } });

    private static void List<T>(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<T>? list, Action<Utf8JsonWriter, T> writeItem)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (list is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var item in list)
        {
            writeItem(writer, item);
        }

        writer.WriteEndArray();
    }
}
