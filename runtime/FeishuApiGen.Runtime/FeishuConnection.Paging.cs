using System.Net;
using System.Runtime.CompilerServices;

namespace FeishuApiGen;

public sealed partial class FeishuConnection
{
    /// <summary>
    /// Walks every page of a paginated endpoint and yields each item. The request is checked before anything is sent;
    /// each page is one call (with the same options, retries and rate limits as <see cref="SendAsync{TRequest, TResponse}(FeishuEndpoint, TRequest, FeishuRequestOptions?, CancellationToken)"/>).
    /// Walking starts at the request's own page token, if set, and stops when Feishu says <c>has_more: false</c> or gives
    /// no next token. The caller's request object is never changed.
    /// </summary>
    /// <typeparam name="TRequest">The generated request type.</typeparam>
    /// <typeparam name="TResponse">The generated response type of one page.</typeparam>
    /// <typeparam name="TItem">The type of one item.</typeparam>
    /// <param name="endpoint">The endpoint's description.</param>
    /// <param name="request">The request; its page token, if any, is where walking starts.</param>
    /// <param name="options">Per-call options, or null.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>Every item of every page, in order.</returns>
    /// <exception cref="FeishuValidationException">The request breaks its spec; nothing was sent.</exception>
    /// <exception cref="FeishuProtocolException">Feishu gave a page token it had given before; walking on would never end.</exception>
    public IAsyncEnumerable<TItem> PaginateAsync<TRequest, TResponse, TItem>(
        FeishuEndpoint endpoint, TRequest request, FeishuRequestOptions? options, CancellationToken cancellationToken)
        where TRequest : IFeishuRequest
        where TResponse : IFeishuResponse<TResponse>, IFeishuPage<TItem>
    {
        CheckCall(endpoint, request);
        // Refused here, when the method is called, rather than at the first MoveNextAsync.
        Validate(endpoint, request);
        return WalkPagesAsync<TRequest, TResponse, TItem>(endpoint, request, options, cancellationToken);
    }

    private async IAsyncEnumerable<TItem> WalkPagesAsync<TRequest, TResponse, TItem>(
        FeishuEndpoint endpoint, TRequest request, FeishuRequestOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : IFeishuRequest
        where TResponse : IFeishuResponse<TResponse>, IFeishuPage<TItem>
    {
        string? pageToken = null;
        // Loop detection in constant memory (Brent's cycle finding): tokens are compared with one checkpoint, moved to the
        // current token after 1, 2, 4, 8... pages. A walk that cycles meets its checkpoint within twice the cycle's
        // reach; a walk of a million pages keeps one token, not a million.
        string? checkpoint = null;
        long checkpointSpan = 1, sinceCheckpoint = 0;
        for (var pageNumber = 1; ; pageNumber++)
        {
            var page = await SendCoreAsync<TRequest, TResponse>(endpoint, request, options, pageToken, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.PageItems)
            {
                yield return item;
            }

            var next = page.NextPageToken;
            if (!page.HasMorePages || string.IsNullOrEmpty(next))
            {
                yield break;
            }

            if (next == pageToken || next == checkpoint)
            {
                throw new FeishuProtocolException(
                    endpoint.Id,
                    $"page {pageNumber} gave a page_token already seen on an earlier page; stopped instead of looping forever",
                    HttpStatusCode.OK,
                    logId: null,
                    bodyExcerpt: null);
            }

            if (++sinceCheckpoint == checkpointSpan)
            {
                checkpoint = next;
                checkpointSpan *= 2;
                sinceCheckpoint = 0;
            }

            pageToken = next;
        }
    }
}
