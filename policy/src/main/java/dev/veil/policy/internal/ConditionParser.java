package dev.veil.policy.internal;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.internal.AttributeCondition.Attribute;
import dev.veil.policy.internal.YamlReader.StringAt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads a rule's {@code when:} into a {@link Condition}, checking every finding type, topic and
 * marker against the types the detectors can report. Problems go to the shared {@link YamlReader};
 * a condition with a problem comes back as null. Not thread-safe: part of one parse.
 */
final class ConditionParser {

    static final Set<String> KEYS = Set.of("findings", "topic", "marker", "tenant", "api_key", "team",
            "user", "model", "endpoint", "header", "unscannable", "all", "any", "not");
    static final Pattern HEADER_NAME = Pattern.compile("[a-z0-9!#$%&'*+.^_`|~-]+");

    private final YamlReader yaml;
    private final Set<String> knownTypes;

    ConditionParser(YamlReader yaml, Set<String> knownTypes) {
        this.yaml = requireNonNull(yaml, "yaml");
        this.knownTypes = requireNonNull(knownTypes, "knownTypes");
    }

    Condition parse(Node node, String what) {
        Map<String, Node> keys = yaml.mapping(node, what, KEYS, Set.of());
        if (!(node instanceof MappingNode map)) {
            return null;
        }
        if (map.getValue().isEmpty()) {
            yaml.error(node, what + " is empty; name at least one condition (" + String.join(", ",
                    new TreeSet<>(KEYS)) + ")");
            return null;
        }
        List<Condition> parts = new ArrayList<>();
        boolean ok = true;
        for (NodeTuple t : map.getValue()) {
            String key = ((ScalarNode) t.getKeyNode()).getValue();
            Node value = keys.get(key);
            if (value == null) {
                ok = false;
                continue;
            }
            Condition c = leaf(key, value, what);
            if (c == null) {
                ok = false;
            } else {
                parts.add(c);
            }
        }
        if (!ok) {
            return null;
        }
        return parts.size() == 1 ? parts.get(0) : new GroupCondition(true, parts);
    }

    private Condition leaf(String key, Node value, String what) {
        return switch (key) {
            case "findings" -> findings(value, key, "", "types");
            case "topic" -> findings(value, key, "topic.", "names");
            case "marker" -> findings(value, key, "marker.", "names");
            case "tenant" -> attribute(Attribute.TENANT, value);
            case "api_key" -> attribute(Attribute.API_KEY, value);
            case "team" -> attribute(Attribute.TEAM, value);
            case "user" -> attribute(Attribute.USER, value);
            case "model" -> attribute(Attribute.MODEL, value);
            case "endpoint" -> attribute(Attribute.ENDPOINT, value);
            case "header" -> header(value);
            case "unscannable" -> yaml.bool(value, "unscannable").map(UnscannableCondition::new).orElse(null);
            case "all", "any" -> combination(key, value, what);
            case "not" -> {
                Condition inner = parse(value, "'not' in " + what);
                yield inner == null ? null : new NotCondition(inner);
            }
            default -> throw new IllegalStateException("unhandled condition key " + key);
        };
    }

    private Condition combination(String key, Node value, String what) {
        List<Node> items = yaml.sequence(value, "'" + key + "'");
        if (items.isEmpty()) {
            if (value instanceof SequenceNode) {
                yaml.error(value, "'" + key + "' needs at least one condition");
            }
            return null;
        }
        List<Condition> parts = new ArrayList<>();
        boolean ok = true;
        for (Node item : items) {
            Condition c = parse(item, "'" + key + "' in " + what);
            if (c == null) {
                ok = false;
            } else {
                parts.add(c);
            }
        }
        if (!ok) {
            return null;
        }
        return key.equals("all") ? new GroupCondition(true, parts) : new GroupCondition(false, parts);
    }

    private Condition findings(Node value, String key, String prefix, String listKey) {
        if (value instanceof MappingNode) {
            Map<String, Node> keys = yaml.mapping(value, "'" + key + "'", Set.of(listKey, "min_count", "min_score"),
                    Set.of(listKey));
            List<Glob> types = keys.containsKey(listKey) ? typeGlobs(keys.get(listKey), prefix, key) : List.of();
            int minCount = keys.containsKey("min_count")
                    ? yaml.integer(keys.get("min_count"), "min_count", 1, Integer.MAX_VALUE).orElse(1L).intValue() : 1;
            double minScore = keys.containsKey("min_score")
                    ? yaml.number(keys.get("min_score"), "min_score", 0.0, 1.0).orElse(0.0) : 0.0;
            return types.isEmpty() ? null : new FindingCondition(key, types, minCount, minScore);
        }
        List<Glob> types = typeGlobs(value, prefix, key);
        return types.isEmpty() ? null : new FindingCondition(key, types, 1, 0.0);
    }

    /** Finding type globs, each of which must match at least one type a detector can report. */
    List<Glob> typeGlobs(Node node, String prefix, String what) {
        List<Glob> globs = new ArrayList<>();
        boolean ok = true;
        for (StringAt s : yaml.strings(node, what)) {
            String full = prefix + s.value();
            Glob glob = Glob.of(full);
            if (knownTypes.stream().anyMatch(glob::matches)) {
                globs.add(glob);
            } else {
                unknownType(s, prefix, full);
                ok = false;
            }
        }
        return ok ? globs : List.of();
    }

    private void unknownType(StringAt s, String prefix, String full) {
        if (!prefix.isEmpty()) {
            Set<String> names = knownTypes.stream().filter(t -> t.startsWith(prefix))
                    .map(t -> t.substring(prefix.length())).collect(Collectors.toCollection(TreeSet::new));
            String kind = prefix.substring(0, prefix.length() - 1);
            String hint = Suggest.closest(s.value(), names).map(n -> "did you mean '" + n + "'? ").orElse("");
            yaml.error(s.node(), "unknown " + kind + " '" + s.value() + "': no detector reports " + full + "; " + hint
                    + (names.isEmpty() ? "no " + kind + " detector is configured" : "known: " + String.join(", ", names)));
            return;
        }
        int dot = full.indexOf('.');
        String category = dot < 0 ? full : full.substring(0, dot + 1);
        Set<String> sameCategory = knownTypes.stream().filter(t -> t.startsWith(category))
                .collect(Collectors.toCollection(TreeSet::new));
        String hint = Suggest.closest(full, knownTypes).map(n -> "did you mean '" + n + "'? ").orElse("");
        String known = sameCategory.isEmpty()
                ? "known categories: " + knownTypes.stream().map(t -> t.contains(".") ? t.substring(0, t.indexOf('.')) : t)
                        .distinct().sorted().collect(Collectors.joining(", "))
                : "known: " + shortList(sameCategory);
        yaml.error(s.node(), "unknown finding type '" + full + "': no detector reports it"
                + (full.contains("*") ? " (a glob must match at least one known type)" : "") + "; " + hint + known);
    }

    private Condition attribute(Attribute attribute, Node value) {
        List<StringAt> values = yaml.strings(value, attribute.key());
        if (values.isEmpty()) {
            return null;
        }
        return new AttributeCondition(attribute, values.stream().map(s -> Glob.of(s.value())).toList());
    }

    private Condition header(Node value) {
        if (!(value instanceof MappingNode map) || map.getValue().size() != 1) {
            yaml.error(value, "'header' must be a mapping of one header name to the value(s) it must have,"
                    + " e.g. 'header: {x-data-class: restricted}'; use 'all' to test several headers");
            return null;
        }
        NodeTuple t = map.getValue().get(0);
        Optional<String> name = yaml.string(t.getKeyNode(), "header name");
        if (name.isEmpty()) {
            return null;
        }
        String lower = name.get().toLowerCase(Locale.ROOT);
        if (!HEADER_NAME.matcher(lower).matches()) {
            yaml.error(t.getKeyNode(), "'" + name.get() + "' is not a valid HTTP header name");
            return null;
        }
        List<StringAt> values = yaml.strings(t.getValueNode(), "value of header " + lower);
        return values.isEmpty() ? null : new HeaderCondition(lower, values.stream().map(s -> Glob.of(s.value())).toList());
    }

    static String shortList(Set<String> types) {
        List<String> list = new ArrayList<>(types);
        return list.size() <= 5 ? String.join(", ", list)
                : String.join(", ", list.subList(0, 5)) + " and " + (list.size() - 5) + " more";
    }
}
