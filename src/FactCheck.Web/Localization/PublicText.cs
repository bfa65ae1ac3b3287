namespace FactCheck.Web.Localization;

/// <summary>
/// The resource class of the public site: /verdicts, verdict pages and their versions, the reader's
/// forms, the account pages and the public layout (PublicText.resx in English, PublicText.ar.resx in
/// Arabic, every key in both). Keys read as "Area.Meaning", e.g. "Verdicts.Title".
/// </summary>
public sealed class PublicText;
