using System.Text;

namespace FeishuApiGen.Generator.Emit;

/// <summary>An indenting text writer for generated C#; LF line ends on every platform so snapshots are stable.</summary>
internal sealed class SourceWriter
{
    // An endpoint's file is some 10 to 30 thousand characters: starting there spares the builder growing block by block,
    // which was a quarter of emitting.
    private readonly StringBuilder _builder = new(16 * 1024);
    private int _indent;

    /// <summary>
    /// The widest a doc comment line is written, indent included. Wider ones are wrapped at a space outside any XML tag;
    /// text with no such space (a long Chinese sentence, a URL) stays whole rather than be cut where a reader sees a gap.
    /// </summary>
    public const int DocWidth = 120;

    private const string DocPrefix = "/// ";

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            var indent = _indent * 4;
            if (indent + text.Length > DocWidth && text.StartsWith(DocPrefix, System.StringComparison.Ordinal))
            {
                return DocLines(text, indent);
            }

            _builder.Append(' ', indent);
            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes a doc comment line as several, each as full as <see cref="DocWidth"/> allows.</summary>
    private SourceWriter DocLines(string text, int indent)
    {
        var room = DocWidth - indent - DocPrefix.Length;
        var start = DocPrefix.Length;
        // Spec text may open with spaces: a line never starts with them, nor breaks inside them.
        while (start < text.Length && text[start] == ' ')
        {
            start++;
        }

        while (true)
        {
            _builder.Append(' ', indent).Append(DocPrefix);
            var end = text.Length - start <= room ? -1 : BreakBefore(text, start, start + room);
            if (end < 0)
            {
                _builder.Append(text, start, text.Length - start).Append('\n');
                return this;
            }

            var lineEnd = end;
            while (lineEnd > start && text[lineEnd - 1] == ' ')
            {
                lineEnd--;
            }

            _builder.Append(text, start, lineEnd - start).Append('\n');
            start = end + 1;
            while (start < text.Length && text[start] == ' ')
            {
                start++;
            }

            if (start == text.Length)
            {
                return this;
            }
        }
    }

    /// <summary>
    /// The last space in text[start..limit] outside a tag (or, when there is none, the first after it), where a line may
    /// end; -1 when the rest of the text has no such space.
    /// </summary>
    private static int BreakBefore(string text, int start, int limit)
    {
        var best = -1;
        var inTag = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '<')
            {
                inTag = true;
            }
            else if (c == '>')
            {
                inTag = false;
            }
            else if (c == ' ' && !inTag && i > start && i + 1 < text.Length)
            {
                if (i > limit)
                {
                    return best >= 0 ? best : i;
                }

                best = i;
            }
        }

        return best;
    }

    /// <summary>Writes the header line (if any) and an opening brace, and indents.</summary>
    public SourceWriter Open(string header)
    {
        if (header.Length > 0)
        {
            Line(header);
        }

        Line("{");
        _indent++;
        return this;
    }

    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
        return this;
    }

    /// <summary>Takes back a blank line just written (when what was to follow it wrote nothing).</summary>
    public void RemoveLastLine()
    {
        if (_builder.Length > 0 && _builder[_builder.Length - 1] == '\n')
        {
            _builder.Length--;
        }
    }

    /// <summary>Characters written so far: lets a caller tell whether a step wrote anything.</summary>
    public int Length => _builder.Length;

    public override string ToString() => _builder.ToString();
}
