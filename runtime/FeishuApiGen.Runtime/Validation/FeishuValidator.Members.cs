using System.Numerics;
using System.Text.RegularExpressions;

namespace FeishuApiGen;

// Checks of whole members, so a generated validator is one line per member with rules. Each check reports a missing
// required member and checks nothing else of it; a member that is not set and not required is fine.
public ref partial struct FeishuValidator
{
    /// <summary>Checks a request against its spec without sending anything.</summary>
    /// <param name="request">The request.</param>
    /// <returns>Every violation, in order; empty when the request is valid.</returns>
    public static IReadOnlyList<FeishuValidationError> Validate(IFeishuRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var validator = new FeishuValidator();
        request.Validate(ref validator);
        return validator.ToErrors();
    }

    /// <summary>Reports <paramref name="member"/> when it is required and not set.</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="value">The member's value.</param>
    public void Required<T>(string member, T? value) where T : struct
    {
        if (value is null)
        {
            Required(member);
        }
    }

    /// <summary>Reports <paramref name="member"/> when it is required and not set.</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="value">The member's value.</param>
    public void Required(string member, object? value)
    {
        if (value is null)
        {
            Required(member);
        }
    }

    /// <summary>Checks a string member: set when required, then its length, pattern and format.</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="value">The member's value.</param>
    /// <param name="required">Whether the member must be set.</param>
    /// <param name="minLength">Inclusive minimum length, if any.</param>
    /// <param name="maxLength">Inclusive maximum length, if any.</param>
    /// <param name="pattern">The pattern the whole value must match, if any.</param>
    /// <param name="format">The format the value must be in, if any.</param>
    public void String(string member, string? value, bool required = false, int? minLength = null, int? maxLength = null, Regex? pattern = null, FeishuFormat? format = null)
    {
        if (value is null)
        {
            if (required)
            {
                Required(member);
            }

            return;
        }

        StringRules(member, value, minLength, maxLength, pattern, format);
    }

    /// <summary>Checks a string enum member: set when required, then one of the values the member accepts.</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="value">The member's value.</param>
    /// <param name="required">Whether the member must be set.</param>
    /// <param name="accepted">The wire values the member accepts, which may be fewer than its enum type knows.</param>
    public void Enum<TEnum>(string member, TEnum? value, bool required, scoped ReadOnlySpan<string> accepted) where TEnum : struct, IFeishuEnum<TEnum>
    {
        if (value is not { } item)
        {
            if (required)
            {
                Required(member);
            }

            return;
        }

        EnumRule(member, item.Value, accepted);
    }

    /// <summary>Checks a number member: set when required, then within its inclusive bounds.</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="value">The member's value.</param>
    /// <param name="required">Whether the member must be set.</param>
    /// <param name="min">Inclusive lower bound, if any.</param>
    /// <param name="max">Inclusive upper bound, if any.</param>
    public void Number(string member, double? value, bool required = false, double? min = null, double? max = null)
    {
        if (value is not { } number)
        {
            if (required)
            {
                Required(member);
            }

            return;
        }

        if (min is not null || max is not null)
        {
            Range(member, number, min, max);
        }
    }

    /// <summary>Checks an integer enum member: set when required, then one of the values the member accepts.</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="value">The member's value.</param>
    /// <param name="required">Whether the member must be set.</param>
    /// <param name="accepted">The values the member accepts.</param>
    public void Integer(string member, long? value, bool required, scoped ReadOnlySpan<long> accepted)
    {
        if (value is not { } number)
        {
            if (required)
            {
                Required(member);
            }

            return;
        }

        IntegerRule(member, number, accepted);
    }

    /// <summary>Checks an object member: set when required, then its own members, at <c>member.…</c>.</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="value">The member's value.</param>
    /// <param name="required">Whether the member must be set.</param>
    public void Object<TObject>(string member, TObject? value, bool required = false) where TObject : class, IFeishuObject<TObject>
    {
        if (value is null)
        {
            if (required)
            {
                Required(member);
            }

            return;
        }

        Enter(member);
        value.ValidateMembers(ref this);
        Exit();
    }

    /// <summary>Checks a list member whose items have no rules: set when required, then its item count.</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="list">The member's value.</param>
    /// <param name="required">Whether the member must be set.</param>
    /// <param name="minItems">Inclusive minimum item count, if any.</param>
    /// <param name="maxItems">Inclusive maximum item count, if any.</param>
    public void List<T>(string member, IReadOnlyList<T>? list, bool required = false, int? minItems = null, int? maxItems = null)
    {
        _ = StartList(member, list, required, minItems, maxItems);
    }

    /// <summary>Checks a list of strings: set when required, its item count, then each item (set, length, pattern, format).</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="list">The member's value.</param>
    /// <param name="required">Whether the member must be set.</param>
    /// <param name="minItems">Inclusive minimum item count, if any.</param>
    /// <param name="maxItems">Inclusive maximum item count, if any.</param>
    /// <param name="minLength">Inclusive minimum length of an item, if any.</param>
    /// <param name="maxLength">Inclusive maximum length of an item, if any.</param>
    /// <param name="pattern">The pattern each whole item must match, if any.</param>
    /// <param name="format">The format each item must be in, if any.</param>
    public void StringList(string member, IReadOnlyList<string?>? list, bool required = false, int? minItems = null, int? maxItems = null,
        int? minLength = null, int? maxLength = null, Regex? pattern = null, FeishuFormat? format = null)
    {
        if (!StartList(member, list, required, minItems, maxItems))
        {
            return;
        }

        Enter(member);
        for (var index = 0; index < list!.Count; index++)
        {
            EnterIndex(index);
            if (list[index] is { } item)
            {
                StringRules("", item, minLength, maxLength, pattern, format);
            }
            else
            {
                // A null inside a list of strings cannot be sent meaningfully.
                Required("");
            }

            Exit();
        }

        Exit();
    }

    /// <summary>Checks a list of string enum values: set when required, its item count, then each item is accepted.</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="list">The member's value.</param>
    /// <param name="required">Whether the member must be set.</param>
    /// <param name="accepted">The wire values an item may take.</param>
    /// <param name="minItems">Inclusive minimum item count, if any.</param>
    /// <param name="maxItems">Inclusive maximum item count, if any.</param>
    public void EnumList<TEnum>(string member, IReadOnlyList<TEnum>? list, bool required, scoped ReadOnlySpan<string> accepted, int? minItems = null, int? maxItems = null)
        where TEnum : struct, IFeishuEnum<TEnum>
    {
        if (!StartList(member, list, required, minItems, maxItems))
        {
            return;
        }

        Enter(member);
        for (var index = 0; index < list!.Count; index++)
        {
            EnterIndex(index);
            EnumRule("", list[index].Value, accepted);
            Exit();
        }

        Exit();
    }

    /// <summary>Checks a list of numbers: set when required, its item count, then each item within its inclusive bounds.</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="list">The member's value.</param>
    /// <param name="required">Whether the member must be set.</param>
    /// <param name="minItems">Inclusive minimum item count, if any.</param>
    /// <param name="maxItems">Inclusive maximum item count, if any.</param>
    /// <param name="min">Inclusive lower bound of an item, if any.</param>
    /// <param name="max">Inclusive upper bound of an item, if any.</param>
    public void NumberList<T>(string member, IReadOnlyList<T>? list, bool required = false, int? minItems = null, int? maxItems = null, double? min = null, double? max = null)
        where T : struct, INumber<T>
    {
        if (!StartList(member, list, required, minItems, maxItems) || (min is null && max is null))
        {
            return;
        }

        Enter(member);
        for (var index = 0; index < list!.Count; index++)
        {
            EnterIndex(index);
            Range("", double.CreateTruncating(list[index]), min, max);
            Exit();
        }

        Exit();
    }

    /// <summary>Checks a list of integer enum values: set when required, its item count, then each item is accepted.</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="list">The member's value.</param>
    /// <param name="required">Whether the member must be set.</param>
    /// <param name="accepted">The values an item may take.</param>
    /// <param name="minItems">Inclusive minimum item count, if any.</param>
    /// <param name="maxItems">Inclusive maximum item count, if any.</param>
    public void IntegerList<T>(string member, IReadOnlyList<T>? list, bool required, scoped ReadOnlySpan<long> accepted, int? minItems = null, int? maxItems = null)
        where T : struct, IBinaryInteger<T>
    {
        if (!StartList(member, list, required, minItems, maxItems))
        {
            return;
        }

        Enter(member);
        for (var index = 0; index < list!.Count; index++)
        {
            EnterIndex(index);
            IntegerRule("", long.CreateTruncating(list[index]), accepted);
            Exit();
        }

        Exit();
    }

    /// <summary>Checks a list of objects: set when required, its item count, then each item is set and valid.</summary>
    /// <param name="member">The member's wire name.</param>
    /// <param name="list">The member's value.</param>
    /// <param name="required">Whether the member must be set.</param>
    /// <param name="minItems">Inclusive minimum item count, if any.</param>
    /// <param name="maxItems">Inclusive maximum item count, if any.</param>
    public void ObjectList<TObject>(string member, IReadOnlyList<TObject?>? list, bool required = false, int? minItems = null, int? maxItems = null)
        where TObject : class, IFeishuObject<TObject>
    {
        if (!StartList(member, list, required, minItems, maxItems))
        {
            return;
        }

        Enter(member);
        for (var index = 0; index < list!.Count; index++)
        {
            EnterIndex(index);
            if (list[index] is { } item)
            {
                item.ValidateMembers(ref this);
            }
            else
            {
                Required("");
            }

            Exit();
        }

        Exit();
    }

    /// <summary>Reports a missing required list and a wrong item count; true when the list is set, so its items are next.</summary>
    private bool StartList<T>(string member, IReadOnlyList<T>? list, bool required, int? minItems, int? maxItems)
    {
        if (list is null)
        {
            if (required)
            {
                Required(member);
            }

            return false;
        }

        if (minItems is not null || maxItems is not null)
        {
            Count(member, list.Count, minItems, maxItems);
        }

        return true;
    }

    private void StringRules(string member, string value, int? minLength, int? maxLength, Regex? pattern, FeishuFormat? format)
    {
        if (minLength is not null || maxLength is not null)
        {
            Length(member, value, minLength, maxLength);
        }

        if (pattern is not null)
        {
            Pattern(member, value, pattern);
        }

        if (format is { } expected)
        {
            Format(member, value, expected);
        }
    }

    private void EnumRule(string member, string value, scoped ReadOnlySpan<string> accepted)
    {
        foreach (var candidate in accepted)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return;
            }
        }

        InvalidEnum(member, value, string.Join(", ", accepted));
    }

    private void IntegerRule(string member, long value, scoped ReadOnlySpan<long> accepted)
    {
        if (accepted.Contains(value))
        {
            return;
        }

        var texts = new string[accepted.Length];
        for (var i = 0; i < accepted.Length; i++)
        {
            texts[i] = accepted[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        InvalidEnum(member, value.ToString(System.Globalization.CultureInfo.InvariantCulture), string.Join(", ", texts));
    }
}
