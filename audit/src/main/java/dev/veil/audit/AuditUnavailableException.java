package dev.veil.audit;

/** The audit trail cannot accept records; requests must fail closed. */
public final class AuditUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
