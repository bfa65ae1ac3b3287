namespace FactCheck.Core.Common;

/// <summary>
/// Someone else saved the record since the caller loaded it. The caller's change was not stored;
/// <see cref="TheirChange"/> describes what the other person saved, so the UI can show it beside the draft.
/// </summary>
public sealed class ConflictException(string message, string? theirChange = null) : Exception(message)
{
    public string? TheirChange { get; } = theirChange;
}
