using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using FeishuApiGen.Generator.Analysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace FeishuApiGen.CodeFixes;

/// <summary>
/// For FAG026, a string literal no spec documents for its enum: offers the documented value closest to it, which the
/// analyzer found (<see cref="EnumLiteralAnalyzer.ClosestProperty"/>), in place of the literal.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UndocumentedEnumValueCodeFix))]
public sealed class UndocumentedEnumValueCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(EnumLiteralAnalyzer.DiagnosticId);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            // Only a literal is replaced: a constant's name or an expression stays the user's to change.
            if (!diagnostic.Properties.TryGetValue(EnumLiteralAnalyzer.ClosestProperty, out var closest) || closest is null
                || root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use \"" + closest + "\"",
                    cancellationToken => ReplaceAsync(context.Document, diagnostic.Location.SourceSpan, closest, cancellationToken),
                    equivalenceKey: EnumLiteralAnalyzer.DiagnosticId + ":" + closest),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, string value, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindNode(span, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal)
        {
            return document;
        }

        var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value)).WithTriviaFrom(literal);
        return document.WithSyntaxRoot(root.ReplaceNode(literal, replacement));
    }
}
