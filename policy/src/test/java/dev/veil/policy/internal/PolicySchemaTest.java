package dev.veil.policy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * docs/policy.schema.json must describe what the loader reads: the same keys at every level, and
 * every key used by an example policy.
 */
class PolicySchemaTest {

    private static final Path SCHEMA = Path.of("..", "docs", "policy.schema.json");
    private static final Path POLICIES = Path.of("..", "policies");

    private static Object load(Path p) throws IOException {
        // JSON is YAML, so the YAML loader reads the schema too.
        return new Load(LoadSettings.builder().build()).loadFromString(Files.readString(p));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String... path) {
        Object cur = o;
        for (String key : path) {
            cur = ((Map<String, Object>) cur).get(key);
        }
        return (Map<String, Object>) cur;
    }

    @Test
    void schema_declaresExactlyTheKeysTheLoaderAccepts() throws IOException {
        Object schema = load(SCHEMA);
        assertEquals("https://json-schema.org/draft/2020-12/schema", map(schema).get("$schema"));
        assertEquals(PolicyParser.TOP_KEYS, map(schema, "properties").keySet());
        assertEquals(PolicyParser.RULE_KEYS, map(schema, "$defs", "rule", "properties").keySet());
        assertEquals(PolicyParser.CONDITION_KEYS, map(schema, "$defs", "condition", "properties").keySet());
        assertEquals(PolicyParser.SESSION_KEYS, map(schema, "$defs", "sessions", "properties").keySet());
        assertEquals(Set.of("types", "mode"), map(schema, "$defs", "redact", "properties").keySet());
    }

    @Test
    void everyExamplePolicy_usesOnlyKeysTheSchemaDeclares() throws IOException {
        Object schema = load(SCHEMA);
        Set<String> top = map(schema, "properties").keySet();
        Set<String> rule = map(schema, "$defs", "rule", "properties").keySet();
        Set<String> condition = map(schema, "$defs", "condition", "properties").keySet();
        List<Path> policies;
        try (Stream<Path> s = Files.list(POLICIES)) {
            policies = s.filter(p -> p.toString().endsWith(".yaml") && !p.toString().endsWith(".cases.yaml"))
                    .sorted().toList();
        }
        assertFalse(policies.isEmpty());
        for (Path p : policies) {
            Map<String, Object> policy = map(load(p));
            assertTrue(top.containsAll(policy.keySet()), p + ": " + policy.keySet() + " not all in " + top);
            for (Object r : (List<?>) policy.get("rules")) {
                Map<String, Object> ruleMap = map(r);
                assertTrue(rule.containsAll(ruleMap.keySet()), p + ": rule keys " + ruleMap.keySet());
                assertConditionKeys(p, ruleMap.get("when"), condition);
            }
        }
    }

    private static void assertConditionKeys(Path p, Object when, Set<String> allowed) {
        Map<String, Object> c = map(when);
        assertTrue(allowed.containsAll(c.keySet()), p + ": condition keys " + c.keySet());
        for (String combinator : List.of("all", "any")) {
            if (c.get(combinator) instanceof List<?> list) {
                list.forEach(item -> assertConditionKeys(p, item, allowed));
            }
        }
        if (c.get("not") != null) {
            assertConditionKeys(p, c.get("not"), allowed);
        }
    }
}
