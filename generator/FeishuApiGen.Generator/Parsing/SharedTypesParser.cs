using System.Linq;
using System.Text.RegularExpressions;
using FeishuApiGen.Generator.Diagnostics;
using FeishuApiGen.Generator.Model;
using YamlDotNet.RepresentationModel;

namespace FeishuApiGen.Generator.Parsing;

/// <summary>
/// Reads a shared types file: the object types and enums of one project version that many endpoints use, declared
/// once. <c>shared_types: { project: corehr, version: v2 }</c> names the version; <c>types</c> and <c>enums</c> declare.
/// </summary>
internal static class SharedTypesParser
{
    public const string Key = "shared_types";

    private static readonly string[] TopLevelKeys = { "spec_version", Key, "description", "types", "enums" };
    private static readonly Regex NamePart = new("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    public static SpecParseResult Parse(string path, string text, YamlMappingNode root, SpecDiagnostics diagnostics)
    {
        var file = new YamlMap(root, "shared types", TopLevelKeys, diagnostics);
        SpecVersion.Check(file, diagnostics);
        file.String("description");
        var (project, version) = ReadOwner(file, diagnostics);

        var types = new TypeReader(diagnostics, text, typeNamePrefix: string.Empty, reservedTypeNames: Enumerable.Empty<string>());
        var declared = file.Mapping("types");
        types.CollectDeclarations(declared, Enumerable.Empty<YamlMappingNode?>());
        types.ReadDeclaredEnums(file.Mapping("enums"));
        types.BuildAllDeclared();
        if (diagnostics.HasErrors || project is null || version is null)
        {
            return new SpecParseResult(path, null, diagnostics.ToEquatableArray(), null);
        }

        var objects = types.BuildObjectTypes();
        // Where each name is declared, for references and for the diagnostic when two files disagree.
        var keys = (declared?.Children.Keys ?? Enumerable.Empty<YamlNode>()).Concat(file.Mapping("enums")?.Children.Keys ?? Enumerable.Empty<YamlNode>())
            .OfType<YamlScalarNode>().Where(k => k.Value is not null).GroupBy(k => k.Value!).ToDictionary(g => g.Key, g => g.First());
        var declarations = types.DeclaredNames
            .Select(d => new SharedTypeDeclaration(d.Name, d.CSharpName, keys.TryGetValue(d.Name, out var key) ? diagnostics.Locate(key) : null))
            .OrderBy(d => d.Name, System.StringComparer.Ordinal);

        var model = new SharedTypesModel(
            project,
            version,
            path,
            objects.ToEquatableArray(),
            types.EnumTypes.ToEquatableArray(),
            types.SharedReferences.ToEquatableArray(),
            declarations.ToEquatableArray());
        return new SpecParseResult(path, null, diagnostics.ToEquatableArray(), null, model);
    }

    private static (string? Project, string? Version) ReadOwner(YamlMap file, SpecDiagnostics diagnostics)
    {
        var node = file.Mapping(Key, required: true);
        if (node is null)
        {
            return (null, null);
        }

        var owner = new YamlMap(node, Key, new[] { "project", "version" }, diagnostics);
        string? Part(string key)
        {
            var value = owner.String(key, required: true);
            if (value is not null && !NamePart.IsMatch(value))
            {
                diagnostics.Report(DiagnosticDescriptors.InvalidName, owner.Value(key), value, Key + " " + key, "use letters, digits and underscores, starting with a letter (e.g. corehr, v2)");
                return null;
            }

            return value;
        }

        return (Part("project"), Part("version"));
    }
}
