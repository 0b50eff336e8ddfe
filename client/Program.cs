using Samples.Client;
using Samples.Client.Draws;

VerifyTrace.Mark("Main");

Console.OutputEncoding = System.Text.Encoding.UTF8;
Console.InputEncoding = System.Text.Encoding.UTF8;
var code = await SamplesCli.RunAsync(args, Console.Out, Console.Error);
VerifyTrace.Mark("done");
return code;
