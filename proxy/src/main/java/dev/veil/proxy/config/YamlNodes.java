package dev.veil.proxy.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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

/**
 * Reads a YAML document as nodes that keep their line and column, and collects every problem as
 * {@code file:line:column: message}, so that one run of a loader reports all mistakes at once.
 * Not thread-safe: one instance per file being read.
 */
final class YamlNodes {

    private final String file;
    private final List<String> problems = new ArrayList<>();

    YamlNodes(String file) {
        this.file = file;
    }

    /** Parses {@code text}; a syntax error is recorded and an empty result returned. */
    Optional<Node> parse(String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(false).build();
        try {
            return new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
            problems.add(where(m) + ": invalid YAML: " + e.getProblem());
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.add(file + ":1:1: invalid YAML: " + e.getMessage());
            return Optional.empty();
        }
    }

    List<String> problems() {
        return problems;
    }

    void problem(Node at, String message) {
        problems.add(where(at.getStartMark().orElse(null)) + ": " + message);
    }

    private String where(Mark m) {
        return m == null ? file + ":1:1" : file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
    }

    /**
     * The entries of a mapping, by key, in file order. Keys outside {@code allowed} are reported
     * with the list of keys that are allowed.
     */
    Map<String, Node> mapping(Node node, String what, Set<String> allowed) {
        Map<String, Node> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            problem(node, what + " must be a mapping of keys to values");
            return out;
        }
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                problem(t.getKeyNode(), what + ": keys must be plain names");
                continue;
            }
            if (allowed != null && !allowed.contains(key.getValue())) {
                problem(key, "unknown key '" + key.getValue() + "' in " + what + "; allowed keys: "
                        + String.join(", ", allowed.stream().sorted().toList()));
                continue;
            }
            out.put(key.getValue(), t.getValueNode());
        }
        return out;
    }

    Optional<String> string(Node node, String what) {
        if (node instanceof ScalarNode s && !s.getValue().isEmpty()) {
            return Optional.of(s.getValue());
        }
        problem(node, what + " must be a non-empty text value");
        return Optional.empty();
    }

    Optional<Long> number(Node node, String what, long min, long max) {
        if (node instanceof ScalarNode s) {
            try {
                long v = Long.parseLong(s.getValue().replace("_", ""));
                if (v >= min && v <= max) {
                    return Optional.of(v);
                }
                problem(node, what + " must be between " + min + " and " + max + ", got " + v);
                return Optional.empty();
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        problem(node, what + " must be a whole number");
        return Optional.empty();
    }
}
