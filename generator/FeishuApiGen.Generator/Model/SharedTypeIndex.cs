using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using FeishuApiGen.Generator.Diagnostics;

namespace FeishuApiGen.Generator.Model;

/// <summary>The shared types of one project version, with their references to each other resolved.</summary>
internal sealed record NamespaceTypes(
    string Project,
    string Version,
    EquatableArray<ObjectTypeModel> Objects,
    EquatableArray<EnumTypeModel> Enums,
    EquatableArray<DiagnosticInfo> Diagnostics,
    EquatableArray<SharedTypeDeclaration> Declarations)
{
    public bool Owns(string project, string version) => Project == project && Version == version;
}

/// <summary>A C# type name a spec generates in its project version's namespace.</summary>
internal sealed record TypeNameClaim(string Project, string Version, string CSharpName, string EndpointId)
{
    /// <summary>The name within its namespace, as one ordinal key: <c>corehr.v2:SearchProbationRequest</c>.</summary>
    public string Key => Project + "." + Version + ":" + CSharpName;
}

/// <summary>An endpoint ready to emit, or the reasons it is not, and the shared types it uses.</summary>
internal sealed record ResolvedEndpoint(EndpointModel? Endpoint, EquatableArray<DiagnosticInfo> Diagnostics, EquatableArray<string> SharedTypesUsed);

/// <summary>
/// Everything that crosses specs: the shared types of each project version (declared once, in shared types files) and
/// the C# type names each spec generates. A type's name and shape come from the file that declares it alone, so adding
/// or removing a spec never renames, reshapes or removes another spec's type; two files that would generate one name are
/// an error (FAG010, FAG017), never a silent rename.
/// </summary>
/// <param name="Namespaces">The shared types, by project version.</param>
/// <param name="FirstClaims">For each C# name any spec generates, the claim of the first endpoint by id, sorted by
/// <see cref="TypeNameClaim.Key"/> so a lookup is a binary search: checking every spec's names stays linear in the specs.</param>
internal sealed record SharedTypeIndex(EquatableArray<NamespaceTypes> Namespaces, EquatableArray<TypeNameClaim> FirstClaims)
{
    public static IEnumerable<TypeNameClaim> ClaimsOf(EndpointModel endpoint)
    {
        var api = endpoint.Api;
        // The endpoint's own types are nested in its class: that one name covers them all.
        var names = new List<string> { endpoint.RequestTypeName, endpoint.ResponseTypeName };
        if (!endpoint.ObjectTypes.IsEmpty || !endpoint.EnumTypes.IsEmpty)
        {
            names.Add(api.TypeNameStem);
        }

        return names.Select(name => new TypeNameClaim(api.Project, api.Version, name, api.Id));
    }

    public static SharedTypeIndex Build(ImmutableArray<SharedTypesModel> files, ImmutableArray<TypeNameClaim> claims)
    {
        var namespaces = new List<NamespaceTypes>();
        foreach (var group in files.OrderBy(f => f.FilePath, StringComparer.Ordinal).GroupBy(f => (f.Project, f.Version)))
        {
            namespaces.Add(Merge(group.Key.Project, group.Key.Version, group.ToList()));
        }

        var firstClaims = claims
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .Select(g => g.OrderBy(c => c.EndpointId, StringComparer.Ordinal).First())
            .OrderBy(c => c.Key, StringComparer.Ordinal);
        return new SharedTypeIndex(namespaces.ToEquatableArray(), firstClaims.ToEquatableArray());
    }

    /// <summary>Resolves the endpoint's uses of shared types and checks its type names against every other file's.</summary>
    public ResolvedEndpoint Resolve(EndpointModel endpoint, LocationInfo? apiLocation)
    {
        var api = endpoint.Api;
        var diagnostics = new List<DiagnosticInfo>();
        var shared = Namespaces.FirstOrDefault(n => n.Owns(api.Project, api.Version));
        foreach (var claim in ClaimsOf(endpoint))
        {
            var owner = shared is not null && (shared.Objects.Any(t => t.CSharpName == claim.CSharpName) || shared.Enums.Any(t => t.CSharpName == claim.CSharpName))
                ? "the shared types of " + api.Project + " " + api.Version
                : FirstClaim(claim.Key) is { } first && string.CompareOrdinal(first.EndpointId, api.Id) < 0 ? first.EndpointId : null;
            if (owner is not null)
            {
                diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.TypeNameTaken, apiLocation, new[] { claim.CSharpName, api.Id, owner }));
            }
        }

        // The client's group classes sit in the namespace too; endpoints share them, a shared type may not take them.
        foreach (var group in new[] { api.ResourcePascal + "Api", api.ProjectPascal + api.VersionPascal + "Api" })
        {
            if (shared is not null && (shared.Objects.Any(t => t.CSharpName == group) || shared.Enums.Any(t => t.CSharpName == group)))
            {
                diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.TypeNameTaken, apiLocation, new[] { group, api.Id + " (its client group)", "the shared types of " + api.Project + " " + api.Version }));
            }
        }

        var used = new SortedSet<string>(StringComparer.Ordinal);
        var resolver = new Resolver(shared, endpoint.SharedReferences, diagnostics, used);
        var resolved = endpoint with
        {
            RequestMembers = resolver.Members(endpoint.RequestMembers),
            ResponseMembers = resolver.Members(endpoint.ResponseMembers),
            ObjectTypes = endpoint.ObjectTypes.Select(t => t with { Members = resolver.Members(t.Members) }).ToEquatableArray(),
            SharedReferences = EquatableArray<SharedTypeReference>.Empty,
        };
        return new ResolvedEndpoint(diagnostics.Count == 0 ? resolved : null, diagnostics.ToEquatableArray(), used.ToEquatableArray());
    }

    private TypeNameClaim? FirstClaim(string key)
    {
        var claims = FirstClaims.AsImmutableArray();
        var (low, high) = (0, claims.Length - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = string.CompareOrdinal(claims[middle].Key, key);
            if (order == 0)
            {
                return claims[middle];
            }

            (low, high) = order < 0 ? (middle + 1, high) : (low, middle - 1);
        }

        return null;
    }

    /// <summary>The shared types of each project version that <paramref name="usedByEndpoints"/> reach, directly or through each other.</summary>
    public IEnumerable<NamespaceTypes> Used(ImmutableArray<string> usedByEndpoints)
    {
        foreach (var types in Namespaces)
        {
            var prefix = UsedKey(types.Project, types.Version, string.Empty);
            var reached = new HashSet<string>(usedByEndpoints.Where(u => u.StartsWith(prefix, StringComparison.Ordinal)).Select(u => u.Substring(prefix.Length)), StringComparer.Ordinal);
            var pending = new Stack<string>(reached);
            while (pending.Count > 0)
            {
                var name = pending.Pop();
                var type = types.Objects.FirstOrDefault(t => t.CSharpName == name);
                foreach (var member in type?.Members ?? EquatableArray<MemberModel>.Empty)
                {
                    foreach (var nested in new[] { member.Type.ObjectTypeName, member.Type.EnumTypeName })
                    {
                        if (nested is not null && !nested.StartsWith("global::", StringComparison.Ordinal) && reached.Add(nested))
                        {
                            pending.Push(nested);
                        }
                    }
                }
            }

            // Diagnostics of the shared files are reported whether or not a spec uses them.
            if (reached.Count > 0 || !types.Diagnostics.IsEmpty)
            {
                yield return types with
                {
                    Objects = types.Objects.Where(t => reached.Contains(t.CSharpName)).ToEquatableArray(),
                    Enums = types.Enums.Where(t => reached.Contains(t.CSharpName)).ToEquatableArray(),
                };
            }
        }
    }

    /// <summary>Key of a used shared type: its project version and C# name.</summary>
    private static string UsedKey(string project, string version, string csharpName) => project + "." + version + ":" + csharpName;

    private static NamespaceTypes Merge(string project, string version, List<SharedTypesModel> files)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var objects = new List<ObjectTypeModel>();
        var enums = new List<EnumTypeModel>();
        var references = new List<SharedTypeReference>();
        var declarations = new List<SharedTypeDeclaration>();
        foreach (var file in files)
        {
            declarations.AddRange(file.Declarations.Where(d => declarations.All(earlier => earlier.Name != d.Name)));
            foreach (var type in file.Objects)
            {
                var earlier = objects.FirstOrDefault(t => t.CSharpName == type.CSharpName);
                if (earlier is null && enums.All(e => e.CSharpName != type.CSharpName))
                {
                    objects.Add(type);
                }
                else if (earlier is null || earlier.Fingerprint != type.Fingerprint)
                {
                    diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.ConflictingType, file.Declarations.FirstOrDefault(d => d.CSharpName == type.CSharpName)?.Location, new[] { type.WireName }));
                }
            }

            foreach (var type in file.Enums)
            {
                var earlier = enums.FirstOrDefault(t => t.CSharpName == type.CSharpName);
                if (earlier is null && objects.All(o => o.CSharpName != type.CSharpName))
                {
                    enums.Add(type);
                }
                else if (earlier is null || !earlier.Values.Select(v => v.WireValue).SequenceEqual(type.Values.Select(v => v.WireValue)))
                {
                    diagnostics.Add(new DiagnosticInfo(DiagnosticDescriptors.ConflictingType, file.Declarations.FirstOrDefault(d => d.CSharpName == type.CSharpName)?.Location, new[] { type.CSharpName }));
                }
            }

            references.AddRange(file.References);
        }

        var partial = new NamespaceTypes(project, version, objects.ToEquatableArray(), enums.ToEquatableArray(), EquatableArray<DiagnosticInfo>.Empty, declarations.ToEquatableArray());
        var resolver = new Resolver(partial, references.ToEquatableArray(), diagnostics, new SortedSet<string>(StringComparer.Ordinal));
        return partial with
        {
            Objects = objects.Select(t => t with { Members = resolver.Members(t.Members), UsedInRequest = true, UsedInResponse = true }).ToEquatableArray(),
            Diagnostics = diagnostics.ToEquatableArray(),
        };
    }

    /// <summary>Replaces each use of a shared type by the object or enum it names.</summary>
    private sealed class Resolver
    {
        private readonly NamespaceTypes? _shared;
        private readonly EquatableArray<SharedTypeReference> _references;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly SortedSet<string> _used;
        private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

        public Resolver(NamespaceTypes? shared, EquatableArray<SharedTypeReference> references, List<DiagnosticInfo> diagnostics, SortedSet<string> used)
        {
            _shared = shared;
            _references = references;
            _diagnostics = diagnostics;
            _used = used;
        }

        public EquatableArray<MemberModel> Members(EquatableArray<MemberModel> members) =>
            members.Any(m => m.Type.SharedTypeName is not null) ? members.Select(Member).ToEquatableArray() : members;

        private MemberModel Member(MemberModel member)
        {
            if (member.Type.SharedTypeName is not { } name)
            {
                return member;
            }

            var csharpName = _shared?.Declarations.FirstOrDefault(d => d.Name == name)?.CSharpName;
            var reference = _references.FirstOrDefault(r => r.Name == name);
            var location = reference?.Location;
            if (csharpName is not null && _shared!.Objects.FirstOrDefault(t => t.CSharpName == csharpName) is { } objectType)
            {
                if (member.Location is MemberLocation.Query or MemberLocation.Path)
                {
                    Report(DiagnosticDescriptors.ConstraintNotApplicable, location, member.WireName, name, "query and path parameters are single values or lists of single values");
                }

                if (!member.Type.EnumValues.IsEmpty)
                {
                    Report(DiagnosticDescriptors.ConstraintNotApplicable, location, "enum", name, "enum applies to string, int and int64 fields and shared enums");
                }

                Use(objectType.CSharpName);
                return member with { Type = member.Type with { Kind = ScalarKind.Object, ObjectTypeName = objectType.CSharpName, SharedTypeName = null } };
            }

            if (csharpName is not null && _shared!.Enums.FirstOrDefault(t => t.CSharpName == csharpName) is { } enumType)
            {
                var all = enumType.Values.Select(v => v.WireValue).ToEquatableArray();
                foreach (var value in member.Type.EnumValues.Where(v => !all.Contains(v)))
                {
                    Report(DiagnosticDescriptors.InvalidEnum, location, member.WireName + ".enum", "'" + value + "' is not a value of the shared enum '" + name + "' (" + string.Join(", ", all) + ")");
                }

                Use(enumType.CSharpName);
                var accepted = member.Type.EnumValues.IsEmpty ? all : member.Type.EnumValues;
                if (member.Default is { } defaultValue && !member.Type.IsArray && !accepted.Contains(defaultValue))
                {
                    // Checked here, not when the spec was read: only now are the enum's values known.
                    Report(DiagnosticDescriptors.InvalidDefault, location, member.WireName + ".default", "'" + defaultValue + "' is not one of the field's enum values: " + string.Join(", ", accepted));
                }

                return member with { Type = member.Type with { Kind = ScalarKind.String, EnumTypeName = enumType.CSharpName, EnumValues = accepted, SharedTypeName = null } };
            }

            if (_reported.Add(name))
            {
                Report(DiagnosticDescriptors.UnknownType, location, reference?.TypeText ?? name, string.Empty);
            }

            return member;
        }

        private void Use(string csharpName)
        {
            if (_shared is not null)
            {
                _used.Add(UsedKey(_shared.Project, _shared.Version, csharpName));
            }
        }

        private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
            _diagnostics.Add(new DiagnosticInfo(descriptor, location, arguments));
    }
}
