using System.Diagnostics;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watch.Relevance;
using Watch.Tests.Infrastructure;

namespace Watch.Tests.Web;

/// <summary>The subscription page as a real browser builds it: Debian's Chromium, headless, dumping its DOM.</summary>
public sealed class SubscribePageChromiumTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task Headless_Chromium_renders_the_form_with_its_French_labels()
    {
        Assert.True(File.Exists(Chromium),
            $"{Chromium} is missing: this test needs Debian's Chromium (`apt-get update && apt-get install -y chromium`).");
        await using var maildev = await MailDevServer.StartAsync();
        await using var web = await WatchWebHost.StartAsync(WatchWebHost.Smtp(maildev.SmtpPort));

        var dom = await DumpDomAsync(new Uri(web.BaseUrl, "abonnement"));

        var page = new HtmlParser().ParseDocument(dom);
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("S'abonner au résumé hebdomadaire — Watch, veille surveillance", page.Title);
        var form = page.QuerySelector("main form[method=post]");
        Assert.NotNull(form);
        Assert.Equal("Adresse électronique", form.QuerySelector("label[for=email]")!.TextContent);
        Assert.NotNull(form.QuerySelector("input#email[type=email][required]"));
        Assert.Equal("Sujets suivis", form.QuerySelector("fieldset > legend")!.TextContent);
        var topics = web.Services.GetRequiredService<IOptions<WatchlistOptions>>().Value.Topics;
        Assert.Equal(topics.Select(t => t.Label), form.QuerySelectorAll("fieldset label").Select(l => l.TextContent));
        Assert.Equal("S'abonner", form.QuerySelector("button[type=submit]")!.TextContent);
    }

    private static async Task<string> DumpDomAsync(Uri url)
    {
        var profile = Directory.CreateTempSubdirectory("watch-chromium-").FullName;
        try
        {
            var info = new ProcessStartInfo(Chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                $"--user-data-dir={profile}", "--dump-dom", url.AbsoluteUri,
            })
                info.ArgumentList.Add(argument);

            using var process = Process.Start(info) ?? throw new InvalidOperationException($"{Chromium} did not start.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            // A guard against a hung browser, not a speed check.
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{Chromium} --dump-dom {url} did not finish. stderr:\n{await stderr}");
            }
            var dom = await stdout;
            Assert.True(process.ExitCode == 0 && dom.Contains("<form", StringComparison.Ordinal),
                $"{Chromium} exited with {process.ExitCode} and printed no form. stderr:\n{await stderr}");
            return dom;
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
        }
    }
}
