using System.Text.Json;

namespace FeishuApiGen;

/// <summary>What the built-in types share when read: skipping members they do not know, reading lists of themselves.</summary>
internal static class BuiltInJson
{
    public delegate T ItemReader<T>(ref Utf8JsonReader reader);

    /// <summary>Reads an array of objects, dropping JSON nulls; null reads as empty.</summary>
    public static IReadOnlyList<T> ReadList<T>(ref Utf8JsonReader reader, ItemReader<T> readItem)
        where T : class
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        FeishuJson.Expect(ref reader, JsonTokenType.StartArray);
        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Null)
            {
                list.Add(readItem(ref reader));
            }
        }

        return list;
    }

    public static void WriteStringIfSet(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
