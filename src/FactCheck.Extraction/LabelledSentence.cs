namespace FactCheck.Extraction;

/// <summary>
/// A training sentence: check-worthy (ClaimBuster verdict 1, CFS) or not (0 UFS, -1 NFS). <see cref="Group"/>
/// is the debate it comes from (ClaimBuster's File_id), so cross-validation never tests on a debate it trained on.
/// </summary>
public sealed record LabelledSentence(string Text, bool CheckWorthy, string? Group = null);
