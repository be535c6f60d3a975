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
        Validation.RequestValidation.ThrowIfInvalid(endpoint, request);
        return WalkItemsAsync<TRequest, TResponse, TItem>(endpoint, request, options, cancellationToken);
    }

    /// <summary>
    /// Walks the pages of a paginated endpoint and yields each page whole: its items, whether more follow, the token of
    /// the next page (the continuation token to save), and the HTTP answer it came in. A walk stopped after any page
    /// resumes where it stopped when called again with that page's <see cref="IFeishuPage{TItem}.NextPageToken"/> as
    /// <paramref name="continuationToken"/>, in this process or another, as Azure's <c>AsPages(continuationToken)</c> does.
    /// </summary>
    /// <typeparam name="TRequest">The generated request type.</typeparam>
    /// <typeparam name="TResponse">The generated response type of one page.</typeparam>
    /// <typeparam name="TItem">The type of one item.</typeparam>
    /// <param name="endpoint">The endpoint's description.</param>
    /// <param name="request">The request; checked before anything is sent, and never changed.</param>
    /// <param name="continuationToken">
    /// Where to start: a page token saved from an earlier walk, or null for the request's own page token (if any).
    /// </param>
    /// <param name="options">Per-call options, or null.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    /// <returns>Every page from the start, in order, fetched as they are enumerated.</returns>
    /// <exception cref="FeishuValidationException">The request breaks its spec; nothing was sent.</exception>
    /// <exception cref="FeishuProtocolException">Feishu gave a page token it had given before; walking on would never end.</exception>
    public IAsyncEnumerable<TResponse> PagesAsync<TRequest, TResponse, TItem>(
        FeishuEndpoint endpoint, TRequest request, string? continuationToken, FeishuRequestOptions? options, CancellationToken cancellationToken)
        where TRequest : IFeishuRequest
        where TResponse : IFeishuResponse<TResponse>, IFeishuPage<TItem>
    {
        CheckCall(endpoint, request);
        Validation.RequestValidation.ThrowIfInvalid(endpoint, request);
        return WalkPagesAsync<TRequest, TResponse, TItem>(endpoint, request, string.IsNullOrEmpty(continuationToken) ? null : continuationToken, options, cancellationToken);
    }

    private async IAsyncEnumerable<TItem> WalkItemsAsync<TRequest, TResponse, TItem>(
        FeishuEndpoint endpoint, TRequest request, FeishuRequestOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : IFeishuRequest
        where TResponse : IFeishuResponse<TResponse>, IFeishuPage<TItem>
    {
        await foreach (var page in WalkPagesAsync<TRequest, TResponse, TItem>(endpoint, request, startToken: null, options, cancellationToken).ConfigureAwait(false))
        {
            foreach (var item in page.PageItems)
            {
                yield return item;
            }
        }
    }

    /// <summary>The one page walk: from <paramref name="startToken"/> (null: the request's own), until Feishu says no more.</summary>
    private async IAsyncEnumerable<TResponse> WalkPagesAsync<TRequest, TResponse, TItem>(
        FeishuEndpoint endpoint, TRequest request, string? startToken, FeishuRequestOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : IFeishuRequest
        where TResponse : IFeishuResponse<TResponse>, IFeishuPage<TItem>
    {
        var pageToken = startToken;
        // Loop detection keeps a 64-bit hash of each token, not the token: a walk of thousands of pages with long tokens
        // holds kilobytes, and a repeat is still caught on the page that repeats, before any item is yielded twice.
        var seen = new HashSet<ulong>();
        if (startToken is not null)
        {
            // A resumed walk has seen its start token: Feishu leading back to it is a loop too.
            seen.Add(Fnv1a64(startToken));
        }

        for (var pageNumber = 1; ; pageNumber++)
        {
            var page = await SendCoreAsync<TRequest, TResponse>(endpoint, request, options, pageToken, cancellationToken).ConfigureAwait(false);
            // Read before the caller sees the page: a page's members are settable, and the walk follows what Feishu said.
            var next = page.NextPageToken;
            var more = page.HasMorePages && !string.IsNullOrEmpty(next);
            yield return page;

            if (!more)
            {
                yield break;
            }

            if (!seen.Add(Fnv1a64(next!)))
            {
                throw new FeishuProtocolException(
                    endpoint.Id,
                    $"page {pageNumber} gave a page_token already seen on an earlier page; stopped instead of looping forever",
                    HttpStatusCode.OK,
                    logId: null,
                    bodyExcerpt: null);
            }

            pageToken = next;
        }
    }

    /// <summary>
    /// FNV-1a over the token's UTF-16 code units: stable and 64 bits wide, so two distinct tokens of one walk collide
    /// (and stop it as a loop) with odds of about n² / 2⁶⁵, one in a trillion for thousands of pages.
    /// </summary>
    private static ulong Fnv1a64(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }
}
