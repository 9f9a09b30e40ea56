using System.Text;
using Microsoft.AspNetCore.Http;
using Surge.Gateway.Webhooks;

namespace Surge.Gateway.Tests.Webhooks;

public sealed class WebhookBodyTests
{
    private static readonly string[] Json = ["application/json"];

    private static HttpRequest Request(byte[] body, string? contentType, long? contentLength)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentType = contentType;
        context.Request.ContentLength = contentLength;
        return context.Request;
    }

    [Fact]
    public async Task ReadAsync_WithinLimit_ReturnsTheBody()
    {
        var body = TestData.Bytes("alertmanager/am018-firing-grouped-2alerts.raw.json");

        var read = await WebhookBody.ReadAsync(Request(body, "application/json; charset=utf-8", body.Length), 4096, Json, CancellationToken.None);

        Assert.Equal(body, read);
    }

    [Fact]
    public async Task ReadAsync_LargeContentLength_Is413()
    {
        var stream = new CountingStream();
        var request = Request([], "application/json", 10_000);
        request.Body = stream;

        var rejection = await Assert.ThrowsAsync<WebhookRejection>(() => WebhookBody.ReadAsync(request, 4096, Json, CancellationToken.None));

        Assert.Equal(413, rejection.Status);
        Assert.Equal(0, stream.Reads);
        Assert.Contains("MaxBodyBytes", rejection.Message);
    }

    [Fact]
    public async Task ReadAsync_LargeChunkedBody_Is413()
    {
        var stream = new CountingStream(endless: true);
        var request = Request([], "application/json", null);
        request.Body = stream;

        var rejection = await Assert.ThrowsAsync<WebhookRejection>(() => WebhookBody.ReadAsync(request, 64 * 1024, Json, CancellationToken.None));

        Assert.Equal(413, rejection.Status);
        Assert.True(stream.BytesRead <= 64 * 1024 + 16 * 1024, $"{stream.BytesRead} bytes were read.");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    [InlineData("not a type")]
    public async Task ReadAsync_OtherContentType_Is415NamingTheAcceptedOnes(string? contentType)
    {
        var rejection = await Assert.ThrowsAsync<WebhookRejection>(() => WebhookBody.ReadAsync(Request(Encoding.UTF8.GetBytes("{}"), contentType, 2), 4096, Json, CancellationToken.None));

        Assert.Equal(415, rejection.Status);
        Assert.Equal("Content-Type", rejection.Field);
        Assert.Contains("application/json", rejection.Message);
    }

    [Fact]
    public void ToResult_Rejection_IsProblemDetails()
    {
        var result = Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>(WebhookRejection.Unauthorized("token", "The token is wrong.").ToResult());

        Assert.Equal(401, result.StatusCode);
        var errors = Assert.IsType<Dictionary<string, string[]>>(result.ProblemDetails.Extensions["errors"]);
        Assert.Equal(["The token is wrong."], errors["token"]);
        Assert.EndsWith("Nothing was stored.", result.ProblemDetails.Detail);
    }

    private sealed class CountingStream(bool endless = false) : Stream
    {
        public int Reads { get; private set; }

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            if (!endless)
            {
                return 0;
            }

            Array.Fill(buffer, (byte)'x', offset, count);
            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
