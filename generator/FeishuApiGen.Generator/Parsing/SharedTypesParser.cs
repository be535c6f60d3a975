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
        var declarations = declared is null
            ? Enumerable.Empty<SharedTypeDeclaration>()
            : declared.Children
                .Where(entry => entry.Key is YamlScalarNode { Value: not null })
                .Select(entry => new SharedTypeDeclaration(((YamlScalarNode)entry.Key).Value!, Naming.TypeName(((YamlScalarNode)entry.Key).Value!), diagnostics.Locate(entry.Key)));
        var enumKeys = file.Mapping("enums")?.Children.Keys.OfType<YamlScalarNode>() ?? Enumerable.Empty<YamlScalarNode>();
        declarations = declarations.Concat(enumKeys.Where(k => k.Value is not null).Select(k => new SharedTypeDeclaration(k.Value!, Naming.TypeName(k.Value!), diagnostics.Locate(k))));

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
