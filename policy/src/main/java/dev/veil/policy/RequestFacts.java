package dev.veil.policy;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.Finding;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the policy may look at for one request: metadata and the findings of the scan, never the
 * text itself.
 *
 * @param endpoint the API path, e.g. {@code /v1/chat/completions}
 * @param model the model the client asked for, or empty
 * @param tenant the tenant or key id the client authenticated as, or empty
 * @param headers request headers, names in lower case
 * @param findings every finding in every scanned field
 * @param failedDetectors ids of detectors that failed on this request (their findings are missing)
 * @param unscannableContent true if the request holds parts no detector can read (images, audio, files)
 */
public record RequestFacts(
        String endpoint,
        String model,
        String tenant,
        Map<String, String> headers,
        List<Finding> findings,
        Set<String> failedDetectors,
        boolean unscannableContent) {

    public RequestFacts {
        requireNonNull(endpoint, "endpoint");
        requireNonNull(model, "model");
        requireNonNull(tenant, "tenant");
        headers = Map.copyOf(headers);
        findings = List.copyOf(findings);
        failedDetectors = Set.copyOf(failedDetectors);
    }
}
