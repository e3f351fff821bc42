package dev.veil.policy;

import dev.veil.detectors.Finding;
import java.nio.file.Path;
import java.util.Map;

/** Shared upstreams, paths and fact builders for policy tests. */
final class TestSupport {

    static final Map<String, Trust> UPSTREAMS = Map.of("openai", Trust.EXTERNAL, "local", Trust.INTERNAL);
    static final Path POLICIES = Path.of("..", "policies");

    private TestSupport() {
    }

    static Finding finding(String type) {
        return new Finding(type, 0, 4, 0.95, "test");
    }

    static Finding finding(String type, double score) {
        return new Finding(type, 0, 4, score, "test");
    }

    static RequestFacts facts(String... types) {
        RequestFacts.Builder b = RequestFacts.builder().model("gpt-4o-mini");
        for (String t : types) {
            b.finding(finding(t));
        }
        return b.build();
    }

    static Policy parse(String yaml) throws PolicyException {
        return Policy.parse(yaml, "test.yaml", UPSTREAMS, FindingTypes.DOCUMENTED);
    }
}
