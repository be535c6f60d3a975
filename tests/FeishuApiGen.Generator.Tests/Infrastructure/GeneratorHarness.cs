using System.Collections.Immutable;
using System.Text.RegularExpressions;
using FeishuApiGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace FeishuApiGen.Generator.Tests.Infrastructure;

/// <summary>Runs the generator in memory over spec texts and C# sources, as the compiler would.</summary>
internal sealed class GeneratorHarness
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12, DocumentationMode.Diagnose);

    private static readonly ImmutableArray<MetadataReference> References = LoadReferences();

    public GeneratorHarness(string? rootNamespace = null)
    {
        Options = new TestOptionsProvider(rootNamespace);
    }

    public TestOptionsProvider Options { get; }

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "Consumer",
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: "Source" + i + ".cs")),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>
    /// A driver over the specs. A shipped spec comes with its project version's shared types file, as it does in any
    /// project that takes the spec folder.
    /// </summary>
    public GeneratorDriver CreateDriver(IEnumerable<AdditionalText> specs, bool trackSteps = true) =>
        CSharpGeneratorDriver.Create(
            new[] { new FeishuApiGenerator().AsSourceGenerator() },
            WithShippedSharedTypes(specs.ToList()),
            ParseOptions,
            Options,
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>
    /// Runs once and returns the driver (for re-runs), the output compilation and the generator's result. Every run is
    /// checked for caching on the way: a second run over an equal compilation must find each tracked step Cached or
    /// Unchanged, so any test's specs also prove the pipeline's models equatable.
    /// </summary>
    public (GeneratorDriver Driver, Compilation Output, GeneratorRunResult Result) Run(IEnumerable<AdditionalText> specs, params string[] sources)
    {
        var compilation = CreateCompilation(sources);
        var driver = CreateDriver(specs).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        AssertRerunIsCached(driver, compilation);
        return (driver, output, driver.GetRunResult().Results.Single());
    }

    /// <summary>Runs <paramref name="driver"/> again over a copy of <paramref name="compilation"/>: nothing may be recomputed.</summary>
    public static void AssertRerunIsCached(GeneratorDriver driver, Compilation compilation)
    {
        var rerun = driver.RunGenerators(compilation.Clone()).GetRunResult().Results.Single();
        var recomputed = rerun.TrackedSteps
            .SelectMany(step => step.Value.SelectMany(run => run.Outputs).Select(output => (Step: step.Key, output.Reason)))
            .Where(output => output.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
            .Select(output => output.Step + " was " + output.Reason)
            .Distinct()
            .ToList();
        Xunit.Assert.True(recomputed.Count == 0, "a second run over the same input recomputed: " + string.Join(", ", recomputed));
    }

    /// <summary>Generated source with every doc comment's lines joined into one, so a check on doc text ignores where it wraps.</summary>
    public static string JoinWrappedDocLines(string source) => Regex.Replace(source, @"\n *///", string.Empty);

    public static AdditionalText Spec(string path, string text) => new InMemoryAdditionalText(path, text);

    /// <summary>Adds the catalogue's shared types file of each project version a shipped spec belongs to, as the package does.</summary>
    private static List<AdditionalText> WithShippedSharedTypes(List<AdditionalText> specs)
    {
        var catalogue = RepoPaths.Spec("");
        var typesFiles = specs
            .Where(s => s.Path.StartsWith(catalogue, StringComparison.Ordinal))
            .Select(s => Path.GetDirectoryName(s.Path)!)
            .Distinct()
            .SelectMany(directory => Directory.EnumerateFiles(directory, "*.types.yaml"))
            .Where(path => specs.All(s => s.Path != path))
            .Order(StringComparer.Ordinal)
            .ToList();
        specs.AddRange(typesFiles.Select(path => Spec(path, File.ReadAllText(path))));
        return specs;
    }

    public static AdditionalText ShippedSpec(string relative) =>
        new InMemoryAdditionalText(RepoPaths.Spec(relative), File.ReadAllText(RepoPaths.Spec(relative)));

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll" or "Microsoft.Win32.Primitives.dll")
            .Append(typeof(FeishuApiGen.FeishuConnection).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray();
    }

    internal sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text, System.Text.Encoding.UTF8);

        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }

    internal sealed class TestOptionsProvider(string? rootNamespace) : AnalyzerConfigOptionsProvider
    {
        private readonly TestOptions _global = new(rootNamespace is null
            ? ImmutableDictionary<string, string>.Empty
            : ImmutableDictionary<string, string>.Empty.Add("build_property.FeishuApiGenNamespace", rootNamespace));

        public override AnalyzerConfigOptions GlobalOptions => _global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => TestOptions.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => TestOptions.Empty;
    }

    internal sealed class TestOptions(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly TestOptions Empty = new(ImmutableDictionary<string, string>.Empty);

        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
