package dev.veil.proxy.config;

import dev.veil.audit.FsyncPolicy;
import dev.veil.detectors.DetectorSettings;
import dev.veil.policy.Trust;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Loads {@code veil.yaml} strictly: unknown keys, wrong types and dangling references are errors
 * naming file:line:column, and all of them are reported at once. Keys absent from the file take
 * the values of {@link VeilConfig#defaults()}. Relative paths are resolved against the directory
 * of the config file.
 */
public final class ConfigLoader {

    private static final Set<String> TOP_KEYS = Set.of("listen", "max_body_bytes", "policy",
            "default_upstream", "scan_timeout_ms", "worker_threads", "audit", "upstreams", "detectors", "tls", "auth",
            "admin", "drain_timeout_ms", "shadow_policy", "client_timeout_ms",
            "inline_scan_max_bytes");
    private static final Set<String> TLS_KEYS = Set.of("cert", "key");
    private static final Set<String> AUTH_KEYS = Set.of("keys_file");
    private static final Set<String> ADMIN_KEYS = Set.of("listen", "enabled");
    private static final Set<String> DETECTOR_KEYS = Set.of("enabled", "disabled", "allow_list", "phone_regions",
            "dictionaries", "regexes");
    private static final Set<String> DICTIONARY_KEYS = Set.of("name", "file", "case_sensitive", "whole_words",
            "score");
    private static final Set<String> REGEX_KEYS = Set.of("name", "pattern", "score", "context");
    private static final Set<String> AUDIT_KEYS = Set.of("dir", "officer_keys", "signing_key", "checkpoint_dir",
            "fsync");
    private static final Set<String> UPSTREAM_KEYS = Set.of("url", "trust", "api_key_env", "models",
            "connect_timeout_ms", "response_timeout_ms", "idle_timeout_ms", "circuit_breaker", "retry");
    private static final Set<String> CIRCUIT_KEYS = Set.of("failure_threshold", "cool_down_ms");
    private static final Set<String> RETRY_KEYS = Set.of("max_attempts", "backoff_ms");
    private static final long MAX_TIMEOUT_MS = Duration.ofHours(1).toMillis();

    private ConfigLoader() {
    }

    public static VeilConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read the config file: " + e.getMessage()));
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(file.toString(), text, base);
    }

    static VeilConfig parse(String name, String text, Path base) throws ConfigException {
        YamlNodes yaml = new YamlNodes(name);
        VeilConfig d = VeilConfig.defaults();
        Optional<Node> root = yaml.parse(text);
        if (root.isEmpty()) {
            if (yaml.problems().isEmpty()) {
                return d;
            }
            throw new ConfigException(yaml.problems());
        }
        Map<String, Node> top = yaml.mapping(root.get(), "the config file", TOP_KEYS);

        String host = d.host();
        int port = d.port();
        if (top.containsKey("listen")) {
            Node n = top.get("listen");
            Optional<String> listen = yaml.string(n, "listen");
            if (listen.isPresent()) {
                int colon = listen.get().lastIndexOf(':');
                try {
                    host = listen.get().substring(0, colon);
                    port = Integer.parseInt(listen.get().substring(colon + 1));
                    if (host.isEmpty() || port < 0 || port > 65535) {
                        throw new NumberFormatException();
                    }
                } catch (RuntimeException e) {
                    yaml.problem(n, "listen must be host:port, e.g. 127.0.0.1:8787");
                }
            }
        }
        long maxBody = opt(top, "max_body_bytes").flatMap(n -> yaml.number(n, "max_body_bytes", 1024, 1L << 30))
                .orElse(d.maxBodyBytes());
        Path policy = opt(top, "policy").flatMap(n -> yaml.string(n, "policy")).map(base::resolve)
                .orElse(d.policyFile());
        Duration scanTimeout = opt(top, "scan_timeout_ms")
                .flatMap(n -> yaml.number(n, "scan_timeout_ms", 1, MAX_TIMEOUT_MS)).map(Duration::ofMillis)
                .orElse(d.scanTimeout());
        int workers = opt(top, "worker_threads").flatMap(n -> yaml.number(n, "worker_threads", 0, 1024))
                .map(Long::intValue).orElse(d.workerThreads());
        AuditConfig audit = d.audit();
        if (top.containsKey("audit")) {
            audit = audit(yaml, top.get("audit"), base, audit);
        }

        DetectorSettings detectors = d.detectors();
        if (top.containsKey("detectors")) {
            detectors = detectors(yaml, top.get("detectors"), base);
        }

        ServerOptions server = server(yaml, top, base, d.server());

        Map<String, UpstreamConfig> upstreams = d.upstreams();
        if (top.containsKey("upstreams")) {
            upstreams = new LinkedHashMap<>();
            for (Map.Entry<String, Node> e : yaml.mapping(top.get("upstreams"), "upstreams", null).entrySet()) {
                UpstreamConfig u = upstream(yaml, e.getKey(), e.getValue(), d.upstreams().get(e.getKey()));
                if (u != null) {
                    upstreams.put(e.getKey(), u);
                }
            }
        }
        String defaultUpstream = d.defaultUpstream();
        if (top.containsKey("default_upstream")) {
            Node n = top.get("default_upstream");
            defaultUpstream = yaml.string(n, "default_upstream").orElse(defaultUpstream);
            UpstreamConfig u = upstreams.get(defaultUpstream);
            if (u == null) {
                yaml.problem(n, "default_upstream '" + defaultUpstream + "' is not one of the upstreams: "
                        + String.join(", ", upstreams.keySet()));
            }
        } else if (!upstreams.containsKey(defaultUpstream)) {
            defaultUpstream = upstreams.values().stream().filter(u -> u.trust() == Trust.EXTERNAL)
                    .map(UpstreamConfig::name).findFirst().orElse(defaultUpstream);
            if (!upstreams.containsKey(defaultUpstream)) {
                yaml.problem(root.get(), "no external upstream to use as default_upstream; add one or set default_upstream");
            }
        }
        if (!yaml.problems().isEmpty()) {
            throw new ConfigException(yaml.problems());
        }
        Optional<Path> shadow = opt(top, "shadow_policy").flatMap(n -> yaml.string(n, "shadow_policy"))
                .map(base::resolve);
        return new VeilConfig(host, port, maxBody, upstreams, defaultUpstream, policy, audit, scanTimeout, workers,
                detectors, server, shadow);
    }

    private static ServerOptions server(YamlNodes yaml, Map<String, Node> top, Path base, ServerOptions d) {
        Optional<Path> cert = d.tlsCertificate();
        Optional<Path> key = d.tlsKey();
        if (top.containsKey("tls")) {
            Map<String, Node> t = yaml.mapping(top.get("tls"), "tls", TLS_KEYS);
            cert = opt(t, "cert").flatMap(n -> yaml.string(n, "tls.cert")).map(base::resolve);
            key = opt(t, "key").flatMap(n -> yaml.string(n, "tls.key")).map(base::resolve);
            if (cert.isPresent() != key.isPresent()) {
                yaml.problem(top.get("tls"), "tls needs both cert and key (PEM files); make a local pair with "
                        + "`veil tls selfsigned --out DIR`");
                cert = Optional.empty();
                key = Optional.empty();
            }
        }
        Optional<Path> keys = d.authKeysFile();
        if (top.containsKey("auth")) {
            Map<String, Node> a = yaml.mapping(top.get("auth"), "auth", AUTH_KEYS);
            keys = opt(a, "keys_file").flatMap(n -> yaml.string(n, "auth.keys_file")).map(base::resolve);
        }
        String adminHost = d.adminHost();
        int adminPort = d.adminPort();
        if (top.containsKey("admin")) {
            Map<String, Node> a = yaml.mapping(top.get("admin"), "admin", ADMIN_KEYS);
            if (a.containsKey("listen")) {
                Optional<String> listen = yaml.string(a.get("listen"), "admin.listen");
                int colon = listen.map(l -> l.lastIndexOf(':')).orElse(-1);
                try {
                    adminHost = listen.orElseThrow().substring(0, colon);
                    adminPort = Integer.parseInt(listen.orElseThrow().substring(colon + 1));
                    if (adminHost.isEmpty() || adminPort < 0 || adminPort > 65535) {
                        throw new NumberFormatException();
                    }
                } catch (RuntimeException e) {
                    yaml.problem(a.get("listen"), "admin.listen must be host:port, e.g. 127.0.0.1:8788");
                }
            }
            if (a.containsKey("enabled") && !flag(yaml, a, "enabled", true)) {
                adminPort = -1;
            }
        }
        Duration drain = opt(top, "drain_timeout_ms").flatMap(n -> yaml.number(n, "drain_timeout_ms", 0, MAX_TIMEOUT_MS))
                .map(Duration::ofMillis).orElse(d.drainTimeout());
        Duration client = opt(top, "client_timeout_ms").flatMap(n -> yaml.number(n, "client_timeout_ms", 100,
                MAX_TIMEOUT_MS)).map(Duration::ofMillis).orElse(d.clientTimeout());
        int inline = opt(top, "inline_scan_max_bytes").flatMap(n -> yaml.number(n, "inline_scan_max_bytes", 0,
                1L << 20)).map(Long::intValue).orElse(d.inlineScanMaxBytes());
        return new ServerOptions(cert, key, keys, adminHost, adminPort, drain, client, inline);
    }

    private static DetectorSettings detectors(YamlNodes yaml, Node node, Path base) {
        Map<String, Node> m = yaml.mapping(node, "detectors", DETECTOR_KEYS);
        DetectorSettings s = DetectorSettings.defaults();
        if (m.containsKey("enabled")) {
            s = s.withEnabled(strings(yaml, m.get("enabled"), "detectors.enabled"));
        }
        if (m.containsKey("disabled")) {
            s = s.withDisabled(strings(yaml, m.get("disabled"), "detectors.disabled"));
        }
        if (m.containsKey("allow_list")) {
            s = s.withAllowList(strings(yaml, m.get("allow_list"), "detectors.allow_list"));
        }
        if (m.containsKey("phone_regions")) {
            s = s.withPhoneRegions(strings(yaml, m.get("phone_regions"), "detectors.phone_regions"));
        }
        if (m.containsKey("dictionaries")) {
            List<DetectorSettings.Dictionary> dictionaries = new java.util.ArrayList<>();
            for (Node item : items(yaml, m.get("dictionaries"), "detectors.dictionaries")) {
                Map<String, Node> e = yaml.mapping(item, "a detectors.dictionaries entry", DICTIONARY_KEYS);
                String name = required(yaml, e, item, "name", "detectors.dictionaries entry");
                String file = required(yaml, e, item, "file", "detectors.dictionaries entry");
                if (name != null && file != null) {
                    dictionaries.add(new DetectorSettings.Dictionary(name, base.resolve(file),
                            flag(yaml, e, "case_sensitive", false), flag(yaml, e, "whole_words", true),
                            score(yaml, e)));
                }
            }
            s = s.withDictionaries(dictionaries);
        }
        if (m.containsKey("regexes")) {
            List<DetectorSettings.CustomRegex> regexes = new java.util.ArrayList<>();
            for (Node item : items(yaml, m.get("regexes"), "detectors.regexes")) {
                Map<String, Node> e = yaml.mapping(item, "a detectors.regexes entry", REGEX_KEYS);
                String name = required(yaml, e, item, "name", "detectors.regexes entry");
                String pattern = required(yaml, e, item, "pattern", "detectors.regexes entry");
                List<String> context = e.containsKey("context")
                        ? strings(yaml, e.get("context"), "detectors.regexes context") : List.of();
                if (name != null && pattern != null) {
                    regexes.add(new DetectorSettings.CustomRegex(name, pattern, score(yaml, e), context));
                }
            }
            s = s.withRegexes(regexes);
        }
        return s;
    }

    private static List<Node> items(YamlNodes yaml, Node node, String what) {
        if (node instanceof SequenceNode seq) {
            return seq.getValue();
        }
        yaml.problem(node, what + " must be a list");
        return List.of();
    }

    private static List<String> strings(YamlNodes yaml, Node node, String what) {
        List<String> out = new java.util.ArrayList<>();
        for (Node item : items(yaml, node, what)) {
            yaml.string(item, what + " entry").ifPresent(out::add);
        }
        return out;
    }

    private static String required(YamlNodes yaml, Map<String, Node> m, Node at, String key, String what) {
        if (!m.containsKey(key)) {
            yaml.problem(at, what + " needs '" + key + "'");
            return null;
        }
        return yaml.string(m.get(key), what + "." + key).orElse(null);
    }

    private static boolean flag(YamlNodes yaml, Map<String, Node> m, String key, boolean dflt) {
        if (!m.containsKey(key)) {
            return dflt;
        }
        String v = yaml.string(m.get(key), key).orElse("");
        if (!v.equals("true") && !v.equals("false")) {
            yaml.problem(m.get(key), key + " must be true or false");
            return dflt;
        }
        return Boolean.parseBoolean(v);
    }

    private static double score(YamlNodes yaml, Map<String, Node> m) {
        if (!m.containsKey("score")) {
            return 0.9;
        }
        Node n = m.get("score");
        try {
            double v = Double.parseDouble(yaml.string(n, "score").orElse("x"));
            if (v > 0 && v <= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        yaml.problem(n, "score must be a number within (0, 1]");
        return 0.9;
    }

    private static AuditConfig audit(YamlNodes yaml, Node node, Path base, AuditConfig d) {
        Map<String, Node> m = yaml.mapping(node, "audit", AUDIT_KEYS);
        Path dir = opt(m, "dir").flatMap(n -> yaml.string(n, "audit.dir")).map(base::resolve).orElse(d.dir());
        List<Path> officers = d.officerKeys();
        if (m.containsKey("officer_keys")) {
            Node n = m.get("officer_keys");
            if (n instanceof SequenceNode seq && !seq.getValue().isEmpty()) {
                officers = new java.util.ArrayList<>();
                for (Node item : seq.getValue()) {
                    yaml.string(item, "audit.officer_keys entry").map(base::resolve).ifPresent(officers::add);
                }
            } else {
                yaml.problem(n, "audit.officer_keys must be a list of officer public key files (officer-x25519.pub)");
            }
        }
        Path signing = opt(m, "signing_key").flatMap(n -> yaml.string(n, "audit.signing_key")).map(base::resolve)
                .orElse(d.signingKey());
        Optional<Path> checkpoints = opt(m, "checkpoint_dir").flatMap(n -> yaml.string(n, "audit.checkpoint_dir"))
                .map(base::resolve).or(d::checkpointDir);
        FsyncPolicy fsync = d.fsync();
        if (m.containsKey("fsync")) {
            Node n = m.get("fsync");
            String v = yaml.string(n, "audit.fsync").orElse("");
            switch (v) {
                case "batch" -> fsync = FsyncPolicy.BATCH;
                case "checkpoint" -> fsync = FsyncPolicy.CHECKPOINT;
                case "none" -> fsync = FsyncPolicy.NONE;
                default -> yaml.problem(n, "audit.fsync must be one of: batch, checkpoint, none");
            }
        }
        return new AuditConfig(dir, officers, signing, checkpoints, fsync);
    }

    private static UpstreamConfig upstream(YamlNodes yaml, String name, Node node, UpstreamConfig fallback) {
        String what = "upstreams." + name;
        Map<String, Node> m = yaml.mapping(node, what, UPSTREAM_KEYS);
        int before = yaml.problems().size();
        URI url = null;
        if (!m.containsKey("url")) {
            if (fallback == null) {
                yaml.problem(node, what + " needs a url, e.g. http://127.0.0.1:8000/v1");
            } else {
                url = fallback.url();
            }
        } else {
            Node n = m.get("url");
            Optional<String> s = yaml.string(n, what + ".url");
            if (s.isPresent()) {
                try {
                    url = new URI(s.get());
                    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
                    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
                        yaml.problem(n, what + ".url must be an http:// or https:// URL with a host");
                    }
                } catch (URISyntaxException e) {
                    yaml.problem(n, what + ".url is not a valid URL: " + e.getReason());
                }
            }
        }
        Trust trust = fallback == null ? null : fallback.trust();
        if (m.containsKey("trust")) {
            Node n = m.get("trust");
            String t = yaml.string(n, what + ".trust").orElse("");
            switch (t) {
                case "external" -> trust = Trust.EXTERNAL;
                case "internal" -> trust = Trust.INTERNAL;
                default -> yaml.problem(n, what + ".trust must be 'external' or 'internal'");
            }
        } else if (trust == null) {
            yaml.problem(node, what + " needs trust: external or trust: internal");
        }
        String keyEnv = opt(m, "api_key_env").flatMap(n -> yaml.string(n, what + ".api_key_env"))
                .orElse(fallback == null ? "" : fallback.apiKeyEnv());
        Map<String, String> models = fallback == null ? Map.of() : fallback.models();
        if (m.containsKey("models")) {
            models = new LinkedHashMap<>();
            for (Map.Entry<String, Node> e : yaml.mapping(m.get("models"), what + ".models", null).entrySet()) {
                String target = yaml.string(e.getValue(), what + ".models." + e.getKey()).orElse(null);
                if (target != null) {
                    models.put(e.getKey(), target);
                }
            }
        }
        Duration connect = timeout(yaml, m, "connect_timeout_ms", what,
                fallback == null ? Duration.ofSeconds(5) : fallback.connectTimeout());
        Duration response = timeout(yaml, m, "response_timeout_ms", what,
                fallback == null ? Duration.ofSeconds(120) : fallback.responseTimeout());
        Duration idle = timeout(yaml, m, "idle_timeout_ms", what,
                fallback == null ? Duration.ofSeconds(120) : fallback.idleTimeout());
        CircuitBreakerSettings circuit = fallback == null ? CircuitBreakerSettings.DEFAULT : fallback.circuitBreaker();
        if (m.containsKey("circuit_breaker")) {
            Map<String, Node> c = yaml.mapping(m.get("circuit_breaker"), what + ".circuit_breaker", CIRCUIT_KEYS);
            int threshold = opt(c, "failure_threshold")
                    .flatMap(n -> yaml.number(n, what + ".circuit_breaker.failure_threshold", 0, 1_000_000))
                    .map(Long::intValue).orElse(circuit.failureThreshold());
            Duration coolDown = timeout(yaml, c, "cool_down_ms", what + ".circuit_breaker", circuit.coolDown());
            circuit = new CircuitBreakerSettings(threshold, coolDown);
        }
        RetrySettings retry = fallback == null ? RetrySettings.DEFAULT : fallback.retry();
        if (m.containsKey("retry")) {
            Map<String, Node> r = yaml.mapping(m.get("retry"), what + ".retry", RETRY_KEYS);
            int attempts = opt(r, "max_attempts").flatMap(n -> yaml.number(n, what + ".retry.max_attempts", 1, 10))
                    .map(Long::intValue).orElse(retry.maxAttempts());
            Duration backoff = opt(r, "backoff_ms").flatMap(n -> yaml.number(n, what + ".retry.backoff_ms", 0, 60_000))
                    .map(Duration::ofMillis).orElse(retry.backoff());
            retry = new RetrySettings(attempts, backoff);
        }
        if (yaml.problems().size() > before) {
            return null;
        }
        return new UpstreamConfig(name, url, trust, keyEnv, models, connect, response, idle, circuit, retry);
    }

    private static Duration timeout(YamlNodes yaml, Map<String, Node> m, String key, String what, Duration dflt) {
        return opt(m, key).flatMap(n -> yaml.number(n, what + "." + key, 1, MAX_TIMEOUT_MS))
                .map(Duration::ofMillis).orElse(dflt);
    }

    private static Optional<Node> opt(Map<String, Node> m, String key) {
        return Optional.ofNullable(m.get(key));
    }
}
