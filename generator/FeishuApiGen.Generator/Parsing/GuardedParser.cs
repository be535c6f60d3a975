using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace FeishuApiGen.Generator.Parsing;

/// <summary>
/// Passes YamlDotNet's parser events through, refusing YAML that would make loading or walking the tree
/// unbounded (a stack overflow or a hang takes the whole compiler down, which no catch can report):
/// nesting deeper than <see cref="MaxDepth"/>, an alias inside the node it refers to (a cycle), an alias
/// to no anchor defined before it, and aliases that expand to more than <see cref="MaxNodes"/> nodes.
/// </summary>
internal sealed class GuardedParser : IParser
{
    private const int MaxDepth = 64;
    private const long MaxNodes = 100_000;

    private readonly IParser _inner;
    private readonly List<Frame> _open = new();
    private readonly Dictionary<string, (long Size, int Height)> _anchors = new(StringComparer.Ordinal);
    private long _nodes;

    public GuardedParser(IParser inner) => _inner = inner;

    public ParsingEvent? Current => _inner.Current;

    /// <summary>The event before <see cref="Current"/>: the last one that made sense when loading fails.</summary>
    public ParsingEvent? Previous { get; private set; }

    public bool MoveNext()
    {
        Previous = _inner.Current;
        if (!_inner.MoveNext())
        {
            return false;
        }

        switch (_inner.Current)
        {
            case DocumentStart:
                _open.Clear();
                _anchors.Clear();
                _nodes = 0;
                break;
            case Scalar scalar:
                _nodes++;
                Completed(scalar, scalar.Anchor, 1, 1);
                break;
            case AnchorAlias alias:
                var name = alias.Value.Value;
                if (_open.Any(f => f.Anchor == name))
                {
                    throw new YamlException(alias.Start, alias.End, "the alias *" + name + " is inside the node it refers to; a spec cannot contain itself");
                }

                if (!_anchors.TryGetValue(name, out var target))
                {
                    throw new YamlException(alias.Start, alias.End, "the alias *" + name + " refers to no anchor &" + name + " defined before it");
                }

                _nodes += target.Size;
                Completed(alias, AnchorName.Empty, target.Size, target.Height);
                break;
            case NodeEvent start when start is MappingStart or SequenceStart:
                if (_open.Count >= MaxDepth)
                {
                    throw new YamlException(start.Start, start.End, "the spec nests deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels");
                }

                _nodes++;
                _open.Add(new Frame(start.Anchor.IsEmpty ? null : start.Anchor.Value, _nodes - 1));
                break;
            case MappingEnd or SequenceEnd when _open.Count > 0:
                var frame = _open[_open.Count - 1];
                _open.RemoveAt(_open.Count - 1);
                Completed(_inner.Current, frame.Anchor is null ? AnchorName.Empty : new AnchorName(frame.Anchor), _nodes - frame.NodesBefore, frame.ChildHeight + 1);
                break;
        }

        return true;
    }

    private void Completed(ParsingEvent at, AnchorName anchor, long size, int height)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = (size, height);
        }

        if (_open.Count > 0)
        {
            _open[_open.Count - 1].ChildHeight = Math.Max(_open[_open.Count - 1].ChildHeight, height);
        }

        if (_open.Count + height > MaxDepth)
        {
            throw new YamlException(at.Start, at.End, (at is AnchorAlias ? "with this alias the spec nests" : "the spec nests") + " deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture) + " levels");
        }

        if (_nodes > MaxNodes)
        {
            throw new YamlException(at.Start, at.End, "the spec, with its aliases expanded, has more than " + MaxNodes.ToString(CultureInfo.InvariantCulture) + " nodes");
        }
    }

    private sealed class Frame
    {
        public Frame(string? anchor, long nodesBefore)
        {
            Anchor = anchor;
            NodesBefore = nodesBefore;
        }

        public string? Anchor { get; }

        public long NodesBefore { get; }

        public int ChildHeight { get; set; }
    }
}
