using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using FeishuApiGen.Generator.Diagnostics;
using FeishuApiGen.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;
using YamlDotNet.RepresentationModel;

namespace FeishuApiGen.Generator.Parsing;

/// <summary>
/// Reads the fields and types of one spec file: field tables into members, named and inline object types, enums.
/// Names are settled here and nowhere else. A type a spec declares is its own: it is nested in a static class named
/// for the endpoint (<c>SearchProbation.ProbationInfo</c>, or the type's <c>csharp_name</c> there), so no other spec can
/// ever clash with it or move it. A built-in type (<see cref="BuiltInTypes"/>) is used by name and never declared.
/// A name the spec neither declares nor builds in is a shared type of its project version, found after every spec is read.
/// </summary>
internal sealed partial class TypeReader
{
    private static readonly string[] FieldKeys =
    {
        "type", "required", "description", "example", "default", "enum", "fields", "min", "max", "min_length", "max_length", "scopes",
        "min_items", "max_items", "pattern", "format", "idempotency_key", "scopes_when", "csharp_name", "deprecated",
    };

    private static readonly Regex TypeNamePattern = new("^[A-Za-z][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    private readonly SpecDiagnostics _diagnostics;
    private readonly string _text;
    private readonly string _typeNamePrefix;
    private readonly ConstraintReader _constraints;
    private readonly UniqueNames _typeNames;
    private readonly Dictionary<string, YamlMappingNode> _declaredTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ObjectTypeBuilder> _objectTypes = new(StringComparer.Ordinal);
    private readonly List<ObjectTypeBuilder> _objectTypeOrder = new();
    private readonly List<EnumTypeModel> _enumTypes = new();
    private readonly Dictionary<string, string> _typeCSharpNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _typeDescriptions = new(StringComparer.Ordinal);
    private readonly List<SharedTypeReference> _sharedReferences = new();
    private readonly Dictionary<string, string> _declaredEnums = new(StringComparer.Ordinal);

    /// <param name="diagnostics">Where problems go.</param>
    /// <param name="text">The spec's text, for values written as YAML structures.</param>
    /// <param name="typeNamePrefix">The class each declared type is nested in; empty in a shared types file, whose names are plain.</param>
    /// <param name="reservedTypeNames">C# names the file's other types take (request, response, client group).</param>
    public TypeReader(SpecDiagnostics diagnostics, string text, string typeNamePrefix, IEnumerable<string> reservedTypeNames)
    {
        _diagnostics = diagnostics;
        _text = text;
        _typeNamePrefix = typeNamePrefix;
        _constraints = new ConstraintReader(diagnostics);
        _typeNames = new UniqueNames(reservedTypeNames);
        // A nested type may not share its enclosing class's name (CS0542).
        _typeNames.Reserve(Nested(typeNamePrefix));
    }

    public IReadOnlyList<EnumTypeModel> EnumTypes => _enumTypes;

    /// <summary>Each type declared by name (under <c>types</c>, with <c>fields</c>, or under <c>enums</c>) and its C# name, once built.</summary>
    public IEnumerable<(string Name, string CSharpName)> DeclaredNames =>
        _declaredTypes.Keys.Where(_objectTypes.ContainsKey).Select(name => (name, _objectTypes[name].CSharpName))
            .Concat(_declaredEnums.Select(e => (e.Key, e.Value)));

    public IReadOnlyList<SharedTypeReference> SharedReferences => _sharedReferences;

    /// <summary>The object types built so far, with their shapes stamped.</summary>
    public List<ObjectTypeModel> BuildObjectTypes() => TypeFingerprint.Stamp(_objectTypeOrder.Select(t => t.Build()).ToList()).ToList();

    /// <summary>Member names for one C# type: its own name and the generated members are taken.</summary>
    public static UniqueNames MemberNamesFor(string? typeName, params string[] reserved)
    {
        var names = new UniqueNames(GeneratedMemberNames.OnObjectTypes.Concat(reserved));
        if (typeName is not null)
        {
            // A member may not share its type's name (CS0542); a nested type's own name is its last part.
            names.Reserve(Naming.SimpleName(typeName));
        }

        return names;
    }

    /// <summary>Finds every named type declaration first, so a name may be used before the place that declares it.</summary>
    public void CollectDeclarations(YamlMappingNode? types, IEnumerable<YamlMappingNode?> fieldSections)
    {
        if (types is not null)
        {
            foreach (var entry in types.Children)
            {
                if (entry.Key is not YamlScalarNode { Value: { } name } || entry.Value is not YamlMappingNode declaration)
                {
                    _diagnostics.Report(DiagnosticDescriptors.InvalidValue, entry.Key, "types", "each type is `name: { fields: { ... } }`");
                    continue;
                }

                var typeMap = new YamlMap(declaration, "types." + name, new[] { "fields", "description", "csharp_name" }, _diagnostics);
                if (typeMap.Mapping("fields", required: true) is { } fields)
                {
                    Declare(name, fields, entry.Key);
                    // A type declared with fields inside another declared type is declared too.
                    ScanInlineDeclarations(fields);
                }

                if (typeMap.String("description") is { } typeDescription)
                {
                    _typeDescriptions[name] = typeDescription;
                }

                if (typeMap.String("csharp_name") is { } csharpName)
                {
                    if (Naming.IsValidIdentifier(csharpName) && SyntaxFacts.GetKeywordKind(csharpName) == SyntaxKind.None)
                    {
                        _typeCSharpNames[name] = csharpName;
                    }
                    else
                    {
                        _diagnostics.Report(DiagnosticDescriptors.InvalidName, typeMap.Value("csharp_name"), csharpName, "types." + name + ".csharp_name", "use letters, digits and underscores, starting with a letter, and not a C# keyword");
                    }
                }
            }
        }

        foreach (var section in fieldSections)
        {
            ScanInlineDeclarations(section);
        }
    }

    /// <summary>Builds every type declared under <c>types</c>, used or not (a shared types file offers them all).</summary>
    public void BuildAllDeclared()
    {
        foreach (var name in _declaredTypes.Keys.ToList())
        {
            ResolveNamedType(name, MemberLocation.Body);
            ResolveNamedType(name, MemberLocation.Response);
        }
    }

    public IEnumerable<MemberModel> ReadFields(YamlMappingNode? fields, string context, MemberLocation location, UniqueNames names, string ownerTypeName)
    {
        if (fields is null)
        {
            yield break;
        }

        foreach (var entry in fields.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: { Length: > 0 } wireName })
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidName, entry.Key, "(empty)", "field name", "a field needs its wire name as the key");
                continue;
            }

            if (entry.Value is not YamlMappingNode fieldNode)
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidValue, entry.Value, context + "." + wireName, "expected a field mapping such as { type: string, required: true }");
                continue;
            }

            var member = ReadField(wireName, entry.Key, fieldNode, context + "." + wireName, location, names, ownerTypeName);
            if (member is not null)
            {
                yield return member;
            }
        }
    }

    /// <summary>A type reachable from the request (or the response) through another type is used there too.</summary>
    public void PropagateUsage()
    {
        var byName = _objectTypeOrder.ToDictionary(t => t.CSharpName, StringComparer.Ordinal);
        bool changed;
        do
        {
            changed = false;
            foreach (var type in _objectTypeOrder)
            {
                foreach (var nested in type.NestedTypeNames)
                {
                    if (byName.TryGetValue(nested, out var target))
                    {
                        changed |= target.TakeUsageFrom(type);
                    }
                }
            }
        }
        while (changed);
    }

    private MemberModel? ReadField(string wireName, YamlNode keyNode, YamlMappingNode node, string context, MemberLocation location, UniqueNames names, string ownerTypeName)
    {
        var field = new YamlMap(node, context, FieldKeys, _diagnostics);
        var typeText = field.String("type", required: true);
        var description = field.String("description");
        var csharpNameOverride = field.String("csharp_name");
        if (csharpNameOverride is not null && !Naming.IsValidIdentifier(csharpNameOverride))
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidName, field.Value("csharp_name"), csharpNameOverride, "C# identifier", "use letters, digits and underscores, not starting with a digit");
            csharpNameOverride = null;
        }

        var preferredName = csharpNameOverride ?? Naming.Pascal(wireName);
        var csharpName = names.Claim(preferredName, preferredName + "Value");
        if (typeText is null)
        {
            return null;
        }

        var (baseName, isArray) = StripArray(typeText.Trim());
        var nestedFields = field.Mapping("fields");
        var enumNode = field.Value("enum");
        var kind = baseName switch
        {
            "string" => ScalarKind.String,
            "int" => ScalarKind.Int,
            "int64" => ScalarKind.Int64,
            "float" => ScalarKind.Float,
            "boolean" => ScalarKind.Boolean,
            "object" => nestedFields is null ? ScalarKind.Json : ScalarKind.Object,
            _ => ScalarKind.Object,
        };

        string? objectTypeName = null;
        string? sharedTypeName = null;
        if (kind == ScalarKind.Object)
        {
            if (baseName == "object")
            {
                objectTypeName = DeclareAnonymous(wireName, isArray, ownerTypeName, nestedFields!, location);
            }
            else if (!TypeNamePattern.IsMatch(baseName) || DocVocabulary.TypeHint(baseName).Length > 0)
            {
                _diagnostics.Report(DiagnosticDescriptors.UnknownType, field.Value("type"), typeText, DocVocabulary.TypeHint(baseName));
                return null;
            }
            else if (BuiltInTypes.TryGet(baseName, out var builtIn))
            {
                objectTypeName = builtIn;
            }
            else if (_declaredTypes.ContainsKey(baseName))
            {
                objectTypeName = ResolveNamedType(baseName, location);
            }
            else
            {
                // Neither declared here nor built in: a shared type of the project version, an object or an enum.
                sharedTypeName = baseName;
                _sharedReferences.Add(new SharedTypeReference(baseName, typeText, _diagnostics.Locate(field.Value("type")!)));
            }
        }
        else if (nestedFields is not null)
        {
            _diagnostics.Report(DiagnosticDescriptors.ConstraintNotApplicable, field.KeyNode("fields"), "fields", typeText, "only object types have fields; use `type: object` or a type name");
        }

        // A shared type may be an object or an enum: only the rules that fit both (item counts on a list) are read.
        var constraints = _constraints.Read(field, kind, isArray, typeText);
        string? enumTypeName = null;
        var enumValues = EquatableArray<string>.Empty;
        var enumValueTexts = EquatableArray<string>.Empty;
        if (enumNode is not null)
        {
            if (sharedTypeName is not null)
            {
                // The values of a shared enum this field accepts; checked against the enum once it is found.
                enumValues = ReadEnumValues(enumNode, context, MemberNamesFor(null)).Select(v => v.WireValue).ToEquatableArray();
            }
            else if (kind is ScalarKind.Int or ScalarKind.Int64)
            {
                (enumValues, enumValueTexts) = ReadIntegerEnum(kind, enumNode, context);
            }
            else if (kind != ScalarKind.String)
            {
                _diagnostics.Report(DiagnosticDescriptors.ConstraintNotApplicable, field.KeyNode("enum"), "enum", typeText, "enum applies to string, int and int64 fields (or lists of them)");
            }
            else
            {
                (enumTypeName, enumValues) = ReadEnum(wireName, ownerTypeName, enumNode, context);
            }
        }

        var defaultValue = ScalarOrSource(field.Value("default"));
        if (defaultValue is not null && !isArray && sharedTypeName is null)
        {
            _constraints.CheckDefault(field, kind, enumValues, constraints, defaultValue);
        }
        else if (isArray && sharedTypeName is null && field.Value("default") is YamlSequenceNode defaultItems)
        {
            // A list's default ([1]) is documented, never sent: each item must still be a value the field takes.
            foreach (var item in defaultItems.Children.OfType<YamlScalarNode>())
            {
                _constraints.CheckDefault(field, kind, enumValues, constraints with { MinLength = null, MaxLength = null }, item.Value ?? "");
            }
        }

        var scopesWhen = ReadScopesWhen(field, context, enumNode);
        var idempotencyKey = field.Bool("idempotency_key");
        if (idempotencyKey && (kind != ScalarKind.String || isArray || location != MemberLocation.Query))
        {
            _diagnostics.Report(DiagnosticDescriptors.ConstraintNotApplicable, field.KeyNode("idempotency_key"), "idempotency_key", typeText, "it marks a string query parameter such as client_token");
        }

        if (location == MemberLocation.Query && sharedTypeName is null && (kind is ScalarKind.Object or ScalarKind.Json))
        {
            _diagnostics.Report(DiagnosticDescriptors.ConstraintNotApplicable, keyNode, "query." + wireName, typeText, "query parameters are single values or lists of single values");
        }

        return new MemberModel(
            wireName,
            csharpName,
            location,
            new TypeRef(kind, isArray, objectTypeName, enumTypeName, enumValues, sharedTypeName) { EnumValueTexts = enumValueTexts },
            // Path parameters are part of the URL: they can never be left out.
            location == MemberLocation.Path || field.Bool("required"),
            description,
            ScalarOrSource(field.Value("example")),
            defaultValue,
            constraints,
            idempotencyKey,
            field.Bool("deprecated"),
            scopesWhen.ToEquatableArray(),
            field.Strings("scopes").Select(s => s.Value).ToEquatableArray());
    }

    private void ScanInlineDeclarations(YamlMappingNode? fields)
    {
        if (fields is null)
        {
            return;
        }

        foreach (var entry in fields.Children)
        {
            if (entry.Value is not YamlMappingNode field)
            {
                continue;
            }

            var typeNode = field.Children.TryGetValue(new YamlScalarNode("type"), out var t) ? t as YamlScalarNode : null;
            var nested = field.Children.TryGetValue(new YamlScalarNode("fields"), out var f) ? f as YamlMappingNode : null;
            if (nested is null)
            {
                continue;
            }

            var typeName = typeNode?.Value is { } declared ? StripArray(declared).Name : null;
            if (typeName is not null && !BuiltInTypes.IsScalar(typeName))
            {
                Declare(typeName, nested, typeNode!);
            }

            ScanInlineDeclarations(nested);
        }
    }

    private void Declare(string name, YamlMappingNode fields, YamlNode at)
    {
        if (BuiltInTypes.TryGet(name, out var builtIn))
        {
            _diagnostics.Report(DiagnosticDescriptors.BuiltInTypeDeclared, at, name, builtIn.Substring("global::".Length));
            return;
        }

        if (_declaredTypes.TryGetValue(name, out var earlier))
        {
            if (Canonical(earlier) != Canonical(fields))
            {
                _diagnostics.Report(DiagnosticDescriptors.ConflictingType, at, name);
            }

            return;
        }

        _declaredTypes[name] = fields;
    }

    /// <summary>The C# name of a type this file declares: nested in the endpoint's class in a spec, plain in a shared types file.</summary>
    private string DeclaredTypeName(string name) => Nested(Naming.TypeName(name));

    private string Nested(string simpleName) => _typeNamePrefix.Length == 0 ? simpleName : _typeNamePrefix + "." + simpleName;

    private string DeclareAnonymous(string wireName, bool isArray, string ownerTypeName, YamlMappingNode fields, MemberLocation location)
    {
        var preferred = DeclaredTypeName(wireName) + (isArray ? "Item" : string.Empty);
        var key = "object:" + Canonical(fields);
        if (_objectTypes.TryGetValue(key, out var same))
        {
            same.MarkUsed(location);
            return same.CSharpName;
        }

        var ownerQualified = Nested(Naming.SimpleName(ownerTypeName) + Naming.Pascal(wireName) + (isArray ? "Item" : string.Empty));
        var builder = new ObjectTypeBuilder(wireName, _typeNames.Claim(preferred, ownerQualified), null);
        _objectTypes[key] = builder;
        _objectTypeOrder.Add(builder);
        builder.MarkUsed(location);
        builder.SetMembers(ReadFields(fields, builder.CSharpName, location, MemberNamesFor(builder.CSharpName), builder.CSharpName).ToList());
        return builder.CSharpName;
    }

    private string ResolveNamedType(string name, MemberLocation location)
    {
        if (_objectTypes.TryGetValue(name, out var existing))
        {
            // Already built, or being built further up (a type that contains itself).
            existing.MarkUsed(location);
            return existing.CSharpName;
        }

        var preferred = _typeCSharpNames.TryGetValue(name, out var chosen) ? Nested(chosen) : DeclaredTypeName(name);
        var builder = new ObjectTypeBuilder(name, _typeNames.Claim(preferred), _typeDescriptions.TryGetValue(name, out var typeDescription) ? typeDescription : null);
        _objectTypes[name] = builder;
        _objectTypeOrder.Add(builder);
        builder.MarkUsed(location);
        builder.SetMembers(ReadFields(_declaredTypes[name], name, location, MemberNamesFor(builder.CSharpName), builder.CSharpName).ToList());
        return builder.CSharpName;
    }

    private static (string Name, bool IsArray) StripArray(string type) =>
        type.EndsWith("[]", StringComparison.Ordinal) ? (type.Substring(0, type.Length - 2).Trim(), true) : (type, false);

    private string? ScalarOrSource(YamlNode? node) => node switch
    {
        null => null,
        YamlScalarNode scalar => scalar.Value,
        // A list of plain values ([1], ["a", "b"]) reads back as JSON would write it.
        YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode) =>
            "[" + string.Join(", ", list.Children.Cast<YamlScalarNode>().Select(c => c.Style is YamlDotNet.Core.ScalarStyle.DoubleQuoted or YamlDotNet.Core.ScalarStyle.SingleQuoted ? "\"" + c.Value + "\"" : c.Value)) + "]",
        _ => _text.Substring(Clamp(node.Start.Index), Math.Max(0, Clamp(node.End.Index) - Clamp(node.Start.Index))).Trim(),
    };

    private int Clamp(long index) => (int)Math.Max(0, Math.Min(index, _text.Length));

    /// <summary>A structural fingerprint of a YAML subtree, to tell identical declarations from conflicting ones.</summary>
    private static string Canonical(YamlNode node) => node switch
    {
        YamlScalarNode scalar => "s:" + scalar.Value,
        YamlSequenceNode sequence => "[" + string.Join(",", sequence.Children.Select(Canonical)) + "]",
        YamlMappingNode mapping => "{" + string.Join(",", mapping.Children.Select(e => Canonical(e.Key) + "=" + Canonical(e.Value))) + "}",
        _ => "?",
    };

    private sealed class ObjectTypeBuilder
    {
        private readonly string _wireName;
        private readonly string? _description;
        private List<MemberModel> _members = new();
        private bool _usedInRequest;
        private bool _usedInResponse;

        public ObjectTypeBuilder(string wireName, string csharpName, string? description)
        {
            _wireName = wireName;
            CSharpName = csharpName;
            _description = description;
        }

        public string CSharpName { get; }

        public IEnumerable<string> NestedTypeNames => _members.Select(m => m.Type.ObjectTypeName).Where(n => n is not null)!;

        public void SetMembers(List<MemberModel> members) => _members = members;

        public void MarkUsed(MemberLocation location)
        {
            if (location == MemberLocation.Response)
            {
                _usedInResponse = true;
            }
            else
            {
                _usedInRequest = true;
            }
        }

        /// <summary>Adds the other type's usage to this one; true when that changed anything.</summary>
        public bool TakeUsageFrom(ObjectTypeBuilder other)
        {
            var before = (_usedInRequest, _usedInResponse);
            _usedInRequest |= other._usedInRequest;
            _usedInResponse |= other._usedInResponse;
            return before != (_usedInRequest, _usedInResponse);
        }

        public ObjectTypeModel Build() => new(_wireName, CSharpName, _members.ToEquatableArray(), _usedInRequest, _usedInResponse, Description: _description);
    }
}
