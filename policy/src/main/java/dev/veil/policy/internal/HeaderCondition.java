package dev.veil.policy.internal;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.RequestFacts;
import java.util.List;
import java.util.stream.Collectors;

/** Holds when the request carries header {@code name} (lower case) with a value matching a glob. */
public record HeaderCondition(String name, List<Glob> values) implements Condition {

    public HeaderCondition {
        requireNonNull(name, "name");
        values = List.copyOf(values);
    }

    @Override
    public Tri eval(RequestFacts facts, boolean findingsComplete) {
        String value = facts.headers().get(name);
        return Tri.of(value != null && Glob.anyMatches(values, value));
    }

    @Override
    public String describe() {
        return "header " + name + " is " + values.stream().map(Glob::text).collect(Collectors.joining(" or "));
    }

    @Override
    public String observe(RequestFacts facts) {
        // Header values may be credentials: say only whether it was present.
        return facts.headers().containsKey(name) ? "header present" : "header absent";
    }

    @Override
    public void positiveFindingGlobs(boolean positive, List<Glob> out) {
        // Not about findings.
    }
}
