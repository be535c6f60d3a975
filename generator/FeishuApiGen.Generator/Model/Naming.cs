using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace FeishuApiGen.Generator.Model;

/// <summary>How wire names become C# identifiers. Wire names themselves are never changed.</summary>
internal static class Naming
{
    /// <summary>
    /// <c>probation.assessment</c>, <c>open_id</c>, <c>user-name</c> and <c>probationAssessment</c> become
    /// <c>ProbationAssessment</c>, <c>OpenId</c>, <c>UserName</c>, <c>ProbationAssessment</c>.
    /// The result is always a valid identifier.
    /// </summary>
    public static string Pascal(string wireName)
    {
        var builder = new StringBuilder(wireName.Length);
        var upperNext = true;
        foreach (var c in wireName)
        {
            if (!IsIdentifierPart(c))
            {
                upperNext = true;
                continue;
            }

            if (c == '_')
            {
                upperNext = true;
                continue;
            }

            builder.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        if (builder.Length == 0)
        {
            return "_";
        }

        if (!SyntaxFacts.IsIdentifierStartCharacter(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }

    /// <summary>
    /// Types of the namespaces a .NET project imports by default (implicit usings) whose names Feishu also uses for
    /// its own types (<c>enum</c>, <c>type</c>). A generated type of that name would make the consumer's code ambiguous
    /// (CS0104) wherever both namespaces are imported.
    /// </summary>
    private static readonly HashSet<string> FrameworkTypeNames = new(StringComparer.Ordinal)
    {
        "Action", "Activity", "Array", "Attribute", "Buffer", "Console", "Convert", "DateTime", "DateOnly", "Delegate",
        "Directory", "Enum", "Environment", "Exception", "File", "Func", "Guid", "HttpMethod", "Index", "Lazy", "Math",
        "Monitor", "Nullable", "Object", "Path", "Random", "Range", "Stream", "String", "Task", "Thread", "TimeOnly",
        "TimeSpan", "Timeout", "Timer", "Tuple", "Type", "Uri", "ValueTask", "Version",
    };

    /// <summary>A type name for a wire name, with <c>Value</c> appended where it would shadow a common framework type (<c>enum</c> becomes <c>EnumValue</c>).</summary>
    public static string TypeName(string wireName)
    {
        var name = Pascal(wireName);
        return FrameworkTypeNames.Contains(name) ? name + "Value" : name;
    }

    /// <summary>A PascalCase name with its first letter lowered, for a field or parameter: <c>PageToken</c> → <c>pageToken</c>.</summary>
    public static string Camel(string pascal) => pascal.Length == 0 ? pascal : char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);

    /// <summary>The last part of a nested type's name: <c>SearchProbation.ProbationInfo</c> is declared as <c>ProbationInfo</c>.</summary>
    public static string SimpleName(string typeName) => typeName.Substring(typeName.LastIndexOf('.') + 1);

    /// <summary>Prefixes <c>@</c> when the identifier is a C# keyword.</summary>
    public static string EscapeKeyword(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None ? "@" + identifier : identifier;

    /// <summary>True for a name usable as a C# identifier (keywords allowed: they are emitted with <c>@</c>).</summary>
    public static bool IsValidIdentifier(string name) => SyntaxFacts.IsValidIdentifier(name);

    private static bool IsIdentifierPart(char c) => SyntaxFacts.IsIdentifierPartCharacter(c) && c != '\u200D' && c != '\u200C';
}
