package dev.veil.proxy.config;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.Trust;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * One named upstream: an OpenAI-compatible server Veil may forward to.
 *
 * @param name the name policies refer to
 * @param url base URL including the API prefix, e.g. {@code https://api.openai.com/v1}
 * @param trust whether sensitive data may reach it
 * @param apiKeyEnv name of the environment variable holding the key Veil sends to this upstream,
 *     or empty to send none; the key itself never appears in a file
 * @param models requested model to the model name this upstream knows (internal upstreams)
 * @param connectTimeout how long to wait for a connection
 * @param responseTimeout how long to wait for the response headers
 * @param idleTimeout the longest silence allowed while a response body is relayed
 * @param circuitBreaker when to stop calling this upstream after repeated failures
 * @param retry how often to try connecting for one request
 */
public record UpstreamConfig(
        String name,
        URI url,
        Trust trust,
        String apiKeyEnv,
        Map<String, String> models,
        Duration connectTimeout,
        Duration responseTimeout,
        Duration idleTimeout,
        CircuitBreakerSettings circuitBreaker,
        RetrySettings retry) {

    /** An upstream with the default circuit breaker and retry settings. */
    public UpstreamConfig(String name, URI url, Trust trust, String apiKeyEnv, Map<String, String> models,
            Duration connectTimeout, Duration responseTimeout, Duration idleTimeout) {
        this(name, url, trust, apiKeyEnv, models, connectTimeout, responseTimeout, idleTimeout,
                CircuitBreakerSettings.DEFAULT, RetrySettings.DEFAULT);
    }

    public UpstreamConfig {
        requireNonNull(name, "name");
        requireNonNull(url, "url");
        requireNonNull(trust, "trust");
        requireNonNull(apiKeyEnv, "apiKeyEnv");
        models = Map.copyOf(models);
        requireNonNull(connectTimeout, "connectTimeout");
        requireNonNull(responseTimeout, "responseTimeout");
        requireNonNull(idleTimeout, "idleTimeout");
        requireNonNull(circuitBreaker, "circuitBreaker");
        requireNonNull(retry, "retry");
    }

    public UpstreamConfig withCircuitBreaker(CircuitBreakerSettings settings) {
        return new UpstreamConfig(name, url, trust, apiKeyEnv, models, connectTimeout, responseTimeout, idleTimeout,
                settings, retry);
    }

    public UpstreamConfig withRetry(RetrySettings settings) {
        return new UpstreamConfig(name, url, trust, apiKeyEnv, models, connectTimeout, responseTimeout, idleTimeout,
                circuitBreaker, settings);
    }

    public boolean tls() {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    public int port() {
        int p = url.getPort();
        return p != -1 ? p : tls() ? 443 : 80;
    }

    /** The path prefix to put before an endpoint's own path, without a trailing slash. */
    public String basePath() {
        String p = url.getRawPath();
        if (p == null || p.isEmpty() || "/".equals(p)) {
            return "";
        }
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** The model name to send to this upstream for a requested model. */
    public String mapModel(String requested) {
        return models.getOrDefault(requested, models.getOrDefault("*", requested));
    }
}
