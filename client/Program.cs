using Samples.Client;

Console.OutputEncoding = System.Text.Encoding.UTF8;
Console.InputEncoding = System.Text.Encoding.UTF8;
return await SamplesCli.RunAsync(args, Console.Out, Console.Error);
