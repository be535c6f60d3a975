using System.Collections.Immutable;
using System.Globalization;
using FeishuApiGen.CodeFixes;
using FeishuApiGen.Generator.Analysis;
using FeishuApiGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace FeishuApiGen.Generator.Tests;

/// <summary>
/// FAG026 on code a user writes against the seed endpoint's generated types: a string literal that no spec documents
/// for its enum is a warning naming the documented values, and the code fix puts the closest one in its place.
/// </summary>
public sealed class EnumLiteralAnalyzerTests
{
    private const string UserCode = """
        using Feishu.Corehr.V2;

        /// <summary>Code a user writes.</summary>
        public static class UserCode
        {
            /// <summary>A request with one typo in a literal, one documented literal and one value from run time.</summary>
            public static CreateProbationAssessmentRequest Request(string fromInput) => new()
            {
                EmploymentId = "7140964208476371111",
                UserIdType = "open_id",
                Assessments =
                [
                    new CreateProbationAssessment.AssessmentForCreate { AssessmentStatus = "in_progress", IsFinalAsssessment = false },
                    new CreateProbationAssessment.AssessmentForCreate { AssessmentStatus = new AssessmentStatus("complted"), IsFinalAsssessment = false },
                    new CreateProbationAssessment.AssessmentForCreate { AssessmentStatus = fromInput, IsFinalAsssessment = false },
                ],
            };

            /// <summary>A comparison may test for a value Feishu added after the spec: never warned.</summary>
            public static bool IsArchived(AssessmentStatus status) => status == "archived" || status is { Value: "archived" };
        }
        """;

    [Fact]
    public async Task A_literal_no_spec_documents_is_a_warning_naming_the_documented_values_and_only_such_literals_are()
    {
        var diagnostics = await AnalyzeAsync(CompileUserCode());

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d =>
        {
            Assert.Equal("FAG026", d.Id);
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.EndsWith("/blob/main/docs/diagnostics.md#fag026", d.Descriptor.HelpLinkUri, StringComparison.Ordinal);
        });
        var misnamed = diagnostics.Single(d => Text(d) == "\"in_progress\"");
        Assert.Equal(
            "\"in_progress\" is not a documented value of AssessmentStatus: not_started, in_process, completed, no_need",
            misnamed.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("in_process", misnamed.Properties[EnumLiteralAnalyzer.ClosestProperty]);
        Assert.Equal("completed", diagnostics.Single(d => Text(d) == "\"complted\"").Properties[EnumLiteralAnalyzer.ClosestProperty]);
    }

    [Fact]
    public async Task The_code_fix_puts_the_closest_documented_value_in_place_of_the_literal()
    {
        using var workspace = new AdhocWorkspace();
        var compilation = CompileUserCode();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "User", "User", LanguageNames.CSharp,
            compilationOptions: compilation.Options, parseOptions: compilation.SyntaxTrees.First().Options, metadataReferences: compilation.References));
        Document? user = null;
        foreach (var tree in compilation.SyntaxTrees)
        {
            var document = workspace.AddDocument(project.Id, Path.GetFileName(tree.FilePath) is { Length: > 0 } name ? name : "UserCode.cs", tree.GetText());
            user ??= document;
            project = document.Project;
        }

        var fixer = new UndocumentedEnumValueCodeFix();
        // The user's document in the solution that has every document, generated ones included.
        var fixedDocument = workspace.CurrentSolution.GetDocument(user!.Id)!;
        // One fix at a time, as a user applies them: each run finds what is left.
        string[] offered = ["Use \"in_process\"", "Use \"completed\""];
        for (var round = 0; round < 2; round++)
        {
            var diagnostics = await AnalyzeAsync((await fixedDocument.Project.GetCompilationAsync())!);
            var userTree = await fixedDocument.GetSyntaxTreeAsync();
            var diagnostic = diagnostics.First(d => d.Location.SourceTree == userTree);
            var actions = new List<CodeAction>();
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(fixedDocument, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            var action = Assert.Single(actions);
            Assert.Equal(offered[round], action.Title);
            var operation = Assert.IsType<ApplyChangesOperation>(Assert.Single(await action.GetOperationsAsync(CancellationToken.None)));
            fixedDocument = operation.ChangedSolution.GetDocument(fixedDocument.Id)!;
        }

        var text = (await fixedDocument.GetTextAsync()).ToString();
        Assert.Contains("AssessmentStatus = \"in_process\", IsFinalAsssessment = false }", text, StringComparison.Ordinal);
        Assert.Contains("new AssessmentStatus(\"completed\")", text, StringComparison.Ordinal);
        Assert.DoesNotContain("complted", text, StringComparison.Ordinal);
        Assert.Empty(await AnalyzeAsync((await fixedDocument.Project.GetCompilationAsync())!));
    }

    private static Compilation CompileUserCode()
    {
        var (_, output, _) = new GeneratorHarness().Run([GeneratorHarness.ShippedSpec(SeedSpec.RelativePath)], UserCode);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        return output;
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation) =>
        await compilation.WithAnalyzers([new EnumLiteralAnalyzer()]).GetAnalyzerDiagnosticsAsync();

    private static string Text(Diagnostic diagnostic) => diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
