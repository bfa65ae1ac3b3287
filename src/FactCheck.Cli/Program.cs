using System.CommandLine;
using FactCheck.Cli.Database;
using FactCheck.Cli.DemoData;
using FactCheck.Cli.Extraction;
using FactCheck.Cli.Load;
using FactCheck.Cli.Tokens;
using FactCheck.Cli.Users;

var root = new RootCommand("FactCheck command line: extract claims from documents, train the check-worthiness model, manage users, load-test live updates, move and back up the database.")
{
    ExtractCommand.Create(),
    TrainCommand.Create(),
    SimilarCommand.Create(),
    UsersCommand.Create(),
    TokensCommand.Create(),
    LoadCommand.Create(),
    DbCommand.Create(),
    DemoDataCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
