package dev.veil.proxy.admin;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Whether the proxy should receive traffic now, and if not, why. Called on the admin server's
 * event loop at every {@code /readyz}: implementations must be cheap, thread-safe and must not block.
 * Reasons are fixed phrases for operators ("audit trail unavailable"), never request data.
 */
@FunctionalInterface
public interface Readiness {

    /** Why the proxy is not ready; empty when it is ready. */
    List<String> notReadyReasons();

    /** Always ready: for tests and tools that have nothing to wait for. */
    static Readiness always() {
        return List::of;
    }

    /**
     * Ready when every condition holds. Each key is the reason reported while its condition is
     * false, e.g. {@code "audit trail unavailable" -> trail::isAvailable}. A condition that throws
     * counts as false.
     */
    static Readiness allOf(Map<String, BooleanSupplier> conditions) {
        Map<String, BooleanSupplier> copy = new LinkedHashMap<>(requireNonNull(conditions, "conditions"));
        return () -> {
            List<String> reasons = new ArrayList<>();
            copy.forEach((reason, condition) -> {
                boolean ok;
                try {
                    ok = condition.getAsBoolean();
                } catch (RuntimeException e) {
                    ok = false;
                }
                if (!ok) {
                    reasons.add(reason);
                }
            });
            return reasons;
        };
    }
}
