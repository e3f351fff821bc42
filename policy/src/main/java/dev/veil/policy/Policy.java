package dev.veil.policy;

import static java.util.Objects.requireNonNull;

import dev.veil.policy.internal.ActionSpec;
import dev.veil.policy.internal.Glob;
import dev.veil.policy.internal.PolicyDefinition;
import dev.veil.policy.internal.PolicyParser;
import dev.veil.policy.internal.Rule;
import dev.veil.policy.internal.Tri;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A loaded, validated policy. Immutable and thread-safe: evaluate it from any thread, swap it
 * atomically to reload.
 *
 * <p>Combining is order-independent: every rule whose conditions hold proposes its action, and the
 * most protective proposal wins (block &gt; route to an internal upstream &gt; redact &gt; allow);
 * among equally protective proposals a rule whose conditions held goes before a failure mode, then
 * the smallest id wins. When a detector failed, the file's {@code on_detector_error} always
 * applies, and a rule with its own failure mode whose outcome depends on the missing findings
 * proposes that mode; so a failure never makes a request look clean.
 */
public final class Policy {

    /** Decision id when no rule applied. */
    public static final String DEFAULT_ID = "default";
    /** Decision id of the file's failure mode, applied whenever a detector failed. */
    public static final String DETECTOR_ERROR_ID = "on_detector_error";
    /** Decision id when a sticky session kept a conversation internal. */
    public static final String SESSION_ID = "session";

    private static final int VERSION_HEX_CHARS = 16;

    /**
     * Most protective first; among equals, a rule whose conditions held before a failure mode (so
     * the decision names the rule that matched), then the smaller id. A total order on proposals,
     * so the winner never depends on the order of rules in the file.
     */
    private static final Comparator<Proposal> BY_PRECEDENCE = (a, b) -> {
        int byStrength = Integer.compare(b.action().strength(), a.action().strength());
        if (byStrength != 0) {
            return byStrength;
        }
        if (a.held() != b.held()) {
            return a.held() ? -1 : 1;
        }
        return a.id().compareTo(b.id());
    };

    private final String file;
    private final Optional<Path> path;
    private final String version;
    private final PolicyDefinition definition;

    private Policy(String file, Optional<Path> path, String version, PolicyDefinition definition) {
        this.file = file;
        this.path = path;
        this.version = version;
        this.definition = definition;
    }

    /**
     * Loads and validates a policy file.
     *
     * @param file the YAML policy file
     * @param upstreams the upstreams configured in Veil, by name, with their trust
     * @param knownTypes every finding type the running detectors can report
     * @throws PolicyException listing every problem, each at file:line:column
     */
    public static Policy load(Path file, Map<String, Trust> upstreams, Set<String> knownTypes)
            throws PolicyException {
        requireNonNull(file, "file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PolicyException(List.of(new PolicyError(file.toString(), 1, 1,
                    "cannot read the policy file (" + e.getClass().getSimpleName() + "); check the path and permissions")));
        }
        return fromBytes(bytes, file.toString(), Optional.of(file), upstreams, knownTypes);
    }

    /**
     * Parses and validates policy text that did not come from a file on disk (tests, tools).
     *
     * @param name the name used in error messages
     */
    public static Policy parse(String content, String name, Map<String, Trust> upstreams, Set<String> knownTypes)
            throws PolicyException {
        requireNonNull(content, "content");
        return fromBytes(content.getBytes(StandardCharsets.UTF_8), name, Optional.empty(), upstreams, knownTypes);
    }

    /** Parses bytes read once, so the version hash always describes exactly what was parsed. */
    static Policy fromBytes(byte[] bytes, String name, Optional<Path> path, Map<String, Trust> upstreams,
            Set<String> knownTypes) throws PolicyException {
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new PolicyException(List.of(new PolicyError(name, 1, 1, "the file is not valid UTF-8; save it as UTF-8")));
        }
        PolicyDefinition definition = PolicyParser.parse(content, name, upstreams, knownTypes);
        return new Policy(name, path, hash(bytes), definition);
    }

    private static String hash(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest).substring(0, VERSION_HEX_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** Evaluates this policy for one request. Never throws for any facts. */
    public Decision decide(RequestFacts facts) {
        requireNonNull(facts, "facts");
        return combine(proposals(facts));
    }

    /** Evaluates like {@link #decide} and says, rule by rule, why. */
    public Explanation explain(RequestFacts facts) {
        requireNonNull(facts, "facts");
        boolean complete = !facts.degraded();
        List<RuleVerdict> verdicts = new ArrayList<>();
        for (Rule rule : sortedRules()) {
            Tri t = rule.when().eval(facts, complete);
            List<String> reasons = new ArrayList<>();
            rule.when().explain(facts, complete, "", reasons);
            RuleVerdict.Verdict verdict = switch (t) {
                case TRUE -> RuleVerdict.Verdict.APPLIES;
                case FALSE -> RuleVerdict.Verdict.DOES_NOT_APPLY;
                case UNKNOWN -> RuleVerdict.Verdict.UNKNOWN;
            };
            String proposes = switch (t) {
                case TRUE -> rule.action().describe();
                case FALSE -> "";
                case UNKNOWN -> rule.onDetectorError()
                        .map(mode -> mode.describe() + " (its own on_detector_error)")
                        .orElse("nothing itself: the file's on_detector_error covers it");
            };
            verdicts.add(new RuleVerdict(rule.id(), rule.description(), verdict, proposes, reasons));
        }
        return new Explanation(verdicts, decide(facts), complete);
    }

    private List<Rule> sortedRules() {
        List<Rule> rules = new ArrayList<>(definition.rules());
        rules.sort(Comparator.comparing(Rule::id));
        return rules;
    }

    /** One applicable action; {@code held} is false for a failure mode proposed because a detector failed. */
    private record Proposal(String id, ActionSpec action, boolean held) {
    }

    private List<Proposal> proposals(RequestFacts facts) {
        boolean complete = !facts.degraded();
        List<Proposal> proposals = new ArrayList<>();
        for (Rule rule : definition.rules()) {
            switch (rule.when().eval(facts, complete)) {
                case TRUE -> proposals.add(new Proposal(rule.id(), rule.action(), true));
                case UNKNOWN -> rule.onDetectorError()
                        // A rule without its own failure mode is covered by the file's, below.
                        .ifPresent(mode -> proposals.add(new Proposal(rule.id(), mode, false)));
                case FALSE -> {
                    // Does not apply.
                }
            }
        }
        if (!complete) {
            proposals.add(new Proposal(DETECTOR_ERROR_ID, definition.onDetectorError(), false));
        }
        if (proposals.isEmpty()) {
            proposals.add(new Proposal(DEFAULT_ID, definition.defaultAction(), true));
        }
        return proposals;
    }

    private Decision combine(List<Proposal> proposals) {
        Proposal winner = proposals.get(0);
        for (Proposal p : proposals) {
            if (BY_PRECEDENCE.compare(p, winner) < 0) {
                winner = p;
            }
        }
        TreeSet<String> applied = new TreeSet<>();
        proposals.forEach(p -> applied.add(p.id()));
        ActionSpec a = winner.action();
        List<String> redactTypes = List.of();
        RedactMode mode = RedactMode.MASK;
        if (a.action() == Action.REDACT) {
            // Every applicable redaction is honoured, and mask (which nothing can undo) beats
            // pseudonymize, so adding a redact rule can only make the outcome more protective.
            TreeSet<String> types = new TreeSet<>();
            boolean anyMask = false;
            for (Proposal p : proposals) {
                if (p.action().action() == Action.REDACT) {
                    p.action().redactTypes().forEach(g -> types.add(g.text()));
                    anyMask |= p.action().mode() == RedactMode.MASK;
                }
            }
            redactTypes = List.copyOf(types);
            mode = anyMask ? RedactMode.MASK : RedactMode.PSEUDONYMIZE;
        }
        return new Decision(a.action(), a.upstream(), winner.id(), List.copyOf(applied), redactTypes,
                a.message(), version, mode, a.action() == Action.BLOCK ? "" : definition.fallback());
    }

    /** Content hash (SHA-256, first 16 hex digits) of the policy file that was loaded. */
    public String version() {
        return version;
    }

    /** The file name used in messages. */
    public String file() {
        return file;
    }

    /** The file this policy was loaded from, if it came from disk. */
    public Optional<Path> path() {
        return path;
    }

    public String description() {
        return definition.description();
    }

    /** Rule ids in file order. */
    public List<String> ruleIds() {
        return definition.rules().stream().map(Rule::id).toList();
    }

    /** The upstream that allow and redact send requests to. */
    public String allowUpstream() {
        return definition.allowUpstream();
    }

    /** The upstreams this policy was validated against. */
    public Map<String, Trust> upstreams() {
        return definition.upstreams();
    }

    public SessionSettings sessions() {
        return definition.sessions();
    }

    /** The fixture file named by {@code fixtures:}, resolved next to the policy file. */
    public Optional<Path> fixtures() {
        return definition.fixtures().map(f -> path.map(p -> p.resolveSibling(f)).orElse(Path.of(f)));
    }

    /** True if {@code type} is matched by a redact glob of {@code decision}. */
    public static boolean redacts(Decision decision, String type) {
        return decision.redactTypes().stream().anyMatch(g -> Glob.of(g).matches(type));
    }

    @Override
    public String toString() {
        return "Policy[" + file + " " + version + ", " + definition.rules().size() + " rules]";
    }
}
