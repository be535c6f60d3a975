using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace FeishuApiGen.Generator.Model;

/// <summary>
/// The shape of an object type as text: every member's wire and C# name, type, requiredness, constraints and
/// accepted enum values, with nested object types folded in by their own shape. Docs are left out, so the same
/// type documented in two words still counts as one.
/// </summary>
internal static class TypeFingerprint
{
    /// <summary>Returns the types with <see cref="ObjectTypeModel.Fingerprint"/> filled in.</summary>
    public static IEnumerable<ObjectTypeModel> Stamp(IReadOnlyList<ObjectTypeModel> types)
    {
        var byName = types.ToDictionary(t => t.CSharpName);
        var done = new Dictionary<string, string>();
        return types.Select(t => t with { Fingerprint = Of(t, byName, done, new HashSet<string>()) }).ToList();
    }

    private static string Of(ObjectTypeModel type, Dictionary<string, ObjectTypeModel> byName, Dictionary<string, string> done, HashSet<string> inProgress)
    {
        if (done.TryGetValue(type.CSharpName, out var known))
        {
            return known;
        }

        if (!inProgress.Add(type.CSharpName))
        {
            // A type that contains itself: the back reference is written by name.
            return "^" + type.CSharpName;
        }

        var text = new StringBuilder("{");
        foreach (var member in type.Members)
        {
            var t = member.Type;
            var c = member.Constraints;
            text.Append(member.WireName).Append('|').Append(member.CSharpName).Append('|').Append(t.Kind).Append(t.IsArray ? "[]" : string.Empty)
                .Append('|').Append(member.Required ? 'R' : 'o').Append(member.Deprecated ? 'D' : '-')
                .Append('|').Append(Invariant(c.Min)).Append(',').Append(Invariant(c.Max))
                .Append(',').Append(c.MinLength).Append(',').Append(c.MaxLength).Append(',').Append(c.MinItems).Append(',').Append(c.MaxItems)
                .Append(',').Append(c.Pattern?.Length).Append(':').Append(c.Pattern).Append(',').Append(c.Format)
                .Append('|').Append(t.EnumTypeName).Append('=').Append(string.Join(",", t.EnumValues));
            if (t.ObjectTypeName is { } nested && byName.TryGetValue(nested, out var nestedType))
            {
                text.Append('|').Append(Of(nestedType, byName, done, inProgress));
            }
            else
            {
                // A built-in or shared type: its name is its shape.
                text.Append('|').Append(t.ObjectTypeName).Append('|').Append(t.SharedTypeName);
            }

            text.Append(';');
        }

        text.Append('}');
        inProgress.Remove(type.CSharpName);
        var result = text.ToString();
        done[type.CSharpName] = result;
        return result;
    }

    private static string Invariant(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;
}
