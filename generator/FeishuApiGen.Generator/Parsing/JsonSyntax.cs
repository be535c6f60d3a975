using System.Globalization;

namespace FeishuApiGen.Generator.Parsing;

/// <summary>
/// Checks that a spec's example is well-formed JSON (RFC 8259), so a typo in a doc example is reported where it is
/// rather than failing a test later. System.Text.Json is not available to a netstandard2.0 generator without shipping it.
/// </summary>
internal static class JsonSyntax
{
    private const int MaxDepth = 64;

    /// <summary>
    /// JSON text without the whitespace between tokens, so an example kept in the assembly costs its content only. Text
    /// inside strings is kept as written; text that is not JSON (reported by <see cref="FindError"/>) comes out shortened
    /// the same way, never an exception.
    /// </summary>
    public static string CompactJson(string json)
    {
        var builder = new System.Text.StringBuilder(json.Length);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                builder.Append(c);
                if (c == '\\' && i + 1 < json.Length)
                {
                    builder.Append(json[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
                builder.Append(c);
            }
            else if (c is not (' ' or '\t' or '\r' or '\n'))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Returns null when <paramref name="text"/> is one JSON value; otherwise what is wrong and where.</summary>
    public static string? FindError(string text)
    {
        var reader = new Reader(text);
        try
        {
            reader.SkipWhitespace();
            reader.Value(0);
            reader.SkipWhitespace();
            if (!reader.AtEnd)
            {
                reader.Fail("text after the JSON value");
            }

            return null;
        }
        catch (JsonSyntaxError error)
        {
            return error.Message;
        }
    }

    private sealed class JsonSyntaxError : System.Exception
    {
        public JsonSyntaxError(string message)
            : base(message)
        {
        }
    }

    private struct Reader
    {
        private readonly string _text;
        private int _position;

        public Reader(string text)
        {
            _text = text;
            _position = 0;
        }

        public readonly bool AtEnd => _position >= _text.Length;

        private readonly char Current => _position < _text.Length ? _text[_position] : '\0';

        public readonly void Fail(string what)
        {
            var line = 1;
            var column = 1;
            for (var i = 0; i < _position && i < _text.Length; i++)
            {
                if (_text[i] == '\n')
                {
                    line++;
                    column = 1;
                }
                else
                {
                    column++;
                }
            }

            throw new JsonSyntaxError(what + " at line " + line.ToString(CultureInfo.InvariantCulture) + ", column " + column.ToString(CultureInfo.InvariantCulture) + " of the example");
        }

        public void SkipWhitespace()
        {
            while (Current is ' ' or '\t' or '\r' or '\n')
            {
                _position++;
            }
        }

        public void Value(int depth)
        {
            if (depth > MaxDepth)
            {
                Fail("nesting deeper than 64 levels");
            }

            switch (Current)
            {
                case '{':
                    Container('}', depth, member: true);
                    break;
                case '[':
                    Container(']', depth, member: false);
                    break;
                case '"':
                    String();
                    break;
                case 't':
                    Literal("true");
                    break;
                case 'f':
                    Literal("false");
                    break;
                case 'n':
                    Literal("null");
                    break;
                default:
                    if (Current == '-' || IsAsciiDigit(Current))
                    {
                        Number();
                    }
                    else
                    {
                        Fail(AtEnd ? "a value expected but the example ends" : "unexpected '" + Current + "'");
                    }

                    break;
            }
        }

        private void Container(char close, int depth, bool member)
        {
            _position++;
            SkipWhitespace();
            if (Current == close)
            {
                _position++;
                return;
            }

            while (true)
            {
                if (member)
                {
                    if (Current != '"')
                    {
                        Fail("a member name in double quotes expected");
                    }

                    String();
                    SkipWhitespace();
                    Expect(':');
                    SkipWhitespace();
                }

                Value(depth + 1);
                SkipWhitespace();
                if (Current == ',')
                {
                    _position++;
                    SkipWhitespace();
                    continue;
                }

                Expect(close);
                return;
            }
        }

        private void Expect(char expected)
        {
            if (Current != expected)
            {
                Fail("'" + expected + "' expected");
            }

            _position++;
        }

        private void String()
        {
            _position++;
            while (true)
            {
                if (AtEnd)
                {
                    Fail("unterminated string");
                }

                var c = _text[_position++];
                if (c == '"')
                {
                    return;
                }

                if (c < ' ')
                {
                    _position--;
                    Fail("a control character inside a string (escape it)");
                }

                if (c == '\\')
                {
                    var escape = Current;
                    _position++;
                    if (escape == 'u')
                    {
                        for (var i = 0; i < 4; i++, _position++)
                        {
                            if (!System.Uri.IsHexDigit(Current))
                            {
                                Fail("\\u must be followed by four hex digits");
                            }
                        }
                    }
                    else if (escape is not ('"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't'))
                    {
                        _position--;
                        Fail("invalid escape");
                    }
                }
            }
        }

        private void Number()
        {
            if (Current == '-')
            {
                _position++;
            }

            if (Current == '0')
            {
                _position++;
            }
            else if (IsAsciiDigit(Current))
            {
                Digits();
            }
            else
            {
                Fail("a digit expected");
            }

            if (Current == '.')
            {
                _position++;
                Digits();
            }

            if (Current is 'e' or 'E')
            {
                _position++;
                if (Current is '+' or '-')
                {
                    _position++;
                }

                Digits();
            }
        }

        private void Digits()
        {
            if (!IsAsciiDigit(Current))
            {
                Fail("a digit expected");
            }

            while (IsAsciiDigit(Current))
            {
                _position++;
            }
        }

        private static bool IsAsciiDigit(char c) => c is >= '0' and <= '9';

        private void Literal(string literal)
        {
            if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
            {
                Fail("unexpected '" + Current + "'");
            }

            _position += literal.Length;
        }
    }
}
