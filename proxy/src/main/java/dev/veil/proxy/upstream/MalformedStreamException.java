package dev.veil.proxy.upstream;

/**
 * An upstream's event stream is not what an OpenAI-compatible server sends. The message says what
 * was wrong in general terms and never quotes the stream, which may hold model output.
 */
public final class MalformedStreamException extends Exception {

    private static final long serialVersionUID = 1L;

    public MalformedStreamException(String message) {
        super(message, null, false, false);
    }
}
