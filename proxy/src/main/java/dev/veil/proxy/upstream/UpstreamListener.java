package dev.veil.proxy.upstream;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Receives one upstream response as it arrives. Every method is called on the event loop of the
 * client connection that started the call, in order: {@link #onResponse} once, then
 * {@link #onContent} until {@code last}, or {@link #onFailure} at any point.
 */
public interface UpstreamListener {

    /** The status line and headers arrived. */
    void onResponse(HttpResponse response);

    /**
     * A part of the body arrived. The listener owns {@code content} and must release it (writing
     * it to a channel does). Call {@link UpstreamCall#readMore()} when ready for the next part.
     */
    void onContent(HttpContent content, boolean last);

    /**
     * Everything read from the upstream so far has been handed over: the moment to flush what was
     * written without a flush (the response headers, when the upstream sent no body part with them),
     * so that nothing waits for the next read.
     */
    default void onReadComplete() {
    }

    /**
     * The call failed. {@code responseStarted} tells whether {@link #onResponse} was called.
     * Nothing follows a failure.
     */
    void onFailure(UpstreamFailure failure, boolean responseStarted, Throwable cause);
}
