using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FeishuApiGen.Generator.Diagnostics;
using FeishuApiGen.Generator.Model;
using YamlDotNet.RepresentationModel;

namespace FeishuApiGen.Generator.Parsing;

/// <summary>Enums: a string field's values become an extensible struct; an integer field's stay numbers, checked before sending.</summary>
internal sealed partial class TypeReader
{
    /// <summary>The enums of a shared types file: <c>enums: { user_id_type: { open_id: 说明, ... } }</c>, each a struct of its own name.</summary>
    public void ReadDeclaredEnums(YamlMappingNode? enums)
    {
        if (enums is null)
        {
            return;
        }

        foreach (var entry in enums.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: { } name } || !TypeNamePattern.IsMatch(name))
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidName, entry.Key, (entry.Key as YamlScalarNode)?.Value ?? "(not a name)", "enum name", "use letters, digits and underscores, starting with a letter");
                continue;
            }

            if (_declaredTypes.ContainsKey(name) || _enumTypes.Any(e => e.CSharpName == DeclaredTypeName(name)))
            {
                _diagnostics.Report(DiagnosticDescriptors.ConflictingType, entry.Key, name);
                continue;
            }

            if (BuiltInTypes.TryGet(name, out var builtIn))
            {
                _diagnostics.Report(DiagnosticDescriptors.BuiltInTypeDeclared, entry.Key, name, builtIn.Substring("global::".Length));
                continue;
            }

            var csharpName = _typeNames.Claim(DeclaredTypeName(name));
            var values = ReadEnumValues(entry.Value, "enums." + name, EnumMemberNames(csharpName));
            _enumTypes.Add(new EnumTypeModel(csharpName, values.ToEquatableArray()));
            _declaredEnums[name] = csharpName;
        }
    }

    private static UniqueNames EnumMemberNames(string enumTypeName) => MemberNamesFor(enumTypeName, GeneratedMemberNames.OnEnumTypes);

    /// <summary>
    /// Reads an integer field's enum (Feishu's 可选值有 on an <c>int</c>, e.g. <c>{1: 全量, 2: 增量}</c>): the values the
    /// field accepts, checked before sending. No C# enum type is made: the member stays a number.
    /// </summary>
    private (EquatableArray<string> Values, EquatableArray<string> Texts) ReadIntegerEnum(ScalarKind kind, YamlNode enumNode, string context)
    {
        var values = new List<string>();
        var texts = new List<string>();
        var nodes = enumNode switch
        {
            YamlMappingNode mapping => mapping.Children.Select(entry => entry.Key),
            YamlSequenceNode sequence => sequence.Children,
            _ => null,
        };
        if (nodes is null)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidValue, enumNode, context + ".enum", "expected a mapping of value: description, or a list of values");
            return (EquatableArray<string>.Empty, EquatableArray<string>.Empty);
        }

        foreach (var node in nodes)
        {
            var text = (node as YamlScalarNode)?.Value;
            var valid = kind == ScalarKind.Int
                ? int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
            if (!valid)
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidEnum, node, context + ".enum", "'" + text + "' is not " + (kind == ScalarKind.Int ? "a 32-bit integer" : "a 64-bit integer"));
            }
            else if (values.Contains(text!))
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidEnum, node, context + ".enum", "'" + text + "' is listed twice");
            }
            else
            {
                values.Add(text!);
                texts.Add(enumNode is YamlMappingNode described && described.Children[node] is YamlScalarNode { Value: { } valueText } ? valueText : "");
            }
        }

        if (!nodes.Any())
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidEnum, enumNode, context + ".enum", "list at least one value");
        }

        return (values.ToEquatableArray(), texts.ToEquatableArray());
    }

    /// <summary>Reads a string field's enum; returns the enum type's name and the values this field accepts.</summary>
    private (string TypeName, EquatableArray<string> FieldValues) ReadEnum(string wireName, string ownerTypeName, YamlNode enumNode, string context)
    {
        var ownerQualified = Nested(Naming.SimpleName(ownerTypeName) + Naming.Pascal(wireName));
        // A field's own enum never adds values to an enum declared under `enums` of the same name.
        var preferred = _declaredEnums.ContainsValue(DeclaredTypeName(wireName)) ? ownerQualified : DeclaredTypeName(wireName);
        var values = ReadEnumValues(enumNode, context, EnumMemberNames(preferred));
        var fieldValues = values.Select(v => v.WireValue).ToEquatableArray();

        // Enums of one name are one type within a spec: the values are unioned, and each field still accepts only its
        // own (TypeRef.EnumValues). The same enum listed in another order by a second field is then no second type.
        var index = _enumTypes.FindIndex(e => e.CSharpName == preferred || e.CSharpName == ownerQualified);
        if (index >= 0)
        {
            var existing = _enumTypes[index];
            var memberNames = EnumMemberNames(existing.CSharpName);
            foreach (var value in existing.Values)
            {
                memberNames.Reserve(value.CSharpName);
            }

            var merged = existing.Values.ToList();
            foreach (var value in values.Where(v => merged.All(m => m.WireValue != v.WireValue)))
            {
                merged.Add(value with { CSharpName = memberNames.Claim(value.CSharpName) });
            }

            _enumTypes[index] = existing with { Values = merged.ToEquatableArray() };
            return (existing.CSharpName, fieldValues);
        }

        var name = _typeNames.Claim(preferred, ownerQualified);
        _enumTypes.Add(new EnumTypeModel(name, values.ToEquatableArray()));
        return (name, fieldValues);
    }

    /// <summary>An enum's values, in the order written: a mapping of value to description, or a list of values.</summary>
    private List<EnumValueModel> ReadEnumValues(YamlNode enumNode, string context, UniqueNames memberNames)
    {
        var values = new List<EnumValueModel>();
        void Add(string value, string? description, YamlNode at)
        {
            if (values.Any(v => v.WireValue == value))
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidEnum, at, context + ".enum", "'" + value + "' is listed twice");
                return;
            }

            values.Add(new EnumValueModel(value, memberNames.Claim(Naming.Pascal(value), Naming.Pascal(value) + "Value"), description));
        }

        switch (enumNode)
        {
            case YamlMappingNode mapping:
                foreach (var entry in mapping.Children)
                {
                    if (entry.Key is YamlScalarNode { Value: { } value })
                    {
                        Add(value, ScalarOrSource(entry.Value), entry.Key);
                    }
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: { } value })
                    {
                        Add(value, null, item);
                    }
                }

                break;
            default:
                _diagnostics.Report(DiagnosticDescriptors.InvalidValue, enumNode, context + ".enum", "expected a mapping of value: description, or a list of values");
                break;
        }

        if (values.Count == 0)
        {
            _diagnostics.Report(DiagnosticDescriptors.InvalidEnum, enumNode, context + ".enum", "list at least one value");
        }

        return values;
    }

    private List<ScopesWhenModel> ReadScopesWhen(YamlMap field, string context, YamlNode? enumNode)
    {
        var result = new List<ScopesWhenModel>();
        var node = field.Mapping("scopes_when");
        if (node is null)
        {
            return result;
        }

        foreach (var entry in node.Children)
        {
            if (entry.Key is not YamlScalarNode { Value: { } value })
            {
                continue;
            }

            var enumValues = enumNode switch
            {
                YamlMappingNode mapping => mapping.Children.Keys,
                YamlSequenceNode sequence => sequence.Children,
                _ => null,
            };
            if (enumValues is not null && !enumValues.OfType<YamlScalarNode>().Any(v => v.Value == value))
            {
                _diagnostics.Report(DiagnosticDescriptors.InvalidEnum, entry.Key, context + ".scopes_when", "'" + value + "' is not one of the field's enum values");
            }

            var scopes = new List<string>();
            switch (entry.Value)
            {
                case YamlScalarNode { Value: { } single }:
                    scopes.Add(single);
                    break;
                case YamlSequenceNode sequence:
                    scopes.AddRange(sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? string.Empty).Where(s => s.Length > 0));
                    break;
                default:
                    _diagnostics.Report(DiagnosticDescriptors.InvalidValue, entry.Value, context + ".scopes_when", "expected a list of scope names");
                    break;
            }

            result.Add(new ScopesWhenModel(value, scopes.ToEquatableArray()));
        }

        return result;
    }
}
