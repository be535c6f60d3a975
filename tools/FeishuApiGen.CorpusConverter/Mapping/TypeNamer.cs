namespace FeishuApiGen.CorpusConverter.Mapping;

/// <summary>
/// Names the object types of one project version (one C# namespace), one name per shape, so identical shapes share a
/// type and different shapes never share a name:
/// <list type="number">
/// <item>A type is named after its field (<c>assessments</c> gives <c>assessments_item</c>, a list's item).</item>
/// <item>When several shapes have that name, or the name is taken by another kind of generated type (an enum, a
/// request, a resource group), no shape keeps it: each is qualified by the type that holds it where it is first met,
/// endpoints in key order (<c>probation_info_assessments_item</c>); a top-level field by its endpoint
/// (<c>search_job_change_items_item</c>). A name still taken gets a number (<c>_2</c>).</item>
/// </list>
/// Names are compared as the generator spells them in C#, so two names never become one identifier.
/// </summary>
internal static class TypeNamer
{
    /// <summary>Maps each object shape of <paramref name="endpoints"/> (one project version, in key order) to its type name.</summary>
    public static IReadOnlyDictionary<string, string> Name(IReadOnlyList<DraftEndpoint> endpoints)
    {
        var shapesByName = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var field in endpoints.SelectMany(e => e.Sections).SelectMany(AllFields).Where(f => f.Object is not null))
        {
            if (!shapesByName.TryGetValue(field.TypeBaseName, out var shapes))
            {
                shapesByName[field.TypeBaseName] = shapes = new HashSet<string>(StringComparer.Ordinal);
            }

            shapes.Add(field.Object!.Shape);
        }

        var taken = OtherTypeNames(endpoints);
        var plain = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, shapes) in shapesByName.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (shapes.Count == 1 && taken.Add(Casing.Pascal(name)))
            {
                plain.Add(name);
            }
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            foreach (var section in endpoint.Sections)
            {
                NameWithin(section, endpoint.Stem);
            }
        }

        return names;

        void NameWithin(IReadOnlyList<DraftField> fields, string holder)
        {
            foreach (var field in fields.Where(f => f.Object is not null))
            {
                var shape = field.Object!.Shape;
                if (!names.TryGetValue(shape, out var name))
                {
                    name = plain.Contains(field.TypeBaseName) ? field.TypeBaseName : Claim(taken, holder + "_" + field.TypeBaseName);
                    names[shape] = name;
                }

                NameWithin(field.Object.Fields, name);
            }
        }
    }

    private static IEnumerable<DraftField> AllFields(IReadOnlyList<DraftField> fields) =>
        fields.SelectMany(f => f.Object is null ? [f] : AllFields(f.Object.Fields).Prepend(f));

    /// <summary>
    /// C# names the generator gives other types in the namespace: enums (after their field), requests and responses,
    /// resource groups. An object type of one of these names would be renamed by the generator.
    /// </summary>
    private static HashSet<string> OtherTypeNames(IReadOnlyList<DraftEndpoint> endpoints)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            var stem = Casing.Pascal(endpoint.Stem);
            names.Add(stem + "Request");
            names.Add(stem + "Response");
            names.Add(Casing.Pascal(endpoint.Api.Resource) + "Api");
            names.Add(Casing.Pascal(endpoint.Api.Project) + Casing.Pascal(endpoint.Api.Version) + "Api");
            foreach (var field in endpoint.Sections.SelectMany(AllFields).Where(f => f.Enum is not null))
            {
                names.Add(Casing.Pascal(field.WireName));
            }
        }

        return names;
    }

    private static string Claim(HashSet<string> taken, string candidate)
    {
        if (taken.Add(Casing.Pascal(candidate)))
        {
            return candidate;
        }

        for (var i = 2; ; i++)
        {
            var numbered = candidate + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (taken.Add(Casing.Pascal(numbered)))
            {
                return numbered;
            }
        }
    }
}
