using Microsoft.AspNetCore.Http;

namespace Watch.Tests.EndToEnd;

/// <summary>What the test proxies do with a call they let through: send it on to the real peer and copy its answer back.</summary>
internal static class Forwarding
{
    /// <param name="body">The request body, already read (a proxy may read it before deciding what to do).</param>
    public static async Task ForwardAsync(HttpContext http, HttpClient client, Uri upstream, byte[] body)
    {
        using var forward = new HttpRequestMessage(new HttpMethod(http.Request.Method), new Uri(upstream, http.Request.Path.Value + http.Request.QueryString))
        {
            Content = new ByteArrayContent(body),
        };
        if (http.Request.ContentType is { } type) forward.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        using var response = await client.SendAsync(forward);
        http.Response.StatusCode = (int)response.StatusCode;
        http.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await response.Content.CopyToAsync(http.Response.Body);
    }
}
