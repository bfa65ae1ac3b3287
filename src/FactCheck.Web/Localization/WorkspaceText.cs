namespace FactCheck.Web.Localization;

/// <summary>
/// The resource class of the workspace (layout, navigation, admin, audit, exports, documents, inbox,
/// dashboard): English complete in WorkspaceText.resx; WorkspaceText.ar.resx translates what is
/// translated so far (the rest falls back to English).
/// </summary>
public sealed class WorkspaceText;
