package dev.veil.proxy.auth;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Who sent a request, as established by its API key. All three values are identifiers chosen by
 * the operator, safe for audit records and metric labels; none is secret.
 *
 * @param keyId the id of the key that matched
 * @param tenant the tenant the key belongs to
 * @param team the team within the tenant, if the key entry names one
 */
public record Principal(String keyId, String tenant, Optional<String> team) {

    public Principal {
        requireNonNull(keyId, "keyId");
        requireNonNull(tenant, "tenant");
        requireNonNull(team, "team");
    }
}
