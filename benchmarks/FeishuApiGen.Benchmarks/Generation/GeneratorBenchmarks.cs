using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using FeishuApiGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace FeishuApiGen.Benchmarks.Generation;

/// <summary>
/// The generator driven as the compiler drives it (<see cref="CSharpGeneratorDriver"/>): a cold run over a spec set,
/// the re-run after an unrelated C# edit, and the re-run after one spec is edited. Divide by the spec count for the
/// cost per endpoint (BENCHMARKS.md does).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private ImmutableArray<AdditionalText> _specs;
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _editedCompilation = null!;
    private GeneratorDriver _warmDriver = null!;
    private AdditionalText _specBefore = null!;
    private AdditionalText _specAfter = null!;

    [Params(SpecCorpus.Probation, SpecCorpus.Catalogue, SpecCorpus.Synthetic)]
    public string Corpus { get; set; } = SpecCorpus.Probation;

    public int SpecCount => _specs.Length;

    [GlobalSetup]
    public void Setup()
    {
        _specs = SpecCorpus.Load(Corpus);
        var user = CSharpSyntaxTree.ParseText("namespace App; public static class Program { public static int Main() => 0; }", ParseOptions);
        _compilation = CSharpCompilation.Create("Consumer", [user], [], new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        _editedCompilation = _compilation.ReplaceSyntaxTree(
            user, CSharpSyntaxTree.ParseText("namespace App; public static class Program { public static int Main() => 1; }", ParseOptions));

        _warmDriver = NewDriver().RunGenerators(_compilation);
        // A set that does not generate cleanly would time the error path, not the generator.
        var diagnostics = _warmDriver.GetRunResult().Diagnostics;
        if (!diagnostics.IsEmpty)
        {
            throw new InvalidOperationException(Corpus + " does not generate cleanly: " + diagnostics[0]);
        }

        _specBefore = _specs[_specs.Length / 2];
        // An edit that changes the generated code (the title), not only whitespace.
        _specAfter = new SpecCorpus.InMemorySpec(_specBefore.Path, _specBefore.GetText()!.ToString().Replace("title: ", "title: Edited ", StringComparison.Ordinal));
    }

    [Benchmark(Description = "cold: every spec")]
    public GeneratorDriver Cold() => NewDriver().RunGenerators(_compilation);

    [Benchmark(Description = "re-run: unrelated C# edit")]
    public GeneratorDriver UnrelatedEdit() => _warmDriver.RunGenerators(_editedCompilation);

    [Benchmark(Description = "re-run: one spec edited")]
    public GeneratorDriver OneSpecEdited() => _warmDriver.ReplaceAdditionalText(_specBefore, _specAfter).RunGenerators(_compilation);

    private GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create(
            [new FeishuApiGenerator().AsSourceGenerator()],
            _specs,
            ParseOptions,
            optionsProvider: null,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
}
