package dev.veil.policy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * A loaded, validated policy. Immutable and thread-safe: evaluate it from any thread, swap it
 * atomically to reload.
 */
public final class Policy {

    private Policy() {
    }

    /**
     * Loads and validates a policy file.
     *
     * @param file the YAML policy file
     * @param upstreams the upstreams configured in Veil, by name, with their trust
     * @param knownTypes every finding type the running detectors can report
     * @throws PolicyException listing every problem, each at file:line:column
     */
    public static Policy load(Path file, Map<String, Trust> upstreams, Set<String> knownTypes)
            throws PolicyException {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Evaluates this policy for one request. Never throws for any facts. */
    public Decision decide(RequestFacts facts) {
        throw new UnsupportedOperationException("not yet implemented");
    }

    /** Content hash of the policy file that was loaded. */
    public String version() {
        throw new UnsupportedOperationException("not yet implemented");
    }
}
