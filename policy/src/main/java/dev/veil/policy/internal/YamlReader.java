package dev.veil.policy.internal;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.PolicyError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads YAML through snakeyaml-engine's node API so that every value keeps its line and column,
 * and collects every problem instead of stopping at the first. Not thread-safe: one per file.
 */
public final class YamlReader {

    private final String file;
    private final List<PolicyError> errors = new ArrayList<>();

    public YamlReader(String file) {
        this.file = requireNonNull(file, "file");
    }

    public String file() {
        return file;
    }

    /** Parses {@code content} into a node tree; a syntax error is recorded and empty is returned. */
    public Optional<Node> compose(String content) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setAllowRecursiveKeys(false)
                .setMaxAliasesForCollections(50)
                .build();
        try {
            Optional<Node> root = new Compose(settings).composeString(content);
            if (root.isEmpty()) {
                errors.add(new PolicyError(file, 1, 1, "the file is empty; start it with 'version: 1'"));
            }
            return root;
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            int line = mark.map(m -> m.getLine() + 1).orElse(1);
            int column = mark.map(m -> m.getColumn() + 1).orElse(1);
            errors.add(new PolicyError(file, line, column, "not valid YAML: " + e.getProblem()
                    + "; check indentation and quoting around this point"));
            return Optional.empty();
        } catch (YamlEngineException e) {
            errors.add(new PolicyError(file, 1, 1, "not valid YAML: " + e.getMessage()));
            return Optional.empty();
        }
    }

    public void error(Node at, String message) {
        Optional<Mark> mark = at == null ? Optional.empty() : at.getStartMark();
        errors.add(new PolicyError(file, mark.map(m -> m.getLine() + 1).orElse(1),
                mark.map(m -> m.getColumn() + 1).orElse(1), message));
    }

    /** Records an error {@code offset} characters to the right of where {@code at} starts. */
    public void error(Node at, int offset, String message) {
        Optional<Mark> mark = at.getStartMark();
        errors.add(new PolicyError(file, mark.map(m -> m.getLine() + 1).orElse(1),
                mark.map(m -> m.getColumn() + 1 + offset).orElse(1), message));
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Every error so far, by line then column. */
    public List<PolicyError> errors() {
        List<PolicyError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparingInt(PolicyError::line).thenComparingInt(PolicyError::column));
        return sorted;
    }

    public static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(1);
    }

    /**
     * Reads a mapping whose keys must all be in {@code allowed}; reports unknown keys (with a
     * suggestion), duplicate keys and {@code required} keys that are missing.
     *
     * @return the values by key, in file order; empty if {@code node} is not a mapping
     */
    public Map<String, Node> mapping(Node node, String what, Set<String> allowed, Set<String> required) {
        Map<String, Node> values = new LinkedHashMap<>();
        if (!(node instanceof MappingNode map)) {
            error(node, what + " must be a mapping of keys to values, found " + describe(node)
                    + "; allowed keys: " + String.join(", ", new TreeSet<>(allowed)));
            return values;
        }
        Map<String, Node> keyNodes = new LinkedHashMap<>();
        Set<String> suggested = new java.util.HashSet<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                error(t.getKeyNode(), "keys in " + what + " must be plain words");
                continue;
            }
            String key = k.getValue();
            if (keyNodes.containsKey(key)) {
                error(k, "duplicate key '" + key + "' in " + what + " (first at line "
                        + line(keyNodes.get(key)) + "); keep one of them");
                continue;
            }
            keyNodes.put(key, k);
            if (!allowed.contains(key)) {
                Optional<String> closest = Suggest.closest(key, allowed);
                closest.ifPresent(suggested::add);
                String hint = closest.map(s -> "did you mean '" + s + "'? ").orElse("");
                error(k, "unknown key '" + key + "' in " + what + "; " + hint + "allowed keys: "
                        + String.join(", ", new TreeSet<>(allowed)));
                continue;
            }
            values.put(key, t.getValueNode());
        }
        for (String key : new TreeSet<>(required)) {
            // A misspelt key was already reported with this name as the suggestion: once is enough.
            if (!keyNodes.containsKey(key) && !suggested.contains(key)) {
                error(node, what + " is missing required key '" + key + "'");
            }
        }
        return values;
    }

    /** A string scalar, or empty with an error. */
    public Optional<String> string(Node node, String what) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
            if (s.getValue().isBlank()) {
                error(node, what + " must not be empty");
                return Optional.empty();
            }
            return Optional.of(s.getValue());
        }
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            error(node, what + " must be a string, found " + describe(node) + "; put it in quotes");
        } else {
            error(node, what + " must be a string, found " + describe(node));
        }
        return Optional.empty();
    }

    /** One string or a non-empty list of strings. */
    public List<StringAt> strings(Node node, String what) {
        List<StringAt> out = new ArrayList<>();
        if (node instanceof SequenceNode seq) {
            if (seq.getValue().isEmpty()) {
                error(node, what + " must list at least one value");
            }
            for (Node item : seq.getValue()) {
                string(item, what + " entry").ifPresent(v -> out.add(new StringAt(v, item)));
            }
        } else {
            string(node, what + " (a string or a list of strings)").ifPresent(v -> out.add(new StringAt(v, node)));
        }
        return out;
    }

    public Optional<Boolean> bool(Node node, String what) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            return Optional.of(Boolean.parseBoolean(s.getValue()));
        }
        error(node, what + " must be true or false, found " + describe(node));
        return Optional.empty();
    }

    public Optional<Long> integer(Node node, String what, long min, long max) {
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
            try {
                long v = Long.parseLong(s.getValue());
                if (v >= min && v <= max) {
                    return Optional.of(v);
                }
            } catch (NumberFormatException e) {
                // Falls through to the range message: the value is too large for a long.
            }
            error(node, what + " must be between " + min + " and " + max + ", found " + s.getValue());
            return Optional.empty();
        }
        error(node, what + " must be a whole number, found " + describe(node));
        return Optional.empty();
    }

    public Optional<Double> number(Node node, String what, double min, double max) {
        if (node instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            double v = Double.parseDouble(s.getValue());
            if (v >= min && v <= max) {
                return Optional.of(v);
            }
            error(node, what + " must be between " + min + " and " + max + ", found " + s.getValue());
            return Optional.empty();
        }
        error(node, what + " must be a number, found " + describe(node));
        return Optional.empty();
    }

    /** A list node's items, or an empty list with an error. */
    public List<Node> sequence(Node node, String what) {
        if (node instanceof SequenceNode seq) {
            return seq.getValue();
        }
        error(node, what + " must be a list (lines starting with '- '), found " + describe(node));
        return List.of();
    }

    /** Names a node's kind for messages, never its value (which may be sensitive). */
    public static String describe(Node node) {
        if (node == null) {
            return "nothing";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        Tag tag = node.getTag();
        if (tag.equals(Tag.STR)) {
            return "a string";
        }
        if (tag.equals(Tag.INT)) {
            return "a whole number";
        }
        if (tag.equals(Tag.FLOAT)) {
            return "a number";
        }
        if (tag.equals(Tag.BOOL)) {
            return "true/false";
        }
        if (tag.equals(Tag.NULL)) {
            return "an empty value";
        }
        return "a value tagged " + tag;
    }

    /**
     * Converts a node tree to plain Java values (maps, lists, strings, longs, doubles, booleans,
     * null), for request bodies in fixture files.
     */
    public static Object plain(Node node) {
        if (node instanceof MappingNode map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                Object key = plain(t.getKeyNode());
                out.put(String.valueOf(key), plain(t.getValueNode()));
            }
            return out;
        }
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            seq.getValue().forEach(n -> out.add(plain(n)));
            return out;
        }
        ScalarNode s = (ScalarNode) node;
        Tag tag = s.getTag();
        try {
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return Boolean.parseBoolean(s.getValue());
            }
            if (tag.equals(Tag.INT)) {
                return Long.parseLong(s.getValue());
            }
            if (tag.equals(Tag.FLOAT)) {
                return Double.parseDouble(s.getValue());
            }
        } catch (NumberFormatException e) {
            // Out of range: keep the text.
        }
        return s.getValue();
    }

    /** A string value with the node it came from, for errors found later. */
    public record StringAt(String value, Node node) {
    }
}
