using System.Text;

namespace FeishuApiGen.Generator.Emit;

/// <summary>An indenting text writer for generated C#; LF line ends on every platform so snapshots are stable.</summary>
internal sealed class SourceWriter
{
    // An endpoint's file is some 10 to 30 thousand characters: starting there spares the builder growing block by block,
    // which was a quarter of emitting.
    private readonly StringBuilder _builder = new(16 * 1024);
    private int _indent;

    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4);
            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
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
