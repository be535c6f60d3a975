using FeishuApiGen.Importer;

return Cli.Run(args, Console.In, Console.Out, Console.Error);
