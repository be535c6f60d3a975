using System.ComponentModel;
using System.Text.Json;

namespace FeishuApiGen;

/// <summary>
/// Reads the members of a generated type, so its reader is one line per member. Each member reader starts on the
/// member's name, moves onto its value and reads it leniently (<see cref="FeishuJson"/>); a list reader drops JSON
/// nulls among the items and gives null for a JSON null list.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FeishuRead
{
    /// <summary>Throws unless the reader is on an object's <c>{</c>.</summary>
    public static void StartObject(ref Utf8JsonReader reader) => FeishuJson.Expect(ref reader, JsonTokenType.StartObject);

    /// <summary>Moves onto the next member's name; false at the object's <c>}</c>.</summary>
    public static bool NextMember(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType != JsonTokenType.EndObject;

    /// <summary>Skips a member no spec lists, value and all.</summary>
    public static void Skip(ref Utf8JsonReader reader) => OnValue(ref reader).Skip();

    /// <summary>Reads a string member.</summary>
    public static string? String(ref Utf8JsonReader reader) => FeishuJson.ReadString(ref OnValue(ref reader));

    /// <summary>Reads an <c>int</c> member.</summary>
    public static int? Int32(ref Utf8JsonReader reader) => FeishuJson.ReadInt32(ref OnValue(ref reader));

    /// <summary>Reads an <c>int64</c> member.</summary>
    public static long? Int64(ref Utf8JsonReader reader) => FeishuJson.ReadInt64(ref OnValue(ref reader));

    /// <summary>Reads a <c>number(float)</c> member.</summary>
    public static double? Double(ref Utf8JsonReader reader) => FeishuJson.ReadDouble(ref OnValue(ref reader));

    /// <summary>Reads a <c>boolean</c> member.</summary>
    public static bool? Boolean(ref Utf8JsonReader reader) => FeishuJson.ReadBoolean(ref OnValue(ref reader));

    /// <summary>Reads a member of any JSON value.</summary>
    public static JsonElement? Element(ref Utf8JsonReader reader) => FeishuJson.ReadElement(ref OnValue(ref reader));

    /// <summary>Reads a string enum member; a value no spec lists is kept.</summary>
    public static TEnum? Enum<TEnum>(ref Utf8JsonReader reader) where TEnum : struct, IFeishuEnum<TEnum> =>
        EnumValue<TEnum>(ref OnValue(ref reader));

    /// <summary>Reads an object member.</summary>
    public static TObject? Object<TObject>(ref Utf8JsonReader reader) where TObject : class, IFeishuObject<TObject> =>
        ObjectValue<TObject>(ref OnValue(ref reader));

    /// <summary>Reads a list of strings.</summary>
    public static IReadOnlyList<string>? StringList(ref Utf8JsonReader reader) => ClassList<string>(ref reader, FeishuJson.ReadString);

    /// <summary>Reads a list of <c>int</c>.</summary>
    public static IReadOnlyList<int>? Int32List(ref Utf8JsonReader reader) => StructList<int>(ref reader, FeishuJson.ReadInt32);

    /// <summary>Reads a list of <c>int64</c>.</summary>
    public static IReadOnlyList<long>? Int64List(ref Utf8JsonReader reader) => StructList<long>(ref reader, FeishuJson.ReadInt64);

    /// <summary>Reads a list of <c>number(float)</c>.</summary>
    public static IReadOnlyList<double>? DoubleList(ref Utf8JsonReader reader) => StructList<double>(ref reader, FeishuJson.ReadDouble);

    /// <summary>Reads a list of <c>boolean</c>.</summary>
    public static IReadOnlyList<bool>? BooleanList(ref Utf8JsonReader reader) => StructList<bool>(ref reader, FeishuJson.ReadBoolean);

    /// <summary>Reads a list of any JSON values.</summary>
    public static IReadOnlyList<JsonElement>? ElementList(ref Utf8JsonReader reader) => StructList<JsonElement>(ref reader, FeishuJson.ReadElement);

    /// <summary>Reads a list of string enum values.</summary>
    public static IReadOnlyList<TEnum>? EnumList<TEnum>(ref Utf8JsonReader reader) where TEnum : struct, IFeishuEnum<TEnum> => StructList<TEnum>(ref reader, EnumValue<TEnum>);

    /// <summary>Reads a list of objects.</summary>
    public static IReadOnlyList<TObject>? ObjectList<TObject>(ref Utf8JsonReader reader) where TObject : class, IFeishuObject<TObject> => ClassList<TObject>(ref reader, ObjectValue<TObject>);

    private delegate T? StructItemReader<T>(ref Utf8JsonReader reader) where T : struct;

    private delegate T? ClassItemReader<T>(ref Utf8JsonReader reader) where T : class;

    private static List<T>? StructList<T>(ref Utf8JsonReader reader, StructItemReader<T> readItem) where T : struct
    {
        if (!StartList(ref reader))
        {
            return null;
        }

        var list = new List<T>();
        while (NextItem(ref reader))
        {
            if (readItem(ref reader) is { } item)
            {
                list.Add(item);
            }
        }

        return list;
    }

    private static List<T>? ClassList<T>(ref Utf8JsonReader reader, ClassItemReader<T> readItem) where T : class
    {
        if (!StartList(ref reader))
        {
            return null;
        }

        var list = new List<T>();
        while (NextItem(ref reader))
        {
            if (readItem(ref reader) is { } item)
            {
                list.Add(item);
            }
        }

        return list;
    }

    private static TEnum? EnumValue<TEnum>(ref Utf8JsonReader reader) where TEnum : struct, IFeishuEnum<TEnum> =>
        FeishuJson.ReadString(ref reader) is { } text ? TEnum.FromWire(text) : null;

    private static TObject? ObjectValue<TObject>(ref Utf8JsonReader reader) where TObject : class, IFeishuObject<TObject> =>
        reader.TokenType == JsonTokenType.Null ? null : TObject.ReadJson(ref reader);

    /// <summary>Moves from a member's name onto its value.</summary>
    private static ref Utf8JsonReader OnValue(ref Utf8JsonReader reader)
    {
        FeishuJson.ReadValue(ref reader);
        return ref reader;
    }

    /// <summary>Moves onto a list member's value: false for a JSON null, else the reader is on its <c>[</c>.</summary>
    private static bool StartList(ref Utf8JsonReader reader)
    {
        if (OnValue(ref reader).TokenType == JsonTokenType.Null)
        {
            return false;
        }

        FeishuJson.Expect(ref reader, JsonTokenType.StartArray);
        return true;
    }

    private static bool NextItem(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType != JsonTokenType.EndArray;
}
