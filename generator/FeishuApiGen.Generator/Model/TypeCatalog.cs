using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;

namespace FeishuApiGen.Generator.Model;

/// <summary>The object and enum types one spec declares, as the cross-spec step sees them.</summary>
internal sealed record SpecTypes(
    string EndpointId,
    string Project,
    string Version,
    string TypeNamePrefix,
    EquatableArray<ObjectTypeModel> Objects,
    EquatableArray<EnumTypeModel> Enums)
{
    public static SpecTypes From(EndpointModel endpoint) => new(
        endpoint.Api.Id,
        endpoint.Api.Project,
        endpoint.Api.Version,
        endpoint.Api.TypeNameStem,
        endpoint.ObjectTypes,
        endpoint.EnumTypes);
}

/// <summary>A type of one spec that is emitted under another name, because another spec declares a different type of that name.</summary>
internal sealed record TypeRename(string From, string To);

internal sealed record SpecTypeRenames(string EndpointId, EquatableArray<TypeRename> Renames);

/// <summary>An object type as emitted once for every spec that declares it.</summary>
internal sealed record SharedObjectType(ObjectTypeModel Type, EquatableArray<string> UsedBy);

/// <summary>An enum type as emitted once: the union of the values every spec lists under its name.</summary>
internal sealed record SharedEnumType(EnumTypeModel Type, EquatableArray<string> UsedBy);

/// <summary>All object and enum types of one project version, emitted together into its namespace.</summary>
internal sealed record SharedTypesFile(string Project, string Version, EquatableArray<SharedObjectType> Objects, EquatableArray<SharedEnumType> Enums)
{
    public string HintName => Project + "." + Version + "._types.g.cs";
}

/// <summary>
/// Settles the names of object and enum types across specs, so any number of specs can live in one namespace:
/// <list type="bullet">
/// <item>Enums of one name are one type holding every value any spec lists; each field still accepts only its own spec's values.</item>
/// <item>Object types of one name and one shape are one type.</item>
/// <item>Object types of one name and different shapes: each declaring endpoint's type is prefixed with that endpoint's
/// request stem (<c>PatchProbationAssessmentAssessment</c>), even where two of them agree. No declaration keeps the plain
/// name, and no name depends on which other specs exist beyond the name being contested; a spec author who wants a
/// plain name gives the type a name of its own.</item>
/// </list>
/// </summary>
internal sealed record TypeCatalog(EquatableArray<SpecTypeRenames> Renames, EquatableArray<SharedTypesFile> Files)
{
    public EquatableArray<TypeRename> RenamesFor(string endpointId) =>
        Renames.FirstOrDefault(r => r.EndpointId == endpointId)?.Renames ?? EquatableArray<TypeRename>.Empty;

    public static TypeCatalog Build(ImmutableArray<SpecTypes> specs)
    {
        var renames = new List<SpecTypeRenames>();
        var files = new List<SharedTypesFile>();
        foreach (var group in specs.OrderBy(s => s.EndpointId, StringComparer.Ordinal).GroupBy(s => (s.Project, s.Version)))
        {
            var members = group.ToList();
            var enums = MergeEnums(members);
            var taken = new HashSet<string>(enums.Select(e => e.Type.CSharpName), StringComparer.Ordinal);
            var (objects, groupRenames) = SettleObjects(members, taken);
            renames.AddRange(groupRenames);
            if (objects.Count > 0 || enums.Count > 0)
            {
                files.Add(new SharedTypesFile(group.Key.Project, group.Key.Version, objects.ToEquatableArray(), enums.ToEquatableArray()));
            }
        }

        return new TypeCatalog(renames.ToEquatableArray(), files.ToEquatableArray());
    }

    private static List<SharedEnumType> MergeEnums(List<SpecTypes> specs)
    {
        var result = new List<SharedEnumType>();
        foreach (var byName in specs.SelectMany(s => s.Enums.Select(e => (Spec: s, Enum: e))).GroupBy(x => x.Enum.CSharpName, StringComparer.Ordinal))
        {
            var values = new List<EnumValueModel>();
            var memberNames = new HashSet<string>(StringComparer.Ordinal) { byName.Key, "Value", "IsKnown" };
            foreach (var value in byName.SelectMany(x => x.Enum.Values))
            {
                if (values.Any(v => v.WireValue == value.WireValue))
                {
                    continue;
                }

                // Two specs may spell different values alike in C# (open-id, open_id): keep every member name unique.
                var name = value.CSharpName;
                for (var i = 2; !memberNames.Add(name); i++)
                {
                    name = value.CSharpName + i.ToString(CultureInfo.InvariantCulture);
                }

                values.Add(value with { CSharpName = name });
            }

            result.Add(new SharedEnumType(new EnumTypeModel(byName.Key, values.ToEquatableArray()), byName.Select(x => x.Spec.EndpointId).Distinct().ToEquatableArray()));
        }

        return result;
    }

    private static (List<SharedObjectType> Objects, List<SpecTypeRenames> Renames) SettleObjects(List<SpecTypes> specs, HashSet<string> taken)
    {
        var conflicted = new HashSet<string>(
            specs.SelectMany(s => s.Objects).GroupBy(t => t.CSharpName).Where(g => g.Select(t => t.Fingerprint).Distinct().Count() > 1).Select(g => g.Key),
            StringComparer.Ordinal);

        // A conflicted name is settled per declaring endpoint, even where two endpoints agree on the shape: a type's
        // name then depends only on its own spec and on whether the name is contested, so adding a spec never moves
        // an existing spec's type to another endpoint's prefix.
        (string Name, string Fingerprint) KeyOf(SpecTypes spec, ObjectTypeModel type) =>
            conflicted.Contains(type.CSharpName) ? (type.CSharpName, type.Fingerprint + "@" + spec.EndpointId) : (type.CSharpName, type.Fingerprint);

        // Final name of each (name, shape), in endpoint-id order.
        var finalNames = new Dictionary<(string Name, string Fingerprint), string>();
        var declarations = new Dictionary<(string Name, string Fingerprint), List<(SpecTypes Spec, ObjectTypeModel Type)>>();
        var order = new List<(string Name, string Fingerprint)>();
        foreach (var spec in specs)
        {
            foreach (var type in spec.Objects)
            {
                var key = KeyOf(spec, type);
                if (!declarations.TryGetValue(key, out var list))
                {
                    declarations[key] = list = new List<(SpecTypes, ObjectTypeModel)>();
                    order.Add(key);
                    finalNames[key] = Claim(taken, type.CSharpName, spec.TypeNamePrefix, conflicted.Contains(type.CSharpName));
                }

                list.Add((spec, type));
            }
        }

        var renames = specs
            .Select(spec => new SpecTypeRenames(
                spec.EndpointId,
                spec.Objects
                    .Where(t => finalNames[KeyOf(spec, t)] != t.CSharpName)
                    .Select(t => new TypeRename(t.CSharpName, finalNames[KeyOf(spec, t)]))
                    .ToEquatableArray()))
            .Where(r => !r.Renames.IsEmpty)
            .ToList();

        var objects = new List<SharedObjectType>();
        foreach (var key in order)
        {
            var entry = new KeyValuePair<(string Name, string Fingerprint), List<(SpecTypes Spec, ObjectTypeModel Type)>>(key, declarations[key]);
            var (firstSpec, firstType) = entry.Value[0];
            var specRenames = renames.FirstOrDefault(r => r.EndpointId == firstSpec.EndpointId)?.Renames ?? EquatableArray<TypeRename>.Empty;
            var type = firstType with
            {
                CSharpName = finalNames[entry.Key],
                Members = firstType.Members.Select(m => Renamed(m, specRenames)).ToEquatableArray(),
                UsedInRequest = entry.Value.Any(d => d.Type.UsedInRequest),
                UsedInResponse = entry.Value.Any(d => d.Type.UsedInResponse),
            };
            objects.Add(new SharedObjectType(type, entry.Value.Select(d => d.Spec.EndpointId).Distinct().ToEquatableArray()));
        }

        return (objects, renames);
    }

    /// <summary>The member with its object type's name as the catalog settled it.</summary>
    public static MemberModel Renamed(MemberModel member, EquatableArray<TypeRename> renames)
    {
        if (member.Type.ObjectTypeName is not { } name)
        {
            return member;
        }

        foreach (var rename in renames)
        {
            if (rename.From == name)
            {
                return member with { Type = member.Type.WithObjectTypeName(rename.To) };
            }
        }

        return member;
    }

    private static string Claim(HashSet<string> taken, string name, string prefix, bool qualify)
    {
        if (!qualify && taken.Add(name))
        {
            return name;
        }

        for (var i = 1; ; i++)
        {
            var candidate = prefix + name + (i == 1 ? string.Empty : i.ToString(CultureInfo.InvariantCulture));
            if (taken.Add(candidate))
            {
                return candidate;
            }
        }
    }
}
