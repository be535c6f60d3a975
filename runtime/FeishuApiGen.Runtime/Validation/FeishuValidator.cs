using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace FeishuApiGen;

/// <summary>
/// Collects the ways a request breaks its spec, each with the path of the offending member
/// (<c>assessments[0].assessment_status</c>). Generated <see cref="IFeishuRequest.Validate"/> methods call it.
/// The path stack lives inline for the first 16 levels, so validating a valid request allocates nothing;
/// allocation happens only when a violation is reported (or nesting goes deeper than 16).
/// </summary>
/// <remarks>
/// A <c>member</c> argument of <c>""</c> on any check means the current path itself,
/// e.g. an array element after <see cref="EnterIndex"/>.
/// </remarks>
public ref partial struct FeishuValidator
{
    private const int InlineDepth = 16;
    private const int MaxQuotedLength = 64;

    private static readonly string[] s_dateTimeFormats =
    [
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-ddTHH:mm:ss.FFFFFFFK",
    ];

    private SegmentBuffer _inline;
    private Segment[]? _overflow;
    private int _depth;
    private List<FeishuValidationError>? _errors;

    /// <summary>Whether any violation has been reported.</summary>
    public readonly bool HasErrors => _errors is { Count: > 0 };

    /// <summary>How many violations have been reported.</summary>
    public readonly int ErrorCount => _errors?.Count ?? 0;

    /// <summary>How many <see cref="Enter"/>/<see cref="EnterIndex"/> calls are not yet matched by <see cref="Exit"/>.</summary>
    public readonly int Depth => _depth;

    /// <summary>Steps into a member: pushes <c>.member</c> (or <c>member</c> at the root).</summary>
    /// <param name="member">The member's wire name.</param>
    public void Enter(string member)
    {
        ArgumentNullException.ThrowIfNull(member);
        Push(new Segment(member, -1));
    }

    /// <summary>Steps into an array element: pushes <c>[index]</c>.</summary>
    /// <param name="index">The element's index.</param>
    public void EnterIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Push(new Segment(null, index));
    }

    /// <summary>Steps out of the innermost <see cref="Enter"/> or <see cref="EnterIndex"/>.</summary>
    /// <exception cref="InvalidOperationException">Nothing to step out of.</exception>
    public void Exit()
    {
        if (_depth == 0)
        {
            throw new InvalidOperationException("FeishuValidator.Exit was called without a matching Enter or EnterIndex.");
        }

        _depth--;
        // Drop the string reference so the slot does not keep it alive.
        if (_depth < InlineDepth)
        {
            _inline[_depth] = default;
        }
        else
        {
            _overflow![_depth - InlineDepth] = default;
        }
    }

    /// <summary>Reports a required member that is missing: <c>path.member: is required</c>.</summary>
    /// <param name="member">The member's wire name.</param>
    public void Required(string member) => Report(member, "is required");

    /// <summary>Reports a value outside its enum: <c>'x' is not one of: a, b</c>.</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="value">The offending value.</param>
    /// <param name="allowedValues">The allowed wire values, comma separated: <c>open_id, union_id</c>.</param>
    public void InvalidEnum(string member, string? value, string allowedValues)
        => Report(member, $"{Quote(value)} is not one of: {allowedValues}");

    /// <summary>Reports <paramref name="value"/> when it lies outside the inclusive bounds (or is NaN).</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="value">The value.</param>
    /// <param name="min">Inclusive lower bound, if any.</param>
    /// <param name="max">Inclusive upper bound, if any.</param>
    public void Range(string member, double value, double? min, double? max)
    {
        if (double.IsNaN(value) || value < min || value > max)
        {
            Report(member, $"{Number(value)} is out of range: must be {Bounds(min, max, "")}");
        }
    }

    /// <summary>Reports a string whose length in UTF-16 characters lies outside the inclusive bounds. A null value is not checked.</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="value">The value.</param>
    /// <param name="min">Inclusive minimum length, if any.</param>
    /// <param name="max">Inclusive maximum length, if any.</param>
    public void Length(string member, string value, int? min, int? max)
    {
        if (value is not null && (value.Length < min || value.Length > max))
        {
            Report(member, $"is {Plural(value.Length, "character")} long: must be {Bounds(min, max, " characters")}");
        }
    }

    /// <summary>Reports an array whose item count lies outside the inclusive bounds.</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="count">The number of items.</param>
    /// <param name="min">Inclusive minimum, if any.</param>
    /// <param name="max">Inclusive maximum, if any.</param>
    public void Count(string member, int count, int? min, int? max)
    {
        if (count < min || count > max)
        {
            Report(member, $"has {Plural(count, "item")}: must have {Bounds(min, max, " items")}");
        }
    }

    /// <summary>
    /// Reports a string that <paramref name="regex"/> does not match as a whole. A null value is not checked.
    /// A match must cover the entire value; anchor patterns with alternations (<c>\A(?:a|ab)\z</c>) so the
    /// engine does not settle for a shorter alternative.
    /// </summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="value">The value.</param>
    /// <param name="regex">The pattern.</param>
    public void Pattern(string member, string value, Regex regex)
    {
        ArgumentNullException.ThrowIfNull(regex);
        if (value is null)
        {
            return;
        }

        // EnumerateMatches yields ValueMatch structs: no allocation on the valid path.
        foreach (var match in regex.EnumerateMatches(value))
        {
            if (match.Index == 0 && match.Length == value.Length)
            {
                return;
            }
        }

        Report(member, $"{Quote(value)} does not match the pattern {regex}");
    }

    /// <summary>Reports a string not in the declared <paramref name="format"/>. A null value is not checked.</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="value">The value.</param>
    /// <param name="format">The expected format.</param>
    public void Format(string member, string value, FeishuFormat format)
    {
        if (value is null)
        {
            return;
        }

        var ok = format switch
        {
            FeishuFormat.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
            FeishuFormat.DateTime => DateTimeOffset.TryParseExact(
                value, s_dateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
            FeishuFormat.Int64String => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown FeishuFormat."),
        };

        if (!ok)
        {
            var expected = format switch
            {
                FeishuFormat.Date => "a date in the form yyyy-MM-dd",
                FeishuFormat.DateTime => "a date and time in the form yyyy-MM-dd HH:mm:ss or ISO 8601",
                _ => "a 64-bit integer written as a decimal string",
            };
            Report(member, $"{Quote(value)} is not {expected}");
        }
    }

    /// <summary>Reports a null or empty value (path parameters): <c>must not be empty</c>.</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="value">The value.</param>
    public void NotEmpty(string member, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            Report(member, "must not be empty");
        }
    }

    /// <summary>Reports a violation with a message of the caller's own, at <c>path.member</c>.</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="message">What is wrong, without the path.</param>
    public void Report(string member, string message)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(message);
        (_errors ??= []).Add(new FeishuValidationError(BuildPath(member), message));
    }

    /// <summary>The violations reported so far, in order.</summary>
    public readonly FeishuValidationError[] ToErrors() => _errors is null ? [] : [.. _errors];

    private void Push(Segment segment)
    {
        if (_depth < InlineDepth)
        {
            _inline[_depth] = segment;
        }
        else
        {
            var slot = _depth - InlineDepth;
            if (_overflow is null || slot == _overflow.Length)
            {
                Array.Resize(ref _overflow, Math.Max(InlineDepth, slot * 2));
            }

            _overflow[slot] = segment;
        }

        _depth++;
    }

    private readonly string BuildPath(string member)
    {
        var path = new StringBuilder();
        for (var i = 0; i < _depth; i++)
        {
            var segment = i < InlineDepth ? _inline[i] : _overflow![i - InlineDepth];
            if (segment.Member is null)
            {
                path.Append('[').Append(segment.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                AppendMember(path, segment.Member);
            }
        }

        AppendMember(path, member);
        return path.ToString();

        static void AppendMember(StringBuilder path, string member)
        {
            if (member.Length == 0)
            {
                return;
            }

            if (path.Length > 0)
            {
                path.Append('.');
            }

            path.Append(member);
        }
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Bounds(double? min, double? max, string unit) => (min, max) switch
    {
        ({ } lo, { } hi) => $"between {Number(lo)} and {Number(hi)}{unit}",
        ({ } lo, null) => $"at least {Number(lo)}{unit}",
        (null, { } hi) => $"at most {Number(hi)}{unit}",
        _ => "a number",
    };

    private static string Plural(int count, string noun)
        => string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    /// <summary>Quotes a value for a message: truncated, with control characters escaped so each error stays on one line.</summary>
    private static string Quote(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var text = new StringBuilder(Math.Min(value.Length, MaxQuotedLength) + 3).Append('\'');
        for (var i = 0; i < value.Length && i < MaxQuotedLength; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                text.Append(c);
            }
        }

        if (value.Length > MaxQuotedLength)
        {
            text.Append('…');
        }

        return text.Append('\'').ToString();
    }

    private readonly record struct Segment(string? Member, int Index);

    [InlineArray(InlineDepth)]
    private struct SegmentBuffer
    {
        private Segment _element0;
    }
}
