using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace FeishuApiGen;

/// <summary>
/// Lenient scalar readers the generated response code calls. Feishu's answers drift from its docs (an int64 as a string,
/// a number as a string, a boolean as <c>"true"</c>, a whole number as <c>3.0</c>), so a value is read whenever it
/// converts without loss; anything else is a <see cref="JsonException"/> that says where it stood, what was expected
/// and what was found, which the runtime turns into a <see cref="FeishuProtocolException"/> naming the JSON path.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FeishuJson
{
    /// <summary>Reads a string; numbers and booleans are taken as their JSON text.</summary>
    public static string? ReadString(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => RawText(ref reader),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => null,
        _ => throw Unexpected(ref reader, "a string"),
    };

    /// <summary>Reads a 32-bit integer, also from a decimal string.</summary>
    public static int? ReadInt32(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt32(out var number):
                return number;
            case JsonTokenType.Number when WholeNumber(ref reader) is { } whole && int.TryParse(whole, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var fromWhole):
                return fromWhole;
            case JsonTokenType.String when int.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            case JsonTokenType.String when reader.ValueSpan.Length == 0:
            case JsonTokenType.Null:
                return null;
            default:
                throw Unexpected(ref reader, "a 32-bit integer");
        }
    }

    /// <summary>Reads a 64-bit integer, also from a decimal string (Feishu sends most IDs so).</summary>
    public static long? ReadInt64(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetInt64(out var number):
                return number;
            case JsonTokenType.Number when WholeNumber(ref reader) is { } whole && long.TryParse(whole, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var fromWhole):
                return fromWhole;
            case JsonTokenType.String when long.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            case JsonTokenType.String when reader.ValueSpan.Length == 0:
            case JsonTokenType.Null:
                return null;
            default:
                throw Unexpected(ref reader, "a 64-bit integer");
        }
    }

    /// <summary>Reads a finite number, also from a decimal string; one out of <see cref="double"/>'s range, NaN or an infinity is refused.</summary>
    public static double? ReadDouble(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number when reader.TryGetDouble(out var number) && double.IsFinite(number):
                return number;
            case JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed):
                return parsed;
            case JsonTokenType.String when reader.ValueSpan.Length == 0:
            case JsonTokenType.Null:
                return null;
            default:
                throw Unexpected(ref reader, "a finite number");
        }
    }

    /// <summary>Reads a boolean, also from "true"/"false".</summary>
    public static bool? ReadBoolean(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.String when bool.TryParse(reader.GetString(), out var parsed):
                return parsed;
            case JsonTokenType.Null:
                return null;
            default:
                throw Unexpected(ref reader, "true or false");
        }
    }

    /// <summary>Reads any JSON value as a detached <see cref="JsonElement"/>; null for JSON null.</summary>
    public static JsonElement? ReadElement(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);

    /// <summary>Throws unless the reader is on the start of an object or array.</summary>
    public static void Expect(ref Utf8JsonReader reader, JsonTokenType tokenType)
    {
        if (reader.TokenType != tokenType)
        {
            throw Unexpected(ref reader, tokenType == JsonTokenType.StartObject ? "an object" : "an array");
        }
    }

    /// <summary>Moves from a property name onto its value.</summary>
    public static void ReadValue(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The JSON ended inside an object.");
        }
    }

    /// <summary>
    /// A number written with a fraction or exponent that is still whole (<c>3.0</c>, <c>3e2</c>, <c>-1.50e1</c>), as the
    /// integer's decimal text; null when any digit falls after the point. Decided on the text, never on a rounded value.
    /// </summary>
    private static string? WholeNumber(ref Utf8JsonReader reader)
    {
        var text = RawText(ref reader);
        var exponentAt = text.AsSpan().IndexOfAny('e', 'E');
        var mantissa = exponentAt < 0 ? text : text[..exponentAt];
        if (!int.TryParse(exponentAt < 0 ? "0" : text[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
            || exponent is > 400 or < -400)
        {
            return null;
        }

        var negative = mantissa.StartsWith('-');
        var unsigned = negative ? mantissa[1..] : mantissa;
        var pointAt = unsigned.IndexOf('.');
        var digits = pointAt < 0 ? unsigned : unsigned.Remove(pointAt, 1);
        var integerLength = (pointAt < 0 ? unsigned.Length : pointAt) + exponent;
        // Whole when every digit after the point is 0; the integer is the digits before it, padded with the exponent's zeros.
        for (var i = Math.Max(integerLength, 0); i < digits.Length; i++)
        {
            if (digits[i] != '0')
            {
                return null;
            }
        }

        var integer = integerLength <= 0 ? "0" : integerLength <= digits.Length ? digits[..integerLength] : digits.PadRight(integerLength, '0');
        return (negative ? "-" : "") + integer;
    }

    private static string RawText(ref Utf8JsonReader reader) =>
        reader.HasValueSequence
            ? System.Text.Encoding.UTF8.GetString(System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence))
            : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);

    private static JsonException Unexpected(ref Utf8JsonReader reader, string expected) =>
        new FeishuJsonMismatchException(expected, reader.TokenType, reader.TokenStartIndex);
}

/// <summary>A value of a JSON type its member cannot take, where it stood in the text being read.</summary>
internal sealed class FeishuJsonMismatchException(string expected, JsonTokenType found, long tokenStart)
    : JsonException($"Expected {expected} but found {FeishuJsonMismatchException.Describe(found)} at byte {tokenStart.ToString(CultureInfo.InvariantCulture)}.")
{
    /// <summary>What the member takes, e.g. "a 64-bit integer".</summary>
    public string Expected { get; } = expected;

    /// <summary>What the answer had there, e.g. "a string".</summary>
    public string Found { get; } = Describe(found);

    /// <summary>Where the value starts, in bytes from the start of the text being read.</summary>
    public long TokenStart { get; } = tokenStart;

    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };
}
