package dev.veil.policy;

import static dev.veil.policy.TestSupport.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {

    private static List<String> errors(String yaml) {
        PolicyException e = assertThrows(PolicyException.class, () -> parse(yaml));
        return e.errors().stream().map(PolicyError::toString).toList();
    }

    private static void assertError(List<String> errors, String location, String fragment) {
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("test.yaml:" + location + ": ") && e.contains(fragment)),
                () -> "no error at " + location + " containing '" + fragment + "' in:\n" + String.join("\n", errors));
    }

    @Test
    void load_fileWithManyProblems_reportsEveryOneAtItsLineAndColumn() {
        String yaml = """
                version: 1
                default: allow
                on_detector_error: route local
                rulez: []
                rules:
                  - id: a
                    description: unknown upstream
                    when: {findings: "pii.*"}
                    action: route lcoal
                  - id: a
                    description: duplicate id
                    when: {findings: "secret.*"}
                    action: block
                    message: no
                  - id: c
                    description: unknown type
                    when:
                      findings: "pii.emial"
                    action: route local
                  - id: d
                    description: wrong type
                    when:
                      findings: {types: "pii.*", min_count: two}
                    action: route local
                  - id: e
                    description: sends pii outside
                    when: {findings: "pii.email"}
                    action: allow
                  - id: f
                    description: unknown key
                    whenn: {model: "gpt-4*"}
                    when: {model: "gpt-4*"}
                    action: allow
                """;
        List<String> errors = errors(yaml);
        assertError(errors, "4:1", "unknown key 'rulez'");
        assertError(errors, "9:19", "unknown upstream 'lcoal'");
        assertError(errors, "9:19", "did you mean 'local'");
        assertError(errors, "10:9", "duplicate rule id 'a' (first used at line 6)");
        assertError(errors, "18:17", "unknown finding type 'pii.emial'");
        assertError(errors, "18:17", "did you mean 'pii.email'");
        assertError(errors, "23:45", "min_count must be a whole number");
        assertError(errors, "28:13", "sends requests with sensitive findings (pii.email) to external upstream 'openai'");
        assertError(errors, "31:5", "unknown key 'whenn' in rule 'f'; did you mean 'when'?");
        assertEquals(7, errors.size(), String.join("\n", errors));
    }

    @Test
    void load_invalidFileOnDisk_namesFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, "version: 1\ndefault: allow\non_detector_error: route openai\nrules: []\n");
        PolicyException e = assertThrows(PolicyException.class,
                () -> Policy.load(file, TestSupport.UPSTREAMS, FindingTypes.DOCUMENTED));
        assertEquals(1, e.errors().size());
        PolicyError error = e.errors().get(0);
        assertEquals(file.toString(), error.file());
        assertEquals(3, error.line());
        assertEquals(20, error.column());
        assertTrue(error.message().contains("external upstream 'openai'"), error.message());
    }

    @Test
    void load_missingRequiredKeys_saysWhichOnes() {
        List<String> errors = errors("version: 1\nrules: []\n");
        assertError(errors, "1:1", "missing required key 'default'");
        assertError(errors, "1:1", "missing required key 'on_detector_error'");
    }

    @Test
    void load_yamlSyntaxError_givesPosition() {
        List<String> errors = errors("version: 1\nrules:\n  - id: [unclosed\n");
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("test.yaml:4:1: not valid YAML"), errors.get(0));
    }

    @Test
    void load_globMatchingNoKnownType_isRefused() {
        List<String> errors = errors("""
                version: 1
                default: allow
                on_detector_error: block
                rules:
                  - id: x
                    description: typo in category
                    when: {findings: "secrets.*"}
                    action: block
                    message: m
                """);
        assertError(errors, "7:22", "a glob must match at least one known type");
    }

    @Test
    void load_acceptedRisk_allowsExternalSensitiveRule() throws PolicyException {
        Policy p = parse("""
                version: 1
                default: allow
                on_detector_error: block
                rules:
                  - id: emails-ok
                    description: Work emails may go to the external model; reviewed by security.
                    when: {findings: "pii.email"}
                    action: allow
                    accepted_risk: true
                """);
        assertEquals(Action.ALLOW, p.decide(TestSupport.facts("pii.email")).action());
    }

    @Test
    void load_redactNotCoveringMatchedTypes_isRefused() {
        List<String> errors = errors("""
                version: 1
                default: allow
                on_detector_error: block
                rules:
                  - id: r
                    description: matches all pii but redacts only emails
                    when: {findings: "pii.*"}
                    action: redact
                    redact: {types: [pii.email], mode: pseudonymize}
                """);
        assertError(errors, "8:13", "pii.date_of_birth");
    }

    @Test
    void load_unknownTopicAndWrongVersion_areRefused() {
        List<String> errors = errors("""
                version: 2
                default: block
                on_detector_error: block
                rules:
                  - id: t
                    description: typo
                    when: {topic: helth}
                    action: route local
                """);
        assertError(errors, "1:10", "unsupported version 2");
        assertError(errors, "7:19", "unknown topic 'helth'");
        assertError(errors, "7:19", "did you mean 'health'");
    }

    @Test
    void load_blockWithoutMessage_isRefused() {
        List<String> errors = errors("""
                version: 1
                default: allow
                on_detector_error: block
                rules:
                  - id: b
                    description: no message
                    when: {findings: "secret.*"}
                    action: block
                """);
        assertError(errors, "8:13", "has no 'message:'");
    }

    @Test
    void load_reservedId_isRefused() {
        List<String> errors = errors("""
                version: 1
                default: allow
                on_detector_error: block
                rules:
                  - id: default
                    description: clashes with the default decision id
                    when: {model: "x"}
                    action: allow
                """);
        assertError(errors, "5:9", "reserved");
    }

    @Test
    void version_changesWithContent() throws PolicyException {
        String base = "version: 1\ndefault: allow\non_detector_error: block\nrules: []\n";
        assertTrue(!parse(base).version().equals(parse(base + "# edited\n").version()));
        assertEquals(parse(base).version(), parse(base).version());
    }
}
