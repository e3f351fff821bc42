package dev.veil.proxy.tls;

/** The certificate or key cannot be used; the message names the file and the reason, never key material. */
public final class TlsConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public TlsConfigException(String message) {
        super(message);
    }

    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
