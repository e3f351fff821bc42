package dev.veil.proxy.auth;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The client keys Veil accepts, loaded from a YAML file of hashes:
 *
 * <pre>
 * keys:
 *   - {id: acme-1f2e3d, tenant: acme, team: data, hash: "sha256-salted:...:..."}
 *   - {id: ci, tenant: acme, hash: "sha256:..."}
 * </pre>
 *
 * <p>Keys made by {@code veil keys add} read {@code vk.<id>.<secret>}: the id selects the entry and
 * only that entry's salted hash is computed. Any other token is hashed once without salt and
 * compared with every unsalted entry. Every comparison is {@link java.security.MessageDigest#isEqual},
 * and an unknown id costs the same hashing as a known one, so timing tells an attacker nothing
 * about how close a guess was.
 *
 * <p>Immutable and thread-safe; to pick up an edited file, load a new store and swap it in.
 */
public final class ApiKeyStore {

    /** The prefix of keys made by {@link #generate}. */
    public static final String KEY_PREFIX = "vk.";
    /** Longest token considered; longer ones are refused without hashing. */
    static final int MAX_TOKEN_LENGTH = 512;
    private static final int SECRET_BYTES = 32;
    private static final Set<String> ENTRY_KEYS = Set.of("id", "tenant", "team", "hash");
    /** Hashed instead of a real entry when a token names an unknown id, so both cost the same. */
    private static final KeyHash DECOY = KeyHash.salted("decoy", new SecureRandom());

    private final List<ApiKeyEntry> entries;
    private final Map<String, ApiKeyEntry> saltedById = new HashMap<>();
    private final List<ApiKeyEntry> plain = new ArrayList<>();

    private ApiKeyStore(List<ApiKeyEntry> entries) {
        this.entries = List.copyOf(entries);
        for (ApiKeyEntry e : this.entries) {
            if (e.hash().isSalted()) {
                saltedById.put(e.id(), e);
            } else {
                plain.add(e);
            }
        }
    }

    /**
     * A store of these entries.
     *
     * @throws IllegalArgumentException if two entries share an id or an unsalted hash
     */
    public static ApiKeyStore of(List<ApiKeyEntry> entries) {
        List<String> problems = duplicates(entries);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return new ApiKeyStore(entries);
    }

    /** Reads the key file; every problem is reported at once, with its line and column. */
    public static ApiKeyStore load(Path file) throws ApiKeyFileException {
        requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ApiKeyFileException(List.of(file + ": cannot read the key file: " + e.getMessage()));
        }
        return new FileReader(file.toString()).read(text);
    }

    /**
     * The principal of the key in an {@code Authorization} header value ({@code Bearer <key>}), or
     * empty if the header is missing, not a bearer token, or no key matches. The caller answers
     * an empty result with 401.
     */
    public Optional<Principal> authenticate(String authorizationHeader) {
        if (authorizationHeader == null) {
            return Optional.empty();
        }
        String h = authorizationHeader.strip();
        if (h.length() < 7 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return authenticateToken(h.substring(7).strip());
    }

    /** The principal of this key, or empty if no entry matches. */
    public Optional<Principal> authenticateToken(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        ApiKeyEntry match = null;
        if (!plain.isEmpty()) {
            byte[] digest = KeyHash.sha256(new byte[0], token);
            for (ApiKeyEntry e : plain) {
                // No early exit: every unsalted entry is compared whatever the outcome.
                if (e.hash().matchesDigest(digest)) {
                    match = e;
                }
            }
        }
        String id = idOf(token);
        ApiKeyEntry candidate = id == null ? null : saltedById.get(id);
        if (candidate != null) {
            if (candidate.hash().matches(token)) {
                match = candidate;
            }
        } else {
            DECOY.matches(token);
        }
        return match == null ? Optional.empty() : Optional.of(match.principal());
    }

    /** The id part of a {@code vk.<id>.<secret>} token, or null for any other shape. */
    private static String idOf(String token) {
        if (!token.startsWith(KEY_PREFIX)) {
            return null;
        }
        int dot = token.indexOf('.', KEY_PREFIX.length());
        return dot < 0 ? null : token.substring(KEY_PREFIX.length(), dot);
    }

    public List<ApiKeyEntry> entries() {
        return entries;
    }

    public int size() {
        return entries.size();
    }

    /** A new key and the entry that accepts it. The key is returned once and stored nowhere. */
    public static GeneratedKey generate(String id, String tenant, Optional<String> team, SecureRandom random) {
        requireNonNull(random, "random");
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        // Validate the id before it becomes part of a key.
        new ApiKeyEntry(id, tenant, team, KeyHash.plain(""));
        String key = KEY_PREFIX + id + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new GeneratedKey(key, new ApiKeyEntry(id, tenant, team, KeyHash.salted(key, random)));
    }

    /**
     * A freshly made key and its entry.
     *
     * @param key the key in clear, to hand to the client once
     * @param entry the entry to add to the key file
     */
    public record GeneratedKey(String key, ApiKeyEntry entry) {
        public GeneratedKey {
            requireNonNull(key, "key");
            requireNonNull(entry, "entry");
        }

        /** Never the key. */
        @Override
        public String toString() {
            return "GeneratedKey[" + entry.id() + "]";
        }
    }

    private static List<String> duplicates(List<ApiKeyEntry> entries) {
        List<String> problems = new ArrayList<>();
        Map<String, ApiKeyEntry> ids = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            ApiKeyEntry e = entries.get(i);
            if (ids.putIfAbsent(e.id(), e) != null) {
                problems.add("duplicate key id " + e.id());
            }
            for (int j = 0; j < i; j++) {
                if (!e.hash().isSalted() && e.hash().sameDigest(entries.get(j).hash())) {
                    problems.add("keys " + entries.get(j).id() + " and " + e.id() + " have the same hash");
                }
            }
        }
        return problems;
    }

    /** Reads one key file, collecting every problem as file:line:column. */
    private static final class FileReader {
        private final String file;
        private final List<String> problems = new ArrayList<>();

        FileReader(String file) {
            this.file = file;
        }

        ApiKeyStore read(String text) throws ApiKeyFileException {
            Optional<Node> root;
            try {
                root = new Compose(LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(false).build())
                        .composeString(text);
            } catch (MarkedYamlEngineException e) {
                throw new ApiKeyFileException(List.of(where(e.getProblemMark().or(e::getContextMark).orElse(null))
                        + ": invalid YAML: " + e.getProblem()));
            } catch (YamlEngineException e) {
                throw new ApiKeyFileException(List.of(file + ":1:1: invalid YAML"));
            }
            List<ApiKeyEntry> entries = new ArrayList<>();
            if (root.isEmpty() || !(root.get() instanceof MappingNode map)) {
                problems.add(file + ":1:1: expected a mapping with the key 'keys'");
            } else {
                for (NodeTuple t : map.getValue()) {
                    String key = scalar(t.getKeyNode());
                    if (!"keys".equals(key)) {
                        problem(t.getKeyNode(), "unknown key '" + key + "'; the file has one key, 'keys'");
                    } else if (t.getValueNode() instanceof SequenceNode list) {
                        list.getValue().forEach(n -> entry(n).ifPresent(entries::add));
                    } else if (!isNull(t.getValueNode())) {
                        problem(t.getValueNode(), "'keys' must be a list of entries");
                    }
                }
            }
            if (problems.isEmpty()) {
                duplicates(entries).forEach(p -> problems.add(file + ": " + p));
            }
            if (!problems.isEmpty()) {
                throw new ApiKeyFileException(problems);
            }
            return new ApiKeyStore(entries);
        }

        private Optional<ApiKeyEntry> entry(Node node) {
            if (!(node instanceof MappingNode map)) {
                problem(node, "an entry is a mapping {id, tenant, team, hash}");
                return Optional.empty();
            }
            Map<String, String> values = new HashMap<>();
            Map<String, Node> nodes = new HashMap<>();
            for (NodeTuple t : map.getValue()) {
                String key = scalar(t.getKeyNode());
                if (key == null || !ENTRY_KEYS.contains(key)) {
                    problem(t.getKeyNode(), "unknown key '" + key + "'; an entry has id, tenant, team and hash");
                    continue;
                }
                String value = scalar(t.getValueNode());
                if (value == null) {
                    problem(t.getValueNode(), "'" + key + "' must be a single value");
                    continue;
                }
                values.put(key, value);
                nodes.put(key, t.getValueNode());
            }
            int before = problems.size();
            for (String required : List.of("id", "tenant", "hash")) {
                if (!values.containsKey(required)) {
                    problem(node, "the entry has no '" + required + "'");
                }
            }
            if (problems.size() > before) {
                return Optional.empty();
            }
            KeyHash hash;
            try {
                hash = KeyHash.parse(values.get("hash"));
            } catch (IllegalArgumentException e) {
                problem(nodes.get("hash"), e.getMessage());
                return Optional.empty();
            }
            try {
                return Optional.of(new ApiKeyEntry(values.get("id"), values.get("tenant"),
                        Optional.ofNullable(values.get("team")), hash));
            } catch (IllegalArgumentException e) {
                problem(node, e.getMessage());
                return Optional.empty();
            }
        }

        private static String scalar(Node n) {
            return n instanceof ScalarNode s ? s.getValue() : null;
        }

        private static boolean isNull(Node n) {
            return n instanceof ScalarNode s && (s.getValue().isEmpty() || s.getValue().equals("null")
                    || s.getValue().equals("~"));
        }

        private void problem(Node at, String message) {
            problems.add(where(at.getStartMark().orElse(null)) + ": " + message);
        }

        private String where(Mark m) {
            return m == null ? file + ":1:1" : file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
        }
    }
}
