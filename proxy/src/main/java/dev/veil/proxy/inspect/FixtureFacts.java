package dev.veil.proxy.inspect;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.veil.policy.RequestFacts;
import dev.veil.policy.fixture.FixtureRequest;
import dev.veil.proxy.openai.ApiException;
import dev.veil.proxy.openai.ApiRequest;
import dev.veil.proxy.openai.Endpoint;
import java.util.Map;
import java.util.function.Function;

/**
 * Builds the facts of a policy fixture case the way the running proxy does for a real request:
 * the same parser, the same text extraction, the same detectors. A fixture that passes here
 * therefore describes what Veil will do with that request.
 */
public final class FixtureFacts implements Function<FixtureRequest, RequestFacts> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RequestInspector inspector;

    public FixtureFacts(RequestInspector inspector) {
        this.inspector = requireNonNull(inspector, "inspector");
    }

    @Override
    public RequestFacts apply(FixtureRequest c) {
        RequestFacts base;
        if (c.findings().isPresent() || c.body().isEmpty()) {
            RequestFacts.Builder b = RequestFacts.builder().endpoint(c.endpoint()).model(c.model());
            c.findings().ifPresent(b::findings);
            base = b.build();
        } else {
            Endpoint endpoint = Endpoint.forPath(c.endpoint()).orElseThrow(() ->
                    new IllegalArgumentException("fixture endpoint is not one Veil serves: " + c.endpoint()));
            Map<String, Object> body = new java.util.LinkedHashMap<>(c.body().get());
            // A fixture may leave out the model; the parser requires one, the policy may not care.
            body.putIfAbsent("model", c.model().isEmpty() ? "fixture-model" : c.model());
            ApiRequest request;
            try {
                request = ApiRequest.parse(endpoint, JSON.writeValueAsBytes(body));
            } catch (ApiException | JsonProcessingException e) {
                throw new IllegalArgumentException("fixture body is not a valid request: " + e.getMessage(), e);
            }
            base = inspector.inspect(request, c.tenant(), c.headers()).facts();
        }
        RequestFacts.Builder out = RequestFacts.builder()
                .endpoint(base.endpoint())
                .model(c.model().isEmpty() ? base.model() : c.model())
                .tenant(c.tenant())
                .apiKey(c.apiKey())
                .team(c.team())
                .user(c.user().isEmpty() ? base.user() : c.user())
                .findings(base.findings())
                .unscannableContent(c.unscannable().orElse(base.unscannableContent()))
                .conversationFingerprint(base.conversationFingerprint());
        for (Map.Entry<String, String> h : c.headers().entrySet()) {
            out.header(h.getKey(), h.getValue());
        }
        base.failedDetectors().forEach(out::failedDetector);
        c.failedDetectors().forEach(out::failedDetector);
        return out.build();
    }
}
