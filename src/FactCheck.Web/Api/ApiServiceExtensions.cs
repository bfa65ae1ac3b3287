using FactCheck.Core.Webhooks;
using FactCheck.Extraction;
using FactCheck.Web.Api.V1;
using FactCheck.Web.Infrastructure;
using FactCheck.Web.Webhooks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace FactCheck.Web.Api;

/// <summary>The versioned API, its one error handler, its OpenAPI document, tokens and webhooks.</summary>
public static class ApiServiceExtensions
{
    public static void AddFactCheckApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddAuthentication().AddPolicyScheme(ApiTokenAuthenticationHandler.CookieOrTokenScheme, "Cookie or bearer token", options =>
            options.ForwardDefaultSelector = context =>
                ApiTokenAuthenticationHandler.BearerToken(context.Request) is not null ? ApiTokenAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme);
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Binding failures (page=abc, malformed JSON) throw, so the one handler answers them with a ProblemDetails that says why.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddScoped<ApiCallerFilter>();
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "FactCheck API";
            document.Info.Version = "v1";
            document.Info.Description = "The review workspace over HTTP. Authenticate with `Authorization: Bearer fct_…` (a personal access token) " +
                "or the sign-in cookie plus the RequestVerificationToken header on writes. Errors are RFC 7807 problem details.";
            return Task.CompletedTask;
        }));

        var webhookOptions = new WebhookOptions
        {
            AllowPrivateAddresses = configuration.GetValue("Webhooks:AllowPrivateAddresses", false),
            Timeout = TimeSpan.FromSeconds(configuration.GetValue("Webhooks:TimeoutSeconds", 10.0)),
            PollInterval = TimeSpan.FromSeconds(configuration.GetValue("Webhooks:PollSeconds", 1.0)),
            RetryDelays = configuration.GetSection("Webhooks:RetryDelaysSeconds").Get<double[]>() is { Length: > 0 } delays
                ? delays.Select(TimeSpan.FromSeconds).ToList()
                : new WebhookOptions().RetryDelays,
        };
        services.AddSingleton(webhookOptions);
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookService>();
        // Webhook requests pass the same address guard as URL import: every resolved address is checked when connecting.
        services.AddHttpClient(WebhookDispatcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() =>
            {
                var handler = UrlDocumentReader.CreateHandler(new UrlReaderOptions { AllowPrivateAddresses = webhookOptions.AllowPrivateAddresses, Timeout = webhookOptions.Timeout });
                handler.AllowAutoRedirect = false;
                return handler;
            });
        if (configuration.GetValue("Webhooks:Dispatch", true)) services.AddHostedService<WebhookDispatcher>();
    }

    public static void MapFactCheckApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        // The browsable reference: a static page (top-level wwwroot/) that renders the document above.
        app.MapGet("/api-reference", () => Results.Redirect("/api-reference.html")).ExcludeFromDescription();
        app.MapApiV1();
    }
}
