package dev.veil.proxy.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.veil.audit.FsyncPolicy;
import dev.veil.detectors.DetectorSettings;
import dev.veil.policy.Trust;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path file(String yaml) throws IOException {
        Path f = dir.resolve("veil.yaml");
        Files.writeString(f, yaml);
        return f;
    }

    private List<String> problems(String yaml) throws IOException {
        Path f = file(yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(f));
        return e.problems();
    }

    /** The first problem; later ones may follow from it (an upstream left out, so no default). */
    private String first(List<String> problems) {
        assertTrue(!problems.isEmpty());
        return problems.get(0);
    }

    private String only(List<String> problems) {
        assertEquals(1, problems.size(), String.join("\n", problems));
        return problems.get(0);
    }

    @Test
    void load_emptyFile_givesTheDefaults() throws Exception {
        VeilConfig c = ConfigLoader.load(file(""));

        assertEquals(VeilConfig.defaults(), c);
    }

    @Test
    void load_keysAbsent_takeTheDefaults() throws Exception {
        VeilConfig c = ConfigLoader.load(file("listen: 0.0.0.0:9000\n"));
        VeilConfig d = VeilConfig.defaults();

        assertEquals("0.0.0.0", c.host());
        assertEquals(9000, c.port());
        assertEquals(d.maxBodyBytes(), c.maxBodyBytes());
        assertEquals(d.upstreams(), c.upstreams());
        assertEquals("openai", c.defaultUpstream());
        assertEquals(d.policyFile(), c.policyFile());
        assertEquals(d.scanTimeout(), c.scanTimeout());
        assertEquals(d.audit(), c.audit());
        assertEquals(URI.create("https://api.openai.com/v1"), c.upstream("openai").url());
        assertEquals("OPENAI_API_KEY", c.upstream("openai").apiKeyEnv());
        assertEquals(Trust.INTERNAL, c.upstream("local").trust());
        assertEquals(URI.create("http://127.0.0.1:11434/v1"), c.upstream("local").url());
    }

    @Test
    void load_knownUpstreamWithOnlyAUrl_keepsItsOtherDefaults() throws Exception {
        VeilConfig c = ConfigLoader.load(file("""
                upstreams:
                  openai:
                    url: http://127.0.0.1:9999/v1
                  local:
                    url: http://10.0.0.5:8000/v1
                    models:
                      gpt-4o-mini: qwen2.5-7b
                    response_timeout_ms: 1500
                """));

        UpstreamConfig openai = c.upstream("openai");
        assertEquals(Trust.EXTERNAL, openai.trust());
        assertEquals("OPENAI_API_KEY", openai.apiKeyEnv());
        assertEquals(9999, openai.port());
        assertEquals("/v1", openai.basePath());
        UpstreamConfig local = c.upstream("local");
        assertEquals(Trust.INTERNAL, local.trust());
        assertEquals("qwen2.5-7b", local.mapModel("gpt-4o-mini"));
        assertEquals("gpt-4o", local.mapModel("gpt-4o"), "a model not in the map passes unchanged");
        assertEquals(Duration.ofMillis(1500), local.responseTimeout());
        assertEquals("", local.apiKeyEnv());
    }

    @Test
    void load_everyKey_isRead_andRelativePathsResolveAgainstTheConfigDirectory() throws Exception {
        VeilConfig c = ConfigLoader.load(file("""
                listen: 127.0.0.1:0
                max_body_bytes: 65536
                policy: policies/strict.yaml
                default_upstream: azure
                scan_timeout_ms: 750
                worker_threads: 3
                inline_scan_max_bytes: 1024
                audit:
                  dir: trail
                  officer_keys: [keys/officer-a.pub, keys/officer-b.pub]
                  signing_key: keys/signing.key
                  checkpoint_dir: /var/backup/veil
                  fsync: checkpoint
                upstreams:
                  azure:
                    url: https://example-openai.azure.com/openai/v1
                    trust: external
                    api_key_env: AZURE_KEY
                  vllm:
                    url: http://gpu-box:8000/v1
                    trust: internal
                    connect_timeout_ms: 250
                    idle_timeout_ms: 30000
                """));

        assertEquals(65536, c.maxBodyBytes());
        assertEquals(dir.resolve("policies/strict.yaml"), c.policyFile());
        assertEquals("azure", c.defaultUpstream());
        assertEquals(Duration.ofMillis(750), c.scanTimeout());
        assertEquals(3, c.workerThreads());
        assertEquals(1024, c.server().inlineScanMaxBytes());
        assertEquals(dir.resolve("trail"), c.audit().dir());
        assertEquals(List.of(dir.resolve("keys/officer-a.pub"), dir.resolve("keys/officer-b.pub")),
                c.audit().officerKeys());
        assertEquals(dir.resolve("keys/signing.key"), c.audit().signingKey());
        assertEquals(Path.of("/var/backup/veil"), c.audit().checkpointDir().orElseThrow());
        assertEquals(FsyncPolicy.CHECKPOINT, c.audit().fsync());
        assertEquals(List.of("azure", "vllm"), List.copyOf(c.upstreams().keySet()),
                "a file's upstreams replace the defaults, in file order");
        assertEquals(Map.of("azure", Trust.EXTERNAL, "vllm", Trust.INTERNAL), c.trustByUpstream());
        assertTrue(c.upstream("azure").tls());
        assertEquals(443, c.upstream("azure").port());
        assertEquals("/openai/v1", c.upstream("azure").basePath());
        assertEquals("AZURE_KEY", c.upstream("azure").apiKeyEnv());
        assertEquals(Duration.ofMillis(250), c.upstream("vllm").connectTimeout());
        assertEquals(Duration.ofSeconds(30), c.upstream("vllm").idleTimeout());
    }

    @Test
    void load_unknownTopLevelKey_isAnErrorWithFileLineAndColumn() throws IOException {
        String p = only(problems("""
                listen: 127.0.0.1:8787
                max_body_byte: 1024
                """));

        assertTrue(p.startsWith(dir.resolve("veil.yaml") + ":2:1: "), p);
        assertTrue(p.contains("unknown key 'max_body_byte'"), p);
        assertTrue(p.contains("max_body_bytes"), "the message should list the allowed keys: " + p);
    }

    @Test
    void load_unknownUpstreamKey_pointsAtTheKey() throws IOException {
        String p = only(problems("""
                upstreams:
                  openai:
                    url: https://api.openai.com/v1
                    trust: external
                    apikey_env: OPENAI_API_KEY
                """));

        assertTrue(p.contains("veil.yaml:5:5: unknown key 'apikey_env' in upstreams.openai"), p);
        assertTrue(p.contains("api_key_env"), p);
    }

    @Test
    void load_unknownAuditKey_isAnError() throws IOException {
        String p = only(problems("""
                audit:
                  directory: trail
                """));

        assertTrue(p.contains("veil.yaml:2:3: unknown key 'directory' in audit"), p);
    }

    @Test
    void load_badTrust_isAnErrorAtTheValue() throws IOException {
        String p = first(problems("""
                upstreams:
                  openai:
                    url: https://api.openai.com/v1
                    trust: trusted
                """));

        assertTrue(p.contains("veil.yaml:4:12: upstreams.openai.trust must be 'external' or 'internal'"), p);
    }

    @Test
    void load_newUpstreamWithoutTrust_isAnError() throws IOException {
        String p = only(problems("""
                upstreams:
                  openai:
                    url: https://api.openai.com/v1
                  vllm:
                    url: http://gpu-box:8000/v1
                """));

        assertTrue(p.contains("veil.yaml:5:5: upstreams.vllm needs trust"), p);
    }

    @Test
    void load_badUrls_areErrors() throws IOException {
        List<String> ps = problems("""
                upstreams:
                  openai:
                    url: ftp://files.example.com/v1
                  local:
                    url: "http://bad host/v1"
                  vllm:
                    trust: internal
                """);

        assertTrue(ps.size() >= 3, String.join("\n", ps));
        assertTrue(ps.get(0).contains("veil.yaml:3:10: upstreams.openai.url must be an http:// or https:// URL"),
                ps.get(0));
        assertTrue(ps.get(1).contains("veil.yaml:5:10: upstreams.local.url is not a valid URL"), ps.get(1));
        assertTrue(ps.get(2).contains("veil.yaml:7:5: upstreams.vllm needs a url"), ps.get(2));
    }

    @Test
    void load_defaultUpstreamThatDoesNotExist_isAnError() throws IOException {
        String p = only(problems("default_upstream: anthropic\n"));

        assertTrue(p.contains("veil.yaml:1:19: default_upstream 'anthropic' is not one of the upstreams: openai, local"),
                p);
    }

    @Test
    void load_noExternalUpstreamToDefaultTo_isAnError() throws IOException {
        String p = only(problems("""
                upstreams:
                  vllm:
                    url: http://gpu-box:8000/v1
                    trust: internal
                """));

        assertTrue(p.contains("no external upstream to use as default_upstream"), p);
    }

    @Test
    void load_externalUpstreamUnderAnotherName_becomesTheDefault() throws Exception {
        VeilConfig c = ConfigLoader.load(file("""
                upstreams:
                  vllm:
                    url: http://gpu-box:8000/v1
                    trust: internal
                  azure:
                    url: https://example-openai.azure.com/openai/v1
                    trust: external
                """));

        assertEquals("azure", c.defaultUpstream());
    }

    @Test
    void load_wrongTypesAndRanges_areAllReportedAtOnce() throws IOException {
        List<String> ps = problems("""
                listen: localhost
                max_body_bytes: lots
                scan_timeout_ms: 0
                worker_threads: -1
                audit:
                  fsync: always
                  officer_keys: officer.pub
                inline_scan_max_bytes: -1
                """);

        assertEquals(7, ps.size(), String.join("\n", ps));
        assertTrue(ps.get(0).contains(":1:9: listen must be host:port"), ps.get(0));
        assertTrue(ps.get(1).contains(":2:17: max_body_bytes must be a whole number"), ps.get(1));
        assertTrue(ps.get(2).contains(":3:18: scan_timeout_ms must be between 1 and"), ps.get(2));
        assertTrue(ps.get(3).contains(":4:17: worker_threads must be between 0 and 1024, got -1"), ps.get(3));
        assertTrue(String.join("\n", ps).contains(":6:10: audit.fsync must be one of: batch, checkpoint, none"));
        assertTrue(String.join("\n", ps).contains(":7:17: audit.officer_keys must be a list"));
        assertTrue(String.join("\n", ps).contains(":8:24: inline_scan_max_bytes must be between 0 and"),
                String.join("\n", ps));
    }

    @Test
    void load_invalidYaml_isAnErrorWithItsPosition() throws IOException {
        String p = only(problems("listen: [127.0.0.1\n"));

        assertTrue(p.startsWith(dir.resolve("veil.yaml") + ":"), p);
        assertTrue(p.contains("invalid YAML"), p);
    }

    @Test
    void load_duplicateKey_isAnError() throws IOException {
        String p = only(problems("""
                listen: 127.0.0.1:8787
                listen: 127.0.0.1:9000
                """));

        assertTrue(p.contains("veil.yaml:2:1: invalid YAML"), p);
    }

    @Test
    void load_missingFile_isAnErrorNamingIt() {
        Path missing = dir.resolve("nope.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing));

        assertTrue(e.getMessage().startsWith(missing + ": cannot read the config file"), e.getMessage());
    }

    @Test
    void load_detectorsSection_isRead_withPathsResolvedAgainstTheConfigDirectory() throws Exception {
        VeilConfig c = ConfigLoader.load(file("""
                detectors:
                  disabled: [network.mac]
                  allow_list: [S3, EKS]
                  phone_regions: [US, GB]
                  dictionaries:
                    - {name: codenames, file: detectors/codenames.txt, case_sensitive: true, whole_words: false, score: 0.7}
                  regexes:
                    - {name: employee_id, pattern: "EMP-[0-9]{6}", context: [employee, staff]}
                """));

        DetectorSettings d = c.detectors();
        assertEquals(List.of("network.mac"), d.disabled());
        assertEquals(List.of(), d.enabled());
        assertEquals(List.of("S3", "EKS"), d.allowList());
        assertEquals(List.of("US", "GB"), d.phoneRegions());
        assertEquals(List.of(new DetectorSettings.Dictionary("codenames", dir.resolve("detectors/codenames.txt"),
                true, false, 0.7)), d.dictionaries());
        assertEquals(List.of(new DetectorSettings.CustomRegex("employee_id", "EMP-[0-9]{6}", 0.9,
                List.of("employee", "staff"))), d.regexes());
    }

    @Test
    void load_detectorsAbsent_areTheStandardSet() throws Exception {
        assertEquals(DetectorSettings.defaults(), ConfigLoader.load(file("listen: 127.0.0.1:8787\n")).detectors());
    }

    @Test
    void load_detectorsMistakes_areErrorsWithFileLineAndColumn() throws IOException {
        List<String> ps = problems("""
                detectors:
                  disable: [network.mac]
                  allow_list: S3
                  regexes:
                    - {pattern: "EMP-[0-9]{6}"}
                    - {name: badge, pattern: "B-[0-9]+", score: 2}
                """);

        String all = String.join("\n", ps);
        assertTrue(all.contains("veil.yaml:2:3: unknown key 'disable' in detectors"), all);
        assertTrue(all.contains("veil.yaml:3:15: detectors.allow_list must be a list"), all);
        assertTrue(all.contains("veil.yaml:5:7: detectors.regexes entry needs 'name'"), all);
        assertTrue(all.contains("veil.yaml:6:"), "a score above 1 is refused where it is written: " + all);
    }

    @Test
    void load_theProjectsExampleConfig_isValid_andKeepsTheDocumentedDefaults() throws Exception {
        VeilConfig c = ConfigLoader.load(Path.of("..", "veil.example.yaml"));

        assertEquals("127.0.0.1", c.host());
        assertEquals(8787, c.port());
        assertEquals("openai", c.defaultUpstream());
        assertEquals(Trust.EXTERNAL, c.upstream("openai").trust());
        assertEquals("OPENAI_API_KEY", c.upstream("openai").apiKeyEnv());
        assertEquals(Trust.INTERNAL, c.upstream("local").trust());
        assertEquals("", c.upstream("local").apiKeyEnv(), "the example must not give the internal upstream a key");
        assertEquals(ServerOptions.DEFAULT_INLINE_SCAN_MAX_BYTES, c.server().inlineScanMaxBytes());
    }

    @Test
    void load_faultHandlingKeys_areReadPerUpstream_andAbsentOnesTakeTheDefaults() throws Exception {
        VeilConfig c = ConfigLoader.load(file("""
                upstreams:
                  openai:
                    url: https://api.openai.com/v1
                    trust: external
                    circuit_breaker:
                      failure_threshold: 10
                      cool_down_ms: 5000
                    retry:
                      max_attempts: 3
                      backoff_ms: 250
                  local:
                    url: http://127.0.0.1:8000/v1
                    trust: internal
                    circuit_breaker:
                      failure_threshold: 0
                """));

        assertEquals(new CircuitBreakerSettings(10, Duration.ofSeconds(5)), c.upstream("openai").circuitBreaker());
        assertEquals(new RetrySettings(3, Duration.ofMillis(250)), c.upstream("openai").retry());
        assertEquals(0, c.upstream("local").circuitBreaker().failureThreshold());
        assertEquals(CircuitBreakerSettings.DEFAULT.coolDown(), c.upstream("local").circuitBreaker().coolDown());
        assertEquals(RetrySettings.DEFAULT, c.upstream("local").retry());
    }

    @Test
    void load_faultHandlingMistakes_areErrorsWithFileLineAndColumn() throws IOException {
        List<String> p = problems("""
                upstreams:
                  openai:
                    url: https://api.openai.com/v1
                    trust: external
                    circuit_breaker:
                      failure_treshold: 3
                    retry:
                      max_attempts: 0
                """);

        String all = String.join("\n", p);
        assertTrue(all.contains("veil.yaml:6:7: unknown key 'failure_treshold' in upstreams.openai.circuit_breaker"), all);
        assertTrue(all.contains("veil.yaml:8:21: upstreams.openai.retry.max_attempts must be between 1 and 10, got 0"),
                all);
    }
}
