using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace FeishuApiGen.Catalog.Tests;

/// <summary>
/// Which property carries which wire member. The generated docs say it of every member ("Body member <c>x</c>",
/// "Query parameter <c>x</c>", "Member <c>x</c>"), so the map is read from this assembly's XML documentation: the
/// oracle checks the docs as it goes. The runtime's built-in types (FeishuApiGen.I18n, …) are snake_case by design.
/// </summary>
internal static partial class WireNames
{
    private static readonly Lazy<Dictionary<string, string>> Remarks = new(LoadRemarks);

    private static readonly ConcurrentDictionary<(Type, string), IReadOnlyDictionary<string, PropertyInfo>> Maps = new();

    /// <summary>The JSON members of <paramref name="type"/> (body members, or members of a nested type) by wire name.</summary>
    public static IReadOnlyDictionary<string, PropertyInfo> Of(Type type) => Of(type, "body");

    /// <summary>The members of a request of one kind: <c>body</c>, <c>query</c> or <c>path</c>.</summary>
    public static IReadOnlyDictionary<string, PropertyInfo> Of(Type type, string kind) => Maps.GetOrAdd((type, kind), static key =>
    {
        var (type, kind) = key;
        var map = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            var id = "P:" + type.FullName!.Replace('+', '.') + "." + property.Name;
            if (Remarks.Value.TryGetValue(id, out var remarks) && WireNameInRemarks().Match(remarks) is { Success: true } match)
            {
                var memberKind = match.Groups[1].Value switch { "Query parameter" => "query", "Path parameter" => "path", _ => "body" };
                if (memberKind == kind)
                {
                    map[match.Groups[2].Value] = property;
                }
            }
            else if (type.Namespace == "FeishuApiGen" && kind == "body")
            {
                map[SnakeCase(property.Name)] = property;
            }
        }

        return map;
    });

    private static string SnakeCase(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));

    private static Dictionary<string, string> LoadRemarks()
    {
        var file = Path.Combine(AppContext.BaseDirectory, typeof(WireNames).Assembly.GetName().Name + ".xml");
        return XDocument.Load(file).Descendants("member")
            .Where(m => m.Element("remarks") is not null)
            .ToDictionary(m => (string)m.Attribute("name")!, m => m.Element("remarks")!.ToString(), StringComparer.Ordinal);
    }

    [GeneratedRegex(@"(Body member|Query parameter|Path parameter|Member) <c>([^<]+)</c>")]
    private static partial Regex WireNameInRemarks();
}
