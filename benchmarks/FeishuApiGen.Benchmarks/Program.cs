using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/FeishuApiGen.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(FeishuApiGen.Benchmarks.RunTime.CreateCallBenchmarks).Assembly).Run(args);
