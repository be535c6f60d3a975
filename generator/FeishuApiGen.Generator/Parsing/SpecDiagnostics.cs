using System;
using System.Collections.Generic;
using FeishuApiGen.Generator.Diagnostics;
using FeishuApiGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FeishuApiGen.Generator.Parsing;

/// <summary>Collects a spec's diagnostics, each located at the YAML node it is about.</summary>
internal sealed class SpecDiagnostics
{
    private readonly string _path;
    private readonly string _text;
    private readonly List<DiagnosticInfo> _items = new();

    public SpecDiagnostics(string path, string text)
    {
        _path = path;
        _text = text;
    }

    public bool HasErrors { get; private set; }

    public void Report(DiagnosticDescriptor descriptor, YamlNode? node, params string[] arguments) =>
        Add(descriptor, node is null ? null : Locate(node.Start, node.End), arguments);

    public void Report(DiagnosticDescriptor descriptor, Mark start, Mark end, params string[] arguments) =>
        Add(descriptor, Locate(start, end), arguments);

    public LocationInfo Locate(YamlNode node) => Locate(node.Start, node.End);

    public EquatableArray<DiagnosticInfo> ToEquatableArray() => _items.ToEquatableArray();

    private void Add(DiagnosticDescriptor descriptor, LocationInfo? location, string[] arguments)
    {
        HasErrors |= descriptor.DefaultSeverity == DiagnosticSeverity.Error;
        _items.Add(new DiagnosticInfo(descriptor, location, arguments));
    }

    /// <summary>
    /// YamlDotNet marks are 1-based; Roslyn's are 0-based. A block node ends on a later line:
    /// such a span is cut to its first line so the squiggle stays on the key that matters.
    /// </summary>
    private LocationInfo Locate(Mark start, Mark end)
    {
        var startIndex = Clamp(start.Index);
        var endIndex = Math.Max(startIndex, Clamp(end.Index));
        var lineEnd = _text.IndexOfAny(new[] { '\r', '\n' }, startIndex);
        if (lineEnd >= 0 && lineEnd < endIndex)
        {
            endIndex = lineEnd;
        }

        var startPosition = new LinePosition(ToZeroBased(start.Line), ToZeroBased(start.Column));
        var endPosition = endIndex == Clamp(end.Index)
            ? new LinePosition(ToZeroBased(end.Line), ToZeroBased(end.Column))
            : new LinePosition(startPosition.Line, startPosition.Character + (endIndex - startIndex));
        return new LocationInfo(_path, TextSpan.FromBounds(startIndex, endIndex), new LinePositionSpan(startPosition, endPosition));
    }

    private int Clamp(long index) => (int)Math.Max(0, Math.Min(index, _text.Length));

    private static int ToZeroBased(long oneBased) => (int)Math.Max(0, oneBased - 1);
}
