package dev.veil.policy;

/** One problem in a policy file, located at file:line:column (1-based), with how to fix it. */
public record PolicyError(String file, int line, int column, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
