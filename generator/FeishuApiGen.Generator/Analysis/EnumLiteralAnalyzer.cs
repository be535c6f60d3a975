using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using FeishuApiGen.Generator.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace FeishuApiGen.Generator.Analysis;

/// <summary>
/// Warns (FAG026) where a string literal becomes a generated enum value that no spec documents, as TypeScript refuses a
/// misspelt literal of a union type in Feishu's Node SDK: <c>AssessmentStatus = "finished"</c>. The documented values
/// are read from the enum's generated source, the static property of each (<c>= new AssessmentStatus("completed")</c>);
/// the closest one travels with the diagnostic for the code fix. Values from the server are never checked here.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class EnumLiteralAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The diagnostic's id (the code fix's too).</summary>
    public const string DiagnosticId = "FAG026";

    /// <summary>The diagnostic property naming the documented value closest to the literal.</summary>
    public const string ClosestProperty = "closest";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.UndocumentedEnumValue);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName("FeishuApiGen.IFeishuEnum`1") is not { } feishuEnum)
            {
                return;
            }

            var documented = new ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<string>>(SymbolEqualityComparer.Default);
            start.RegisterOperationAction(
                operation =>
                {
                    var (literal, type) = operation.Operation switch
                    {
                        IConversionOperation { OperatorMethod: not null } conversion => (conversion.Operand, conversion.Type),
                        IObjectCreationOperation { Arguments.Length: 1 } creation => (creation.Arguments[0].Value, creation.Type),
                        _ => (null, null),
                    };
                    // A comparison (== "archived", a case label) may test for a value Feishu added after the spec: the
                    // runtime keeps such values, so only a value being sent or stored is checked.
                    if (operation.Operation.Parent is IBinaryOperation or IPatternOperation
                        || literal?.ConstantValue is not { HasValue: true, Value: string value }
                        || type is not INamedTypeSymbol enumType
                        || !enumType.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, feishuEnum)))
                    {
                        return;
                    }

                    var cancellationToken = operation.CancellationToken;
                    var values = documented.GetOrAdd(enumType, t => DocumentedValues(t, cancellationToken));
                    if (values.IsEmpty || values.Contains(value, StringComparer.Ordinal))
                    {
                        return;
                    }

                    var properties = ImmutableDictionary<string, string?>.Empty.Add(ClosestProperty, Closest(value, values));
                    operation.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.UndocumentedEnumValue, literal.Syntax.GetLocation(), properties, value, enumType.Name, string.Join(", ", values)));
                },
                OperationKind.Conversion,
                OperationKind.ObjectCreation);
        });
    }

    /// <summary>The wire values of the enum's static properties, as its generated source writes them; empty for any other type.</summary>
    private static ImmutableArray<string> DocumentedValues(INamedTypeSymbol type, System.Threading.CancellationToken cancellationToken)
    {
        var values = ImmutableArray.CreateBuilder<string>();
        foreach (var property in type.GetMembers().OfType<IPropertySymbol>())
        {
            if (!property.IsStatic || !SymbolEqualityComparer.Default.Equals(property.Type, type))
            {
                continue;
            }

            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is PropertyDeclarationSyntax { Initializer.Value: BaseObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } arguments } }
                    && arguments[0].Expression is LiteralExpressionSyntax literal
                    && literal.IsKind(SyntaxKind.StringLiteralExpression))
                {
                    values.Add(literal.Token.ValueText);
                }
            }
        }

        return values.ToImmutable();
    }

    /// <summary>The documented value fewest edits away (letters compared case-blind); the first of equals.</summary>
    internal static string Closest(string value, IReadOnlyList<string> candidates)
    {
        var best = candidates[0];
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = EditDistance(value.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
