using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FeishuApiGen.Protocol;

/// <summary>Names where a value stands in a JSON text, as <c>items[0].is_root</c>: for a message about that value.</summary>
internal static class JsonPaths
{
    /// <summary>
    /// The path of the value starting at <paramref name="offset"/> (<c>$</c> for the root value); null when no value starts
    /// there or the text cannot be walked. Walks the text again, so it costs nothing until a value could not be read.
    /// </summary>
    public static string? PathAt(ReadOnlySpan<byte> json, long offset)
    {
        var frames = new List<Frame>();
        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        frames[^1] = frames[^1] with { Name = reader.GetString() };
                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        continue;
                }

                if (frames.Count > 0 && frames[^1].IsArray)
                {
                    frames[^1] = frames[^1] with { Index = frames[^1].Index + 1 };
                }

                if (reader.TokenStartIndex == offset)
                {
                    return Format(frames);
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray, Index: -1, Name: null));
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }

        return null;
    }

    private static string Format(List<Frame> frames)
    {
        if (frames.Count == 0)
        {
            return "$";
        }

        var path = new StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.IsArray)
            {
                path.Append('[').Append(frame.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                path.Append(path.Length == 0 ? "" : ".").Append(frame.Name);
            }
        }

        return path.ToString();
    }

    /// <summary>A container being walked: an array and its current index, or an object and its current member's name.</summary>
    private readonly record struct Frame(bool IsArray, int Index, string? Name);
}
