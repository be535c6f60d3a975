using System;
using System.Collections.Generic;
using System.Globalization;
using FeishuApiGen.Generator.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FeishuApiGen.Generator.Parsing;

/// <summary>
/// A YAML mapping read against a list of known keys: unknown keys are reported once, values are
/// read with located diagnostics. Wraps YamlDotNet so the parser reads like the spec format page.
/// </summary>
internal sealed class YamlMap
{
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly SpecDiagnostics _diagnostics;

    public YamlMap(YamlMappingNode node, string context, string[] knownKeys, SpecDiagnostics diagnostics)
    {
        Node = node;
        Context = context;
        _diagnostics = diagnostics;
        foreach (var entry in node.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: { } key })
            {
                diagnostics.Report(DiagnosticDescriptors.InvalidValue, entry.Key, context, "keys must be plain names");
                continue;
            }

            if (Array.IndexOf(knownKeys, key) < 0)
            {
                diagnostics.Report(DiagnosticDescriptors.UnknownKey, entry.Key, key, context, string.Join(", ", knownKeys));
                continue;
            }

            _entries[key] = (entry.Key, entry.Value);
        }
    }

    public YamlMappingNode Node { get; }

    public string Context { get; }

    public bool Has(string key) => _entries.ContainsKey(key);

    public YamlNode? Value(string key) => _entries.TryGetValue(key, out var entry) && !IsNull(entry.Value) ? entry.Value : null;

    public YamlNode? KeyNode(string key) => _entries.TryGetValue(key, out var entry) ? entry.Key : null;

    /// <summary>The value, or a FAG002 on this mapping when it is absent.</summary>
    public YamlNode? Required(string key)
    {
        var value = Value(key);
        if (value is null)
        {
            _diagnostics.Report(DiagnosticDescriptors.MissingKey, (YamlNode?)KeyNode(key) ?? Node, Context, key);
        }

        return value;
    }

    public string? String(string key, bool required = false)
    {
        var node = required ? Required(key) : Value(key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        _diagnostics.Report(DiagnosticDescriptors.InvalidValue, node, Context + "." + key, "expected a single value, not a list or a mapping");
        return null;
    }

    public bool Bool(string key)
    {
        var node = Value(key);
        if (node is null)
        {
            return false;
        }

        if (node is YamlScalarNode { Value: { } text })
        {
            if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        _diagnostics.Report(DiagnosticDescriptors.InvalidValue, node, Context + "." + key, "expected true or false");
        return false;
    }

    public int? Int(string key, bool required = false, int minimum = int.MinValue) =>
        (int?)WholeNumber(key, required, minimum, int.MaxValue);

    /// <summary>A whole number that may pass int: an upper bound a page gives (4294967296) is carried as written.</summary>
    public long? Long(string key, long minimum = long.MinValue) => WholeNumber(key, required: false, minimum, long.MaxValue);

    private long? WholeNumber(string key, bool required, long minimum, long maximum)
    {
        long value = 0;
        var node = required ? Required(key) : Value(key);
        if (node is null)
        {
            return null;
        }

        var isWhole = node is YamlScalarNode { Value: { } text } && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
        if (isWhole && value >= minimum && value <= maximum)
        {
            return value;
        }

        _diagnostics.Report(DiagnosticDescriptors.InvalidValue, node, Context + "." + key,
            !isWhole ? "expected a whole number"
            : value < minimum ? "expected a whole number of at least " + minimum.ToString(CultureInfo.InvariantCulture)
            : "expected a whole number of at most " + maximum.ToString(CultureInfo.InvariantCulture));
        return null;
    }

    public double? Double(string key)
    {
        var node = Value(key);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } text }
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && !double.IsNaN(value) && !double.IsInfinity(value))
        {
            return value;
        }

        _diagnostics.Report(DiagnosticDescriptors.InvalidValue, node, Context + "." + key, "expected a number");
        return null;
    }

    public YamlMappingNode? Mapping(string key, bool required = false)
    {
        var node = required ? Required(key) : Value(key);
        if (node is null or YamlMappingNode)
        {
            return (YamlMappingNode?)node;
        }

        _diagnostics.Report(DiagnosticDescriptors.InvalidValue, node, Context + "." + key, "expected a mapping of keys to values");
        return null;
    }

    public YamlSequenceNode? Sequence(string key, bool required = false)
    {
        var node = required ? Required(key) : Value(key);
        if (node is null or YamlSequenceNode)
        {
            return (YamlSequenceNode?)node;
        }

        _diagnostics.Report(DiagnosticDescriptors.InvalidValue, node, Context + "." + key, "expected a list");
        return null;
    }

    /// <summary>A list of single values; a lone value is taken as a list of one.</summary>
    public List<(string Value, YamlNode Node)> Strings(string key, bool required = false)
    {
        var result = new List<(string, YamlNode)>();
        var node = required ? Required(key) : Value(key);
        switch (node)
        {
            case null:
                break;
            case YamlScalarNode { Value: { } single }:
                result.Add((single, node));
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: { } value })
                    {
                        result.Add((value, item));
                    }
                    else
                    {
                        _diagnostics.Report(DiagnosticDescriptors.InvalidValue, item, Context + "." + key, "expected a list of single values");
                    }
                }

                break;
            default:
                _diagnostics.Report(DiagnosticDescriptors.InvalidValue, node, Context + "." + key, "expected a list of single values");
                break;
        }

        return result;
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar
        && (scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");
}
