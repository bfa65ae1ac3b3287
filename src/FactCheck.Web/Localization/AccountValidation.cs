using System.Globalization;
using System.Resources;

namespace FactCheck.Web.Localization;

/// <summary>
/// Validation messages of the account forms in the reader's language. DataAnnotations attributes
/// read a message through ErrorMessageResourceType (a static property per message), so each
/// property looks the key up in PublicText for the current UI culture when the form is validated.
/// </summary>
public static class AccountValidation
{
    private static readonly ResourceManager Resources = new(typeof(PublicText).FullName!, typeof(PublicText).Assembly);

    private static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    public static string EmailRequired => Get("Account.EmailRequired");
    public static string EmailInvalid => Get("Account.EmailInvalid");
    public static string PasswordRequired => Get("Account.PasswordRequired");
    public static string NameRequired => Get("Account.NameRequired");
    public static string NameTooLong => Get("Account.NameTooLong");
    public static string ChoosePassword => Get("Account.ChoosePassword");
    public static string PasswordTooShort => Get("Account.PasswordTooShort");
    public static string PasswordsDiffer => Get("Account.PasswordsDiffer");
    public static string NewPasswordRequired => Get("Account.NewPasswordRequired");
    public static string CurrentPasswordRequired => Get("Account.CurrentPasswordRequired");
}
