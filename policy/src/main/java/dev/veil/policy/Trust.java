package dev.veil.policy;

/** How far an upstream is trusted with sensitive data. */
public enum Trust {
    /** Outside the company's control, e.g. the OpenAI API. Sensitive data must never reach it. */
    EXTERNAL,
    /** Self-hosted: data sent here stays in. */
    INTERNAL
}
