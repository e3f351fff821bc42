package dev.veil.proxy.inspect;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.Finding;

/** A finding and the request field it was found in, e.g. {@code messages[2].content}. */
public record FieldFinding(String field, Finding finding) {

    public FieldFinding {
        requireNonNull(field, "field");
        requireNonNull(finding, "finding");
    }
}
