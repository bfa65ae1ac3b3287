using System.CommandLine;
using FactCheck.Cli.Extraction;
using FactCheck.Cli.Users;

var root = new RootCommand("FactCheck command line: extract claims from documents, train the check-worthiness model, manage users.")
{
    ExtractCommand.Create(),
    TrainCommand.Create(),
    UsersCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
