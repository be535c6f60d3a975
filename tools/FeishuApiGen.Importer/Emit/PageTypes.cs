using FeishuApiGen.Importer.Catalog;
using FeishuApiGen.Importer.Model;

namespace FeishuApiGen.Importer.Emit;

/// <summary>
/// Names the object types of one page as the generator needs them. Feishu's everyday objects become the built-in types
/// when the page gives them their usual members; a type the page gives under one name in two shapes gets a second name,
/// so the spec never declares one name twice; a name the generator cannot take is made one it can.
/// </summary>
internal sealed class PageTypes
{
    /// <summary>The members each built-in type has (docs/spec-format.md, "Types across specs").</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> BuiltIns = new(StringComparer.Ordinal)
    {
        ["i18n"] = new() { ["lang"] = "string", ["value"] = "string" },
        ["enum"] = new() { ["enum_name"] = "string", ["display"] = "i18n[]" },
        ["custom_name"] = new() { ["zh_cn"] = "string", ["en_us"] = "string" },
        ["custom_field_data"] = new() { ["custom_api_name"] = "string", ["name"] = "custom_name", ["type"] = "int", ["value"] = "string" },
        ["object_field_data"] = new() { ["field_name"] = "string", ["value"] = "string" },
    };

    private readonly Dictionary<string, string> _shapes = new(StringComparer.Ordinal);
    private readonly List<string> _problems;

    /// <param name="problems">Where what cannot be mapped is reported.</param>
    /// <param name="shared">What the page's project version shares (catalogue import), or null (one page).</param>
    /// <param name="pageTypeNames">The object type names the page itself uses, which a shared enum must not take.</param>
    public PageTypes(List<string> problems, SharedTypes? shared = null, IEnumerable<string>? pageTypeNames = null)
    {
        _problems = problems;
        Shared = shared;

        // The shared names are taken first: a page's own type under one of them, in another shape, gets another name,
        // or it would hide the shared type from every other field of the page that uses it.
        foreach (var (name, shape) in shared?.ObjectShapes ?? new Dictionary<string, string>())
        {
            _shapes[name] = shape;
        }
        PageTypeNames = new HashSet<string>(pageTypeNames ?? [], StringComparer.Ordinal);
    }

    public SharedTypes? Shared { get; }

    public HashSet<string> PageTypeNames { get; }

    public static bool IsBuiltInName(string name) => BuiltIns.ContainsKey(name);

    /// <summary>The page's type name as the spec format takes it: <c>orgrole_assignment.org</c> is <c>orgrole_assignment_org</c>.</summary>
    public static string Sanitize(string typeName)
    {
        var name = new string(typeName.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray());
        return name.Length == 0 || !char.IsAsciiLetter(name[0]) ? "t_" + name : name;
    }

    /// <summary>Takes the names of the shared types first, so a type of another shape under one of them gets another name.</summary>
    public void Reserve(string name, string shape) => _shapes[name] = shape;

    /// <summary>The shared enum this string field takes, unless the page has an object type of its name.</summary>
    /// <remarks>A field with string rules of its own (length, pattern) keeps its own enum, so no rule is lost.</remarks>
    public List<KeyValuePair<string, string>>? SharedEnum(DocField field) =>
        Shared?.EnumFor(field) is { } values && !PageTypeNames.Contains(field.Name)
            && field.MinLength is null && field.MaxLength is null && field.Pattern is null ? values : null;

    /// <summary>What a field of a named object type is written as.</summary>
    /// <param name="field">The page's row.</param>
    /// <param name="typeName">The page's type name, without <c>[]</c>.</param>
    /// <param name="where">The row's place, for the report.</param>
    /// <returns>The spec's type name, and whether the row's members are to be written (a first declaration).</returns>
    public (string TypeName, bool WriteMembers) Name(DocField field, string typeName, string where)
    {
        // A built-in with its usual members, or with none listed (the page names the type and lists its members elsewhere).
        if (IsBuiltIn(typeName, field.Children) || (BuiltIns.ContainsKey(typeName) && field.Children.Count == 0))
        {
            return (typeName, false);
        }

        var name = Sanitize(typeName);
        if (name != typeName)
        {
            _problems.Add($"{where}: type '{typeName}' is written '{name}', a name the spec format takes");
        }

        if (Shared is not null && (Shared.IsShared(name, field.Children) || (field.Children.Count == 0 && Shared.Objects.ContainsKey(name))))
        {
            // Declared once in the project version's shared types file.
            return (name, false);
        }

        if (BuiltIns.ContainsKey(name))
        {
            // The page's object of a built-in name has other members: it is a type of the page's own.
            name = field.Name + "_" + name;
        }

        if (field.Children.Count == 0 && _shapes.ContainsKey(name))
        {
            // Listed earlier on the page: referred to by name.
            return (name, false);
        }

        if (field.Children.Count == 0)
        {
            // A type the page names but never lists the members of: its value is kept as free-form JSON.
            _problems.Add($"{where}: type '{typeName}' has no documented members, so it is written as object (free-form JSON)");
            return ("object", false);
        }

        var shape = Shape(field.Children);
        for (var i = 1; ; i++)
        {
            var candidate = i == 1 ? name : i == 2 ? field.Name + "_" + name : name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!_shapes.TryGetValue(candidate, out var known))
            {
                _shapes[candidate] = shape;
                return (candidate, true);
            }

            if (known == shape)
            {
                // Declared earlier on the page with these members: referred to by name.
                return (candidate, false);
            }
        }
    }

    /// <summary>True when the rows are the built-in type's usual members (all or some of them), with nothing else said of them.</summary>
    private static bool IsBuiltIn(string typeName, IReadOnlyList<DocField> children)
    {
        if (!BuiltIns.TryGetValue(typeName, out var members) || children.Count == 0)
        {
            return false;
        }

        foreach (var child in children)
        {
            var childType = SpecWriter.ScalarType(child.Type);
            if (!members.TryGetValue(child.Name, out var expected) || expected != childType
                || child.Enum.Count > 0 || child.MinLength is not null || child.MaxLength is not null
                || child.Min is not null || child.Max is not null || child.Pattern is not null || child.Scopes.Count > 0)
            {
                return false;
            }

            if (child.Children.Count > 0 && !IsBuiltIn(childType.TrimEnd('[', ']'), child.Children))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The members as the generator compares declarations: every fact but the text.</summary>
    public static string Shape(IReadOnlyList<DocField> children) =>
        string.Join(";", children.Select(c =>
            $"{c.Name}:{SpecWriter.ScalarType(c.Type)}:{c.Required}:{c.Default}:{c.MinLength}:{c.MaxLength}:{c.Min}:{c.Max}:{c.Pattern}:" +
            $"{string.Join(",", c.Enum.Select(e => e.Key))}:{string.Join(",", c.Scopes)}{{{Shape(c.Children)}}}"));
}
