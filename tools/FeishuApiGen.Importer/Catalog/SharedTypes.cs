using FeishuApiGen.Importer.Emit;
using FeishuApiGen.Importer.Model;

namespace FeishuApiGen.Importer.Catalog;

/// <summary>
/// What the pages of one project version share, found across all of them at once: an object type that recurs on two
/// or more pages with one shape is declared once; an enum that two or more pages give a field of one name, where every
/// page's values are among the widest page's, is one enum holding those values (each field still accepts only its own).
/// The catalogue writes these into the version's shared types file; its specs use them by name.
/// </summary>
internal sealed class SharedTypes
{
    private readonly Dictionary<string, string> _objectShapes = new(StringComparer.Ordinal);

    public SharedTypes(string project, string version)
    {
        Project = project;
        Version = version;
    }

    public string Project { get; }

    public string Version { get; }

    /// <summary>Each shared object type's name and the page row that declares it (its first use, by page order).</summary>
    public SortedDictionary<string, DocField> Objects { get; } = new(StringComparer.Ordinal);

    /// <summary>Each shared enum's name and its values with their texts, widest page's order.</summary>
    public SortedDictionary<string, List<KeyValuePair<string, string>>> Enums { get; } = new(StringComparer.Ordinal);

    /// <summary>Each shared object type's name and shape (<see cref="PageTypes.Shape"/>).</summary>
    public IReadOnlyDictionary<string, string> ObjectShapes => _objectShapes;

    public bool IsShared(string typeName, IReadOnlyList<DocField> members) =>
        _objectShapes.TryGetValue(typeName, out var shape) && shape == PageTypes.Shape(members);

    /// <summary>The shared enum a string field of this name and these values takes, or null.</summary>
    public List<KeyValuePair<string, string>>? EnumFor(DocField field) =>
        field.Enum.Count > 0 && Enums.TryGetValue(field.Name, out var values) && field.Enum.All(v => values.Any(s => s.Key == v.Key)) ? values : null;

    /// <summary>Finds what the pages of each project version share.</summary>
    public static Dictionary<(string Project, string Version), SharedTypes> Find(IEnumerable<(DocPage Page, string Project, string Version)> pages)
    {
        var result = new Dictionary<(string, string), SharedTypes>();
        foreach (var group in pages.GroupBy(p => (p.Project, p.Version)))
        {
            var shared = new SharedTypes(group.Key.Project, group.Key.Version);
            var objects = new Dictionary<(string Name, string Shape), (DocField First, HashSet<DocPage> Pages)>();
            var enums = new Dictionary<string, List<(DocPage Page, List<KeyValuePair<string, string>> Values)>>(StringComparer.Ordinal);
            foreach (var (page, _, _) in group)
            {
                foreach (var field in AllFields(page))
                {
                    var type = PageTypes.Sanitize(SpecWriter.ScalarType(field.Type).TrimEnd('[', ']'));
                    if (field.Children.Count > 0 && type != "object" && !PageTypes.IsBuiltInName(type))
                    {
                        var key = (type, PageTypes.Shape(field.Children));
                        if (!objects.TryGetValue(key, out var seen))
                        {
                            objects[key] = seen = (field, new HashSet<DocPage>());
                        }

                        seen.Pages.Add(page);
                    }

                    if (type == "string" && field.Enum.Count > 0)
                    {
                        if (!enums.TryGetValue(field.Name, out var uses))
                        {
                            enums[field.Name] = uses = new();
                        }

                        uses.Add((page, field.Enum));
                    }
                }
            }

            // One shape per name: the one on the most pages (ties to the shape written first), when on two or more.
            foreach (var byName in objects.GroupBy(o => o.Key.Name))
            {
                var best = byName.OrderByDescending(o => o.Value.Pages.Count).ThenBy(o => o.Key.Shape, StringComparer.Ordinal).First();
                if (best.Value.Pages.Count >= 2)
                {
                    shared.Objects[byName.Key] = best.Value.First;
                    shared._objectShapes[byName.Key] = best.Key.Shape;
                }
            }

            foreach (var (name, uses) in enums)
            {
                var widest = uses.OrderByDescending(u => u.Values.Count).First().Values;
                if (uses.Select(u => u.Page).Distinct().Count() >= 2 && !shared.Objects.ContainsKey(name) && !PageTypes.IsBuiltInName(name)
                    && uses.All(u => u.Values.All(v => widest.Any(w => w.Key == v.Key))))
                {
                    shared.Enums[name] = widest;
                }
            }

            result[group.Key] = shared;
        }

        return result;
    }

    private static IEnumerable<DocField> AllFields(DocPage page)
    {
        IEnumerable<DocField> Walk(IEnumerable<DocField> fields) => fields.SelectMany(f => new[] { f }.Concat(Walk(f.Children)));
        return Walk(page.PathParams.Concat(page.Query).Concat(page.Body).Concat(page.ResponseData));
    }
}
