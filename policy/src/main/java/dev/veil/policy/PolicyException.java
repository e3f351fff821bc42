package dev.veil.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy file was refused; {@link #errors()} lists every problem found, not just the first. */
public final class PolicyException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<PolicyError> errors;

    public PolicyException(List<PolicyError> errors) {
        super(errors.stream().map(PolicyError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<PolicyError> errors() {
        return errors;
    }
}
