package dev.veil.proxy.auth;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One line of the key file: who a key belongs to and the hash it is checked against.
 *
 * @param id the key's id; also the middle part of keys made by {@code veil keys add}, so it is not secret
 * @param tenant the tenant the key belongs to
 * @param team the team, if any
 * @param hash the stored hash of the key
 */
public record ApiKeyEntry(String id, String tenant, Optional<String> team, KeyHash hash) {

    /** Ids, tenants and teams: identifiers, so they are safe in audit records and metric labels. */
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public ApiKeyEntry {
        requireNonNull(id, "id");
        requireNonNull(tenant, "tenant");
        requireNonNull(team, "team");
        requireNonNull(hash, "hash");
        // Tenant first: a default id is made from the tenant, so a bad tenant should be named as such.
        check("tenant", tenant);
        team.ifPresent(t -> check("team", t));
        check("id", id);
    }

    private static void check(String what, String value) {
        if (!IDENTIFIER.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be 1 to 64 letters, digits, '-' or '_', starting with a "
                    + "letter or digit");
        }
    }

    public Principal principal() {
        return new Principal(id, tenant, team);
    }

    /** This entry as one YAML list item, the form {@code veil keys add} prints and appends. */
    public String toYamlLine() {
        return "  - {id: " + id + ", tenant: " + tenant + team.map(t -> ", team: " + t).orElse("")
                + ", hash: \"" + hash.format() + "\"}";
    }
}
