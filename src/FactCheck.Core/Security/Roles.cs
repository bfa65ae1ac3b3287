namespace FactCheck.Core.Security;

public static class Roles
{
    public const string Admin = "Admin";
    public const string Lead = "Lead";
    public const string Reviewer = "Reviewer";
    public const string Reader = "Reader";

    public static readonly IReadOnlyList<string> All = [Admin, Lead, Reviewer, Reader];

    /// <summary>Roles that may read the workspace (documents, claims, reviews).</summary>
    public const string WorkspaceMembers = $"{Admin},{Lead},{Reviewer}";

    public const string Leads = $"{Admin},{Lead}";
}
