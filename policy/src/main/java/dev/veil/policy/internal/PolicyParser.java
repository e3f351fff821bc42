package dev.veil.policy.internal;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.Action;
import dev.veil.policy.PolicyException;
import dev.veil.policy.RedactMode;
import dev.veil.policy.SessionSettings;
import dev.veil.policy.SessionSettings.KeySource;
import dev.veil.policy.Trust;
import dev.veil.policy.internal.YamlReader.StringAt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Turns the text of a policy file into a {@link PolicyDefinition}, or refuses it with every
 * problem found. Validation happens here, once; the engine never meets an invalid policy.
 * Not thread-safe: one instance per file read.
 */
public final class PolicyParser {

    /** Decision ids that the engine itself uses; rules may not take them. */
    public static final Set<String> RESERVED_IDS = Set.of("default", "on_detector_error", "session");

    static final Set<String> TOP_KEYS = Set.of("version", "description", "allow_upstream", "default",
            "on_detector_error", "rules", "sessions", "fixtures", "fallback");
    static final Set<String> RULE_KEYS = Set.of("id", "description", "when", "action", "message", "redact",
            "on_detector_error", "accepted_risk");
    static final Set<String> CONDITION_KEYS = ConditionParser.KEYS;
    static final Set<String> SESSION_KEYS = Set.of("enabled", "header", "key_by", "ttl", "max_entries");

    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]*)(s|m|h|d)");
    private static final String ACTIONS_HINT = "use allow, redact, route <upstream> or block";
    private static final String FAILURE_HINT = "use block or route <internal upstream>";

    private final YamlReader yaml;
    private final Map<String, Trust> upstreams;
    private final Set<String> knownTypes;
    private final ConditionParser conditions;
    private String allowUpstream = "";
    private Trust allowTrust = Trust.EXTERNAL;

    private PolicyParser(String file, Map<String, Trust> upstreams, Set<String> knownTypes) {
        this.yaml = new YamlReader(file);
        this.upstreams = new TreeMap<>(upstreams);
        this.knownTypes = new TreeSet<>(knownTypes);
        this.conditions = new ConditionParser(yaml, this.knownTypes);
    }

    /**
     * Parses and validates one policy file.
     *
     * @param file the name used in error messages
     * @throws PolicyException listing every problem, in file order
     */
    public static PolicyDefinition parse(String content, String file, Map<String, Trust> upstreams,
            Set<String> knownTypes) throws PolicyException {
        requireNonNull(content, "content");
        requireNonNull(file, "file");
        requireNonNull(upstreams, "upstreams");
        requireNonNull(knownTypes, "knownTypes");
        return new PolicyParser(file, upstreams, knownTypes).parse(content);
    }

    private PolicyDefinition parse(String content) throws PolicyException {
        Optional<Node> root = yaml.compose(content);
        if (root.isEmpty()) {
            throw new PolicyException(yaml.errors());
        }
        Map<String, Node> top = yaml.mapping(root.get(), "the policy file", TOP_KEYS,
                Set.of("version", "default", "on_detector_error", "rules"));
        if (top.containsKey("version")) {
            yaml.integer(top.get("version"), "version", Long.MIN_VALUE, Long.MAX_VALUE).ifPresent(v -> {
                if (v != 1) {
                    yaml.error(top.get("version"), "unsupported version " + v + "; this Veil reads 'version: 1'");
                }
            });
        }
        String description = optionalString(top.get("description"), "description").orElse("");
        resolveAllowUpstream(root.get(), top.get("allow_upstream"));
        String fallback = fallback(top.get("fallback"));
        ActionSpec defaultAction = top.containsKey("default")
                ? fileAction(top.get("default"), "default", false) : null;
        ActionSpec onError = top.containsKey("on_detector_error")
                ? fileAction(top.get("on_detector_error"), "on_detector_error", true) : null;
        List<Rule> rules = new ArrayList<>();
        if (top.containsKey("rules")) {
            Map<String, Node> seen = new HashMap<>();
            for (Node ruleNode : yaml.sequence(top.get("rules"), "rules")) {
                rule(ruleNode, seen).ifPresent(rules::add);
            }
        }
        SessionSettings sessions = top.containsKey("sessions") ? sessions(top.get("sessions")) : SessionSettings.DEFAULT;
        Optional<String> fixtures = optionalString(top.get("fixtures"), "fixtures");
        if (yaml.hasErrors() || defaultAction == null || onError == null || sessions == null) {
            throw new PolicyException(yaml.errors());
        }
        return new PolicyDefinition(description, allowUpstream, defaultAction, onError, rules, sessions,
                fixtures, upstreams, fallback);
    }

    /**
     * The upstream that takes requests the chosen upstream could not receive, or empty. Only an
     * internal one: a fallback may never send a request further out than the policy decided.
     */
    private String fallback(Node node) {
        if (node == null) {
            return "";
        }
        String name = yaml.string(node, "fallback").orElse(null);
        if (name == null || !upstream(name, node, 0, "fallback")) {
            return "";
        }
        if (upstreams.get(name) != Trust.INTERNAL) {
            yaml.error(node, "fallback '" + name + "' is an external upstream; a fallback must be internal, so that "
                    + "a request is never sent further out than the policy decided (configured upstreams: "
                    + upstreamList() + ")");
            return "";
        }
        return name;
    }

    private Optional<String> optionalString(Node node, String what) {
        return node == null ? Optional.empty() : yaml.string(node, what);
    }

    private void resolveAllowUpstream(Node root, Node node) {
        if (node != null) {
            yaml.string(node, "allow_upstream").ifPresent(name -> {
                if (upstream(name, node, 0, "allow_upstream")) {
                    allowUpstream = name;
                    allowTrust = upstreams.get(name);
                }
            });
            return;
        }
        List<String> external = upstreams.entrySet().stream()
                .filter(e -> e.getValue() == Trust.EXTERNAL).map(Map.Entry::getKey).toList();
        if (external.size() == 1) {
            allowUpstream = external.get(0);
        } else if (upstreams.size() == 1) {
            allowUpstream = upstreams.keySet().iterator().next();
            allowTrust = upstreams.get(allowUpstream);
        } else {
            yaml.error(root, "cannot tell where allow and redact send requests: add 'allow_upstream: <name>'"
                    + " naming one of the configured upstreams (" + upstreamList() + ")");
        }
    }

    private boolean upstream(String name, Node node, int offset, String what) {
        if (upstreams.containsKey(name)) {
            return true;
        }
        String hint = Suggest.closest(name, upstreams.keySet()).map(s -> "did you mean '" + s + "'? ").orElse("");
        yaml.error(node, offset, "unknown upstream '" + name + "' in " + what + "; " + hint
                + "configured upstreams: " + upstreamList());
        return false;
    }

    private String upstreamList() {
        if (upstreams.isEmpty()) {
            return "none";
        }
        return upstreams.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue().name().toLowerCase(Locale.ROOT) + ")")
                .collect(Collectors.joining(", "));
    }

    /** {@code default:} and {@code on_detector_error:} take allow, block or route NAME. */
    private ActionSpec fileAction(Node node, String what, boolean failureMode) {
        Optional<String> text = yaml.string(node, what);
        if (text.isEmpty()) {
            return null;
        }
        ParsedAction parsed = actionWord(text.get(), node, what,
                failureMode ? EnumSet.of(Action.BLOCK, Action.ROUTE) : EnumSet.of(Action.ALLOW, Action.BLOCK, Action.ROUTE),
                failureMode ? FAILURE_HINT : "use allow, route <upstream> or block");
        if (parsed == null) {
            return null;
        }
        String message = failureMode
                ? "Blocked by policy: part of this request could not be scanned. Try again later."
                : "Blocked by policy: no rule allows this request.";
        ActionSpec spec = spec(parsed, message, List.of(), RedactMode.MASK);
        if (failureMode && !checkFailureMode(spec, node, what)) {
            return null;
        }
        return spec;
    }

    private boolean checkFailureMode(ActionSpec spec, Node node, String what) {
        if (spec.action() == Action.ROUTE && spec.trust() != Trust.INTERNAL) {
            yaml.error(node, what + " routes to external upstream '" + spec.upstream()
                    + "', which would send content that was not fully scanned outside; "
                    + FAILURE_HINT + " (fail closed)");
            return false;
        }
        return true;
    }

    private record ParsedAction(Action action, String upstream) {
    }

    private ParsedAction actionWord(String text, Node node, String what, Set<Action> permitted, String hint) {
        String[] words = text.trim().split("\\s+");
        Action action = switch (words[0]) {
            case "allow" -> Action.ALLOW;
            case "redact" -> Action.REDACT;
            case "route" -> Action.ROUTE;
            case "block" -> Action.BLOCK;
            default -> null;
        };
        if (action == null || !permitted.contains(action)) {
            yaml.error(node, (action == null ? "unknown action '" : "action not allowed here: '") + words[0]
                    + "' in " + what + "; " + hint);
            return null;
        }
        if (action == Action.ROUTE) {
            if (words.length != 2) {
                yaml.error(node, "'route' in " + what + " takes exactly one upstream name, e.g. 'route local';"
                        + " configured upstreams: " + upstreamList());
                return null;
            }
            int offset = text.indexOf(words[1], 5) + (((ScalarNode) node).isPlain() ? 0 : 1);
            return upstream(words[1], node, offset, what) ? new ParsedAction(action, words[1]) : null;
        }
        if (words.length != 1) {
            yaml.error(node, "'" + words[0] + "' in " + what + " takes no argument"
                    + (action == Action.BLOCK ? "; put the message in 'message:'" : ""));
            return null;
        }
        return new ParsedAction(action, "");
    }

    private ActionSpec spec(ParsedAction parsed, String message, List<Glob> redact, RedactMode mode) {
        return switch (parsed.action()) {
            case ALLOW -> new ActionSpec(Action.ALLOW, allowUpstream, allowTrust, "", List.of(), RedactMode.MASK);
            case REDACT -> new ActionSpec(Action.REDACT, allowUpstream, allowTrust, "", redact, mode);
            case ROUTE -> new ActionSpec(Action.ROUTE, parsed.upstream(), upstreams.get(parsed.upstream()), "",
                    List.of(), RedactMode.MASK);
            case BLOCK -> new ActionSpec(Action.BLOCK, "", Trust.INTERNAL, message, List.of(), RedactMode.MASK);
        };
    }

    private Optional<Rule> rule(Node node, Map<String, Node> seen) {
        Map<String, Node> keys = yaml.mapping(node, peekId(node).map(i -> "rule '" + i + "'").orElse("a rule"),
                RULE_KEYS, Set.of("id", "description", "when", "action"));
        if (!(node instanceof MappingNode)) {
            return Optional.empty();
        }
        String id = keys.containsKey("id") ? ruleId(keys.get("id"), seen) : null;
        String what = id == null ? "rule" : "rule '" + id + "'";
        String description = optionalString(keys.get("description"), "description of " + what).orElse(null);
        Condition when = keys.containsKey("when") ? conditions.parse(keys.get("when"), "'when' of " + what) : null;
        ActionSpec action = keys.containsKey("action") ? ruleAction(keys, what) : null;
        Optional<ActionSpec> onError = Optional.empty();
        if (keys.containsKey("on_detector_error")) {
            onError = Optional.ofNullable(fileAction(keys.get("on_detector_error"), "on_detector_error of " + what, true));
        }
        boolean acceptedRisk = keys.containsKey("accepted_risk")
                && yaml.bool(keys.get("accepted_risk"), "accepted_risk").orElse(false);
        if (!acceptedRisk && when != null && action != null) {
            checkExposure(when, action, keys.get("action"), what);
        }
        if (id == null || description == null || when == null || action == null) {
            return Optional.empty();
        }
        return Optional.of(new Rule(id, description, when, action, onError, acceptedRisk, YamlReader.line(node)));
    }

    /** The rule's id as written, to name the rule in errors about its other keys. */
    private static Optional<String> peekId(Node node) {
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("id")
                        && t.getValueNode() instanceof ScalarNode v && !v.getValue().isBlank()) {
                    return Optional.of(v.getValue());
                }
            }
        }
        return Optional.empty();
    }

    private String ruleId(Node node, Map<String, Node> seen) {
        Optional<String> id = yaml.string(node, "id");
        if (id.isEmpty()) {
            return null;
        }
        String value = id.get();
        if (!RULE_ID.matcher(value).matches()) {
            yaml.error(node, "rule id '" + value + "' may hold only letters, digits, '_', '.' and '-',"
                    + " and must start with a letter or digit");
            return null;
        }
        if (RESERVED_IDS.contains(value)) {
            yaml.error(node, "rule id '" + value + "' is reserved for Veil's own decisions; pick another id");
            return null;
        }
        Node first = seen.putIfAbsent(value, node);
        if (first != null) {
            yaml.error(node, "duplicate rule id '" + value + "' (first used at line " + YamlReader.line(first)
                    + "); every rule needs its own id");
            return null;
        }
        return value;
    }

    private ActionSpec ruleAction(Map<String, Node> keys, String what) {
        Node node = keys.get("action");
        Optional<String> text = yaml.string(node, "action of " + what);
        if (text.isEmpty()) {
            return null;
        }
        ParsedAction parsed = actionWord(text.get(), node, "action of " + what, EnumSet.allOf(Action.class), ACTIONS_HINT);
        if (parsed == null) {
            return null;
        }
        Node messageNode = keys.get("message");
        Node redactNode = keys.get("redact");
        if (parsed.action() != Action.BLOCK && messageNode != null) {
            yaml.error(messageNode, "'message' is only used when the action is block; remove it from " + what);
        }
        if (parsed.action() != Action.REDACT && redactNode != null) {
            yaml.error(redactNode, "'redact' is only used when the action is redact; remove it from " + what);
        }
        if (parsed.action() == Action.BLOCK) {
            if (messageNode == null) {
                yaml.error(node, what + " blocks but has no 'message:'; write the message the client should see");
                return null;
            }
            return yaml.string(messageNode, "message of " + what)
                    .map(m -> spec(parsed, m, List.of(), RedactMode.MASK)).orElse(null);
        }
        if (parsed.action() == Action.REDACT) {
            if (redactNode == null) {
                yaml.error(node, what + " redacts but has no 'redact:' block; add 'redact: {types: [...], mode: mask}'");
                return null;
            }
            return redact(redactNode, what, parsed);
        }
        return spec(parsed, "", List.of(), RedactMode.MASK);
    }

    private ActionSpec redact(Node node, String what, ParsedAction parsed) {
        Map<String, Node> keys = yaml.mapping(node, "'redact' of " + what, Set.of("types", "mode"), Set.of("types"));
        List<Glob> types = keys.containsKey("types") ? conditions.typeGlobs(keys.get("types"), "", "redact types of " + what) : List.of();
        RedactMode mode = RedactMode.MASK;
        if (keys.containsKey("mode")) {
            Optional<String> m = yaml.string(keys.get("mode"), "redact mode");
            if (m.isPresent()) {
                switch (m.get()) {
                    case "mask" -> mode = RedactMode.MASK;
                    case "pseudonymize" -> mode = RedactMode.PSEUDONYMIZE;
                    default -> {
                        yaml.error(keys.get("mode"), "unknown redact mode '" + m.get() + "'; use mask or pseudonymize");
                        return null;
                    }
                }
            }
        }
        return types.isEmpty() ? null : spec(parsed, "", types, mode);
    }

    /**
     * A rule that lets sensitive matches reach an external upstream is refused unless the author
     * said so with {@code accepted_risk: true}: the file must not weaken protection by accident.
     */
    private void checkExposure(Condition when, ActionSpec action, Node actionNode, String what) {
        boolean external = action.trust() == Trust.EXTERNAL;
        if (!external || action.action() == Action.BLOCK) {
            return;
        }
        List<Glob> positive = new ArrayList<>();
        when.positiveFindingGlobs(true, positive);
        if (positive.isEmpty()) {
            return;
        }
        String globs = positive.stream().map(Glob::text).distinct().collect(Collectors.joining(", "));
        if (action.action() == Action.REDACT) {
            Set<String> uncovered = new TreeSet<>();
            for (String type : knownTypes) {
                if (Glob.anyMatches(positive, type) && !Glob.anyMatches(action.redactTypes(), type)) {
                    uncovered.add(type);
                }
            }
            if (!uncovered.isEmpty()) {
                yaml.error(actionNode, what + " matches " + globs + " but redacts only "
                        + action.redactTypes().stream().map(Glob::text).collect(Collectors.joining(", "))
                        + ", so " + ConditionParser.shortList(uncovered) + " would reach external upstream '" + action.upstream()
                        + "'; add them to 'redact.types', route to an internal upstream, or add"
                        + " 'accepted_risk: true' if this is intended");
            }
            return;
        }
        yaml.error(actionNode, what + " sends requests with sensitive findings (" + globs
                + ") to external upstream '" + action.upstream() + "'; route them to an internal upstream,"
                + " redact or block them, or add 'accepted_risk: true' if this is intended");
    }


    private SessionSettings sessions(Node node) {
        Map<String, Node> keys = yaml.mapping(node, "sessions", SESSION_KEYS, Set.of());
        SessionSettings d = SessionSettings.DEFAULT;
        boolean enabled = keys.containsKey("enabled") ? yaml.bool(keys.get("enabled"), "sessions.enabled").orElse(true) : d.enabled();
        String header = d.header();
        if (keys.containsKey("header")) {
            Optional<String> h = yaml.string(keys.get("header"), "sessions.header");
            if (h.isPresent() && ConditionParser.HEADER_NAME.matcher(h.get().toLowerCase(Locale.ROOT)).matches()) {
                header = h.get().toLowerCase(Locale.ROOT);
            } else if (h.isPresent()) {
                yaml.error(keys.get("header"), "'" + h.get() + "' is not a valid HTTP header name");
            }
        }
        List<KeySource> keyBy = d.keyBy();
        if (keys.containsKey("key_by")) {
            List<KeySource> sources = new ArrayList<>();
            for (StringAt s : yaml.strings(keys.get("key_by"), "sessions.key_by")) {
                KeySource source = switch (s.value()) {
                    case "user" -> KeySource.USER;
                    case "header" -> KeySource.HEADER;
                    case "fingerprint" -> KeySource.FINGERPRINT;
                    default -> null;
                };
                if (source == null) {
                    yaml.error(s.node(), "unknown session key '" + s.value() + "'; use user, header or fingerprint");
                } else if (sources.contains(source)) {
                    yaml.error(s.node(), "session key '" + s.value() + "' is listed twice");
                } else {
                    sources.add(source);
                }
            }
            keyBy = sources;
        }
        Duration ttl = d.ttl();
        if (keys.containsKey("ttl")) {
            Optional<String> t = yaml.string(keys.get("ttl"), "sessions.ttl");
            var m = t.map(DURATION::matcher).filter(java.util.regex.Matcher::matches);
            if (m.isPresent()) {
                long n = Long.parseLong(m.get().group(1));
                ttl = switch (m.get().group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else if (t.isPresent()) {
                yaml.error(keys.get("ttl"), "sessions.ttl must be a duration such as 90s, 30m, 12h or 7d");
            }
        }
        long maxEntries = keys.containsKey("max_entries")
                ? yaml.integer(keys.get("max_entries"), "sessions.max_entries", 1, 100_000_000).orElse(d.maxEntries())
                : d.maxEntries();
        if (keyBy.isEmpty()) {
            return null;
        }
        return new SessionSettings(enabled, header, keyBy, ttl, maxEntries);
    }
}
