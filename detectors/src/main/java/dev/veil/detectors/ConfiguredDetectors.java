package dev.veil.detectors;

import dev.veil.detectors.custom.DictionaryDetector;
import dev.veil.detectors.custom.RegexDetector;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Builds the detector list of {@link DetectorSettings}, collecting every problem with the key
 * that caused it; throws {@link DetectorConfigException} if there is any.
 */
final class ConfiguredDetectors {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");
    private static final Pattern SELECTOR = Pattern.compile("[a-z0-9_.*]{1,128}");

    private final List<String> problems = new ArrayList<>();

    private ConfiguredDetectors() {
    }

    static List<Detector> build(DetectorSettings settings) {
        ConfiguredDetectors c = new ConfiguredDetectors();
        List<Detector> detectors = c.select(c.standard(settings), settings);
        c.addDictionaries(settings, detectors);
        c.addRegexes(settings, detectors);
        c.checkAllowList(settings);
        if (!c.problems.isEmpty()) {
            throw new DetectorConfigException(c.problems);
        }
        return detectors;
    }

    private List<Detector> standard(DetectorSettings settings) {
        try {
            return StandardDetectors.all(settings.phoneRegions());
        } catch (IllegalArgumentException e) {
            problems.add("detectors.phone_regions: " + e.getMessage()
                    + " (use ISO 3166 codes in capitals, e.g. US, GB, DE)");
            return StandardDetectors.all();
        }
    }

    private List<Detector> select(List<Detector> standard, DetectorSettings settings) {
        List<Detector> selected = new ArrayList<>();
        checkSelectors("detectors.enabled", settings.enabled(), standard);
        checkSelectors("detectors.disabled", settings.disabled(), standard);
        for (Detector d : standard) {
            boolean on = settings.enabled().isEmpty() || matchesAny(settings.enabled(), d);
            if (on && !matchesAny(settings.disabled(), d)) {
                selected.add(d);
            }
        }
        return selected;
    }

    private void checkSelectors(String key, List<String> selectors, List<Detector> standard) {
        for (int i = 0; i < selectors.size(); i++) {
            String s = selectors.get(i);
            if (s == null || !SELECTOR.matcher(s).matches()) {
                problems.add(key + "[" + i + "]: '" + s + "' is not a detector id or finding type"
                        + " (lower case, dots, '*' as wildcard)");
            } else if (standard.stream().noneMatch(d -> matches(s, d))) {
                problems.add(key + "[" + i + "]: '" + s + "' matches no detector; known types include "
                        + String.join(", ", knownSample(standard)));
            }
        }
    }

    private static List<String> knownSample(List<Detector> standard) {
        Set<String> types = new LinkedHashSet<>();
        for (Detector d : standard) {
            types.addAll(d.types());
        }
        return new ArrayList<>(types).subList(0, Math.min(8, types.size()));
    }

    private static boolean matchesAny(List<String> selectors, Detector d) {
        for (String s : selectors) {
            if (matches(s, d)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String selector, Detector d) {
        Pattern glob = Pattern.compile(Pattern.quote(selector).replace("*", "\\E.*\\Q"));
        if (glob.matcher(d.id()).matches()) {
            return true;
        }
        for (String t : d.types()) {
            if (glob.matcher(t).matches()) {
                return true;
            }
        }
        return false;
    }

    private void addDictionaries(DetectorSettings settings, List<Detector> out) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < settings.dictionaries().size(); i++) {
            DetectorSettings.Dictionary d = settings.dictionaries().get(i);
            String key = "detectors.dictionaries[" + i + "] (" + d.name() + ")";
            if (!checkName(key, d.name(), names) | !checkScore(key, d.score())) {
                continue;
            }
            if (!Files.isRegularFile(d.file())) {
                problems.add(key + ".file: no such file: " + d.file());
                continue;
            }
            try {
                List<String> terms = DictionaryDetector.readTerms(d.file());
                if (terms.isEmpty()) {
                    problems.add(key + ".file: no terms in " + d.file() + " (one term per line, # for comments)");
                    continue;
                }
                out.add(new DictionaryDetector(d.name(), terms, d.caseSensitive(), d.wholeWords(), d.score()));
            } catch (IOException e) {
                problems.add(key + ".file: cannot read " + d.file() + ": " + e.getClass().getSimpleName());
            }
        }
    }

    private void addRegexes(DetectorSettings settings, List<Detector> out) {
        Set<String> names = new HashSet<>();
        for (DetectorSettings.Dictionary d : settings.dictionaries()) {
            names.add(d.name());
        }
        for (int i = 0; i < settings.regexes().size(); i++) {
            DetectorSettings.CustomRegex r = settings.regexes().get(i);
            String key = "detectors.regexes[" + i + "] (" + r.name() + ")";
            if (!checkName(key, r.name(), names) | !checkScore(key, r.score())) {
                continue;
            }
            try {
                out.add(new RegexDetector(r.name(), r.pattern(), r.score(), r.context()));
            } catch (PatternSyntaxException e) {
                problems.add(key + ".pattern: " + e.getDescription() + " near index " + e.getIndex());
            } catch (IllegalArgumentException e) {
                problems.add(key + ".pattern: " + e.getMessage());
            }
        }
    }

    private boolean checkName(String key, String name, Set<String> taken) {
        if (!NAME.matcher(name).matches()) {
            problems.add(key + ".name: must be 1 to 64 lower case letters, digits or '_'");
            return false;
        }
        if (!taken.add(name)) {
            problems.add(key + ".name: custom." + name + " is defined twice");
            return false;
        }
        return true;
    }

    private boolean checkScore(String key, double score) {
        if (!(score > 0.0 && score <= 1.0)) {
            problems.add(key + ".score: must be within (0, 1], was " + score);
            return false;
        }
        return true;
    }

    private void checkAllowList(DetectorSettings settings) {
        for (int i = 0; i < settings.allowList().size(); i++) {
            String term = settings.allowList().get(i);
            if (term == null || term.isBlank()) {
                problems.add("detectors.allow_list[" + i + "]: empty entry");
            }
        }
    }
}
