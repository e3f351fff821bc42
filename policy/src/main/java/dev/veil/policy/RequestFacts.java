package dev.veil.policy;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the policy may look at for one request: metadata and the findings of the scan, never the
 * text itself.
 *
 * @param endpoint the API path, e.g. {@code /v1/chat/completions}
 * @param model the model the client asked for, or empty
 * @param tenant the tenant the client authenticated as, or empty
 * @param apiKey the id (never the secret) of the client's Veil API key, or empty
 * @param team the team the key belongs to, or empty
 * @param user the client's {@code user} field, or empty
 * @param headers request headers, names in lower case
 * @param findings every finding in every scanned field
 * @param failedDetectors ids of detectors that failed on this request (their findings are missing)
 * @param unscannableContent true if the request holds parts no detector can read (images, audio, files)
 * @param conversationFingerprint a hash of the conversation's first messages (see
 *     {@link SessionMemory#fingerprint}), or empty; keys sticky sessions when no user or session
 *     header is present
 */
public record RequestFacts(
        String endpoint,
        String model,
        String tenant,
        String apiKey,
        String team,
        String user,
        Map<String, String> headers,
        List<Finding> findings,
        Set<String> failedDetectors,
        boolean unscannableContent,
        String conversationFingerprint) {

    public RequestFacts {
        requireNonNull(endpoint, "endpoint");
        requireNonNull(model, "model");
        requireNonNull(tenant, "tenant");
        requireNonNull(apiKey, "apiKey");
        requireNonNull(team, "team");
        requireNonNull(user, "user");
        Map<String, String> lower = new HashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        headers = Map.copyOf(lower);
        findings = List.copyOf(findings);
        failedDetectors = Set.copyOf(failedDetectors);
        requireNonNull(conversationFingerprint, "conversationFingerprint");
    }

    /** The original seven-field form; identity fields and the fingerprint are empty. */
    public RequestFacts(
            String endpoint,
            String model,
            String tenant,
            Map<String, String> headers,
            List<Finding> findings,
            Set<String> failedDetectors,
            boolean unscannableContent) {
        this(endpoint, model, tenant, "", "", "", headers, findings, failedDetectors,
                unscannableContent, "");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** True when a detector failed, so findings may be missing and the request must not be treated as clean. */
    public boolean degraded() {
        return !failedDetectors.isEmpty();
    }

    /** Builds {@link RequestFacts}; every field defaults to empty. Not thread-safe. */
    public static final class Builder {
        private String endpoint = "/v1/chat/completions";
        private String model = "";
        private String tenant = "";
        private String apiKey = "";
        private String team = "";
        private String user = "";
        private final Map<String, String> headers = new HashMap<>();
        private final List<Finding> findings = new ArrayList<>();
        private final Set<String> failedDetectors = new HashSet<>();
        private boolean unscannableContent;
        private String conversationFingerprint = "";

        private Builder() {
        }

        public Builder endpoint(String endpoint) {
            this.endpoint = requireNonNull(endpoint, "endpoint");
            return this;
        }

        public Builder model(String model) {
            this.model = requireNonNull(model, "model");
            return this;
        }

        public Builder tenant(String tenant) {
            this.tenant = requireNonNull(tenant, "tenant");
            return this;
        }

        public Builder apiKey(String apiKey) {
            this.apiKey = requireNonNull(apiKey, "apiKey");
            return this;
        }

        public Builder team(String team) {
            this.team = requireNonNull(team, "team");
            return this;
        }

        public Builder user(String user) {
            this.user = requireNonNull(user, "user");
            return this;
        }

        public Builder header(String name, String value) {
            headers.put(requireNonNull(name, "name").toLowerCase(Locale.ROOT), requireNonNull(value, "value"));
            return this;
        }

        public Builder finding(Finding finding) {
            findings.add(requireNonNull(finding, "finding"));
            return this;
        }

        public Builder findings(List<Finding> findings) {
            findings.forEach(this::finding);
            return this;
        }

        public Builder failedDetector(String id) {
            failedDetectors.add(requireNonNull(id, "id"));
            return this;
        }

        public Builder unscannableContent(boolean unscannable) {
            this.unscannableContent = unscannable;
            return this;
        }

        public Builder conversationFingerprint(String fingerprint) {
            this.conversationFingerprint = requireNonNull(fingerprint, "fingerprint");
            return this;
        }

        public RequestFacts build() {
            return new RequestFacts(endpoint, model, tenant, apiKey, team, user, headers, findings,
                    failedDetectors, unscannableContent, conversationFingerprint);
        }
    }
}
