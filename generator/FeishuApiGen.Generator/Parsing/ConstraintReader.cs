using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using FeishuApiGen.Generator.Diagnostics;
using FeishuApiGen.Generator.Model;

namespace FeishuApiGen.Generator.Parsing;

/// <summary>A field's validation rules (min/max, lengths, item counts, pattern, format) and the check of its default against them.</summary>
internal sealed class ConstraintReader
{
    private static readonly string[] Formats = { "date", "datetime", "int64_string" };

    private static readonly ConcurrentDictionary<string, string?> s_patternErrors = new(StringComparer.Ordinal);

    private readonly SpecDiagnostics _diagnostics;

    public ConstraintReader(SpecDiagnostics diagnostics) => _diagnostics = diagnostics;

    public ConstraintsModel Read(YamlMap field, ScalarKind kind, bool isArray, string typeText)
    {
        var numeric = kind is ScalarKind.Int or ScalarKind.Int64 or ScalarKind.Float;
        var text = kind == ScalarKind.String;
        var min = Applicable(field, "min", numeric, typeText, "min and max apply to int, int64 and float") ? field.Double("min") : null;
        var max = Applicable(field, "max", numeric, typeText, "min and max apply to int, int64 and float") ? field.Double("max") : null;
        // On a list a length rule counts items (Feishu's 长度范围 on a list does): a string length per item would be a guess.
        var lengthHint = text && isArray
            ? "on a list they would apply to each item; use min_items and max_items for how many items the list holds"
            : "min_length and max_length apply to strings";
        var minLength = Applicable(field, "min_length", text && !isArray, typeText, lengthHint) ? field.Int("min_length", minimum: 0) : null;
        var maxLength = Applicable(field, "max_length", text && !isArray, typeText, lengthHint) ? field.Long("max_length", minimum: 0) : null;
        var minItems = Applicable(field, "min_items", isArray, typeText, "min_items and max_items apply to arrays (type ending in [])") ? field.Int("min_items", minimum: 0) : null;
        var maxItems = Applicable(field, "max_items", isArray, typeText, "min_items and max_items apply to arrays (type ending in [])") ? field.Long("max_items", minimum: 0) : null;
        var pattern = Applicable(field, "pattern", text, typeText, "pattern applies to strings") ? field.String("pattern") : null;
        var format = Applicable(field, "format", text, typeText, "format applies to strings") ? field.String("format") : null;

        if (pattern is not null && PatternError(pattern) is { } patternError)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidPattern, field.Value("pattern"), patternError);
            pattern = null;
        }

        if (format is not null && Array.IndexOf(Formats, format) < 0)
        {
            _diagnostics.Report(DiagnosticDescriptors.ValueNotAllowed, field.Value("format"), field.Context + ".format", "expected one of: " + string.Join(", ", Formats));
            format = null;
        }

        if (min > max)
        {
            _diagnostics.Report(DiagnosticDescriptors.ConflictingBounds, field.Value("min"), field.Context + ".min", "min is greater than max");
        }

        if (minLength > maxLength)
        {
            _diagnostics.Report(DiagnosticDescriptors.ConflictingBounds, field.Value("min_length"), field.Context + ".min_length", "min_length is greater than max_length");
        }

        if (minItems > maxItems)
        {
            _diagnostics.Report(DiagnosticDescriptors.ConflictingBounds, field.Value("min_items"), field.Context + ".min_items", "min_items is greater than max_items");
        }

        return new ConstraintsModel(min, max, minLength, maxLength, minItems, maxItems, pattern, format);
    }

    /// <summary>
    /// A default must be a value the field accepts: query defaults are sent when the caller leaves the member unset,
    /// and a default Feishu would refuse is a spec error, not a runtime surprise.
    /// </summary>
    public void CheckDefault(YamlMap field, ScalarKind kind, EquatableArray<string> enumValues, ConstraintsModel constraints, string value)
    {
        string? problem = null;
        double? number = null;
        switch (kind)
        {
            case ScalarKind.Int or ScalarKind.Int64 when !enumValues.IsEmpty && !enumValues.Contains(value):
                problem = "'" + value + "' is not one of the field's enum values: " + string.Join(", ", enumValues);
                break;
            case ScalarKind.Int when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i):
                number = i;
                break;
            case ScalarKind.Int:
                problem = "expected a 32-bit integer";
                break;
            case ScalarKind.Int64 when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l):
                number = l;
                break;
            case ScalarKind.Int64:
                problem = "expected a 64-bit integer";
                break;
            case ScalarKind.Float when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsInfinity(d):
                number = d;
                break;
            case ScalarKind.Float:
                problem = "expected a number";
                break;
            case ScalarKind.Boolean when value is not ("true" or "false"):
                problem = "expected true or false";
                break;
            case ScalarKind.String when !enumValues.IsEmpty && !enumValues.Contains(value):
                problem = "'" + value + "' is not one of the field's enum values: " + string.Join(", ", enumValues);
                break;
            case ScalarKind.String when constraints.MinLength is { } minLength && value.Length < minLength:
                problem = "shorter than min_length";
                break;
            case ScalarKind.String when constraints.MaxLength is { } maxLength && value.Length > maxLength:
                problem = "longer than max_length";
                break;
        }

        if (number < constraints.Min || number > constraints.Max)
        {
            problem = "outside min..max";
        }

        if (problem is not null)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidDefault, field.Value("default"), field.Context + ".default", problem);
        }
    }

    /// <summary>
    /// Why <paramref name="pattern"/> is not a .NET regular expression, or null. Remembered across runs: building a
    /// Regex costs more than the rest of a spec's parse, and the IDE re-parses specs on every edit.
    /// </summary>
    private static string? PatternError(string pattern)
    {
        if (s_patternErrors.TryGetValue(pattern, out var known))
        {
            return known;
        }

        string? error = null;
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            error = ex.Message.Replace("\r", " ").Replace("\n", " ");
        }

        if (s_patternErrors.Count > 4096)
        {
            s_patternErrors.Clear();
        }

        s_patternErrors[pattern] = error;
        return error;
    }

    private bool Applicable(YamlMap field, string key, bool applies, string typeText, string hint)
    {
        if (field.Value(key) is null)
        {
            return false;
        }

        if (!applies)
        {
            _diagnostics.Report(DiagnosticDescriptors.ConstraintNotApplicable, field.KeyNode(key), key, typeText, hint);
        }

        return applies;
    }

}
