package dev.veil.policy.internal;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.RequestFacts;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Holds when a request attribute (tenant, model, endpoint...) matches one of the globs. */
public record AttributeCondition(Attribute attribute, List<Glob> values) implements Condition {

    /** The request attributes a rule can test, by their key in the policy file. */
    public enum Attribute {
        TENANT("tenant", RequestFacts::tenant),
        API_KEY("api_key", RequestFacts::apiKey),
        TEAM("team", RequestFacts::team),
        USER("user", RequestFacts::user),
        MODEL("model", RequestFacts::model),
        ENDPOINT("endpoint", RequestFacts::endpoint);

        private final String key;
        private final Function<RequestFacts, String> getter;

        Attribute(String key, Function<RequestFacts, String> getter) {
            this.key = key;
            this.getter = getter;
        }

        public String key() {
            return key;
        }

        String of(RequestFacts facts) {
            return getter.apply(facts);
        }
    }

    public AttributeCondition {
        requireNonNull(attribute, "attribute");
        values = List.copyOf(values);
    }

    @Override
    public Tri eval(RequestFacts facts, boolean findingsComplete) {
        return Tri.of(Glob.anyMatches(values, attribute.of(facts)));
    }

    @Override
    public String describe() {
        return attribute.key() + " is " + values.stream().map(Glob::text).collect(Collectors.joining(" or "));
    }

    @Override
    public String observe(RequestFacts facts) {
        // Tenant, key id, team and user are identifiers, not content; still, keep explain output
        // free of them unless the author asked about model or endpoint, which are never personal.
        return switch (attribute) {
            case MODEL, ENDPOINT -> "request has " + attribute.key() + " '" + attribute.of(facts) + "'";
            default -> "";
        };
    }

    @Override
    public void positiveFindingGlobs(boolean positive, List<Glob> out) {
        // Not about findings.
    }
}
