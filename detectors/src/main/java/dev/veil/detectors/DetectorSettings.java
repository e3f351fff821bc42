package dev.veil.detectors;

import static java.util.Objects.requireNonNull;

import dev.veil.detectors.pattern.PhoneDetector;
import java.nio.file.Path;
import java.util.List;

/**
 * What a deployment configures about detection (the {@code detectors:} section of veil.yaml).
 * Turned into a scanner by {@link Scanner#configured(DetectorSettings)}, which checks every value
 * and fails with a message naming the key at fault.
 *
 * @param dictionaries term lists reported as {@code custom.<name>}
 * @param regexes      regular expressions reported as {@code custom.<name>}
 * @param allowList    values never reported, whatever finds them ("S3", "EKS", "C4"); compared
 *                     with the found text, ignoring case and surrounding spaces
 * @param enabled      detector ids or finding types to run, globs allowed ({@code secret.*});
 *                     empty means every standard detector
 * @param disabled     detector ids or finding types not to run, globs allowed; applied after
 *                     {@code enabled}
 * @param phoneRegions ISO 3166 regions whose national phone number forms are recognised
 */
public record DetectorSettings(List<Dictionary> dictionaries, List<CustomRegex> regexes, List<String> allowList,
        List<String> enabled, List<String> disabled, List<String> phoneRegions) {

    public DetectorSettings {
        dictionaries = List.copyOf(requireNonNull(dictionaries, "dictionaries"));
        regexes = List.copyOf(requireNonNull(regexes, "regexes"));
        allowList = List.copyOf(requireNonNull(allowList, "allowList"));
        enabled = List.copyOf(requireNonNull(enabled, "enabled"));
        disabled = List.copyOf(requireNonNull(disabled, "disabled"));
        phoneRegions = List.copyOf(requireNonNull(phoneRegions, "phoneRegions"));
    }

    /** Every standard detector, nothing custom, nothing allowed. */
    public static DetectorSettings defaults() {
        return new DetectorSettings(List.of(), List.of(), List.of(), List.of(), List.of(),
                PhoneDetector.DEFAULT_REGIONS);
    }

    public DetectorSettings withDictionaries(List<Dictionary> d) {
        return new DetectorSettings(d, regexes, allowList, enabled, disabled, phoneRegions);
    }

    public DetectorSettings withRegexes(List<CustomRegex> r) {
        return new DetectorSettings(dictionaries, r, allowList, enabled, disabled, phoneRegions);
    }

    public DetectorSettings withAllowList(List<String> a) {
        return new DetectorSettings(dictionaries, regexes, a, enabled, disabled, phoneRegions);
    }

    public DetectorSettings withEnabled(List<String> e) {
        return new DetectorSettings(dictionaries, regexes, allowList, e, disabled, phoneRegions);
    }

    public DetectorSettings withDisabled(List<String> d) {
        return new DetectorSettings(dictionaries, regexes, allowList, enabled, d, phoneRegions);
    }

    public DetectorSettings withPhoneRegions(List<String> p) {
        return new DetectorSettings(dictionaries, regexes, allowList, enabled, disabled, p);
    }

    /**
     * A term dictionary file, one term per line ({@code #} comments), reported as
     * {@code custom.<name>}.
     *
     * @param name          lower case letters, digits and {@code _}
     * @param caseSensitive whether "Orion" differs from "orion" (default false)
     * @param wholeWords    whether a term must stand as a whole word (default true)
     * @param score         score of a finding, within (0, 1] (default 0.9)
     */
    public record Dictionary(String name, Path file, boolean caseSensitive, boolean wholeWords, double score) {
        public Dictionary {
            requireNonNull(name, "name");
            requireNonNull(file, "file");
        }

        public static Dictionary of(String name, Path file) {
            return new Dictionary(name, file, false, true, 0.9);
        }
    }

    /**
     * A regular expression (Java syntax) reported as {@code custom.<name>}.
     *
     * @param context words one of which must be near a match; empty to report every match
     * @param score   score of a finding, within (0, 1] (default 0.9)
     */
    public record CustomRegex(String name, String pattern, double score, List<String> context) {
        public CustomRegex {
            requireNonNull(name, "name");
            requireNonNull(pattern, "pattern");
            context = List.copyOf(requireNonNull(context, "context"));
        }

        public static CustomRegex of(String name, String pattern) {
            return new CustomRegex(name, pattern, 0.9, List.of());
        }
    }
}
