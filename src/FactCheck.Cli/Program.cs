using System.CommandLine;
using FactCheck.Cli.Extraction;
using FactCheck.Cli.Load;
using FactCheck.Cli.Users;

var root = new RootCommand("FactCheck command line: extract claims from documents, train the check-worthiness model, manage users, load-test live updates.")
{
    ExtractCommand.Create(),
    TrainCommand.Create(),
    SimilarCommand.Create(),
    UsersCommand.Create(),
    LoadCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
