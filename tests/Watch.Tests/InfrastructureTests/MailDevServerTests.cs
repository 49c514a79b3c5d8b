using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Watch.Tests.Infrastructure;

namespace Watch.Tests.InfrastructureTests;

public sealed class MailDevServerTests
{
    [Fact]
    public async Task A_multipart_message_sent_with_MailKit_comes_back_with_both_parts_and_its_headers()
    {
        await using var maildev = await MailDevServer.StartAsync();
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Veille VSA", "veille@example.org"));
        message.To.Add(new MailboxAddress("Camille", "camille@example.org"));
        message.Subject = "Sénat : nouvelle version de l'article 10";
        message.Headers.Add("List-Unsubscribe", "<https://veille.example.org/desabonnement?t=abc123>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Body = new BodyBuilder
        {
            TextBody = "L'article 10 autorise le traitement algorithmique des images.",
            HtmlBody = "<p>L'article 10 autorise le <b>traitement algorithmique</b> des images.</p>",
        }.ToMessageBody();

        using (var smtp = new SmtpClient())
        {
            await smtp.ConnectAsync(maildev.SmtpHost, maildev.SmtpPort, SecureSocketOptions.None);
            await smtp.SendAsync(message);
            await smtp.DisconnectAsync(quit: true);
        }

        var received = Assert.Single(await maildev.MessagesAsync(atLeast: 1));
        Assert.Equal("Sénat : nouvelle version de l'article 10", received.GetProperty("subject").GetString());
        Assert.Equal("camille@example.org", received.GetProperty("to")[0].GetProperty("address").GetString());
        Assert.Contains("traitement algorithmique des images", received.GetProperty("text").GetString());
        Assert.Contains("<b>traitement algorithmique</b>", received.GetProperty("html").GetString());
        Assert.Equal("<https://veille.example.org/desabonnement?t=abc123>",
            received.GetProperty("headers").GetProperty("list-unsubscribe").GetString());

        var source = await maildev.RawSourceAsync(received.GetProperty("id").GetString()!);
        Assert.Contains("List-Unsubscribe: <https://veille.example.org/desabonnement?t=abc123>", source);
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click", source);
        Assert.Contains("multipart/alternative", source);

        await maildev.DeleteAllAsync();
        Assert.Empty(await maildev.MessagesAsync());
    }
}
