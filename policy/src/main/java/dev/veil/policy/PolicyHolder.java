package dev.veil.policy;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.veil.policy.fixture.CaseResult;
import dev.veil.policy.fixture.FixtureFile;
import dev.veil.policy.fixture.FixtureRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live policy of a running proxy, with hot reload, sticky sessions and an optional shadow
 * candidate.
 *
 * <p>A reload reads the file once, parses and validates it, runs its fixtures when a
 * {@link FixtureRunner} was given and the file names them, and only then swaps the new policy in
 * with one atomic write. A request reads the live policy once, so it is decided wholly by the old
 * or wholly by the new policy, never by a mix. A file that fails any step is refused: the last
 * good policy stays live, the refusal is logged and counted.
 *
 * <p>Shadow mode: a candidate policy is evaluated beside the live one on every request; the
 * differences are counted and returned for the audit trail, never enforced.
 *
 * <p>Thread-safe. {@link #reload} calls are serialized; {@link #evaluate} never blocks on them.
 */
public final class PolicyHolder {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyHolder.class);

    /**
     * The enforced decision and, in shadow mode, what the candidate would have decided.
     *
     * @param shadow the candidate's decision, when a candidate is set and evaluated without error
     */
    public record Evaluation(Decision decision, Optional<Decision> shadow) {

        public Evaluation {
            requireNonNull(decision, "decision");
            requireNonNull(shadow, "shadow");
        }

        /** True if a shadow candidate would have acted differently (action, destination or deciding rule). */
        public boolean differs() {
            return shadow.filter(s -> !sameOutcome(decision, s)).isPresent();
        }
    }

    /**
     * What a reload did.
     *
     * @param swapped true if a new policy went live
     * @param version the live version after the reload
     * @param errors why the file was refused; empty if it was not
     */
    public record ReloadOutcome(boolean swapped, String version, List<PolicyError> errors) {

        public ReloadOutcome {
            requireNonNull(version, "version");
            errors = List.copyOf(errors);
        }

        public boolean refused() {
            return !errors.isEmpty();
        }
    }

    private final Path file;
    private final Map<String, Trust> upstreams;
    private final Set<String> knownTypes;
    private final Optional<FixtureRunner> fixtures;
    private final AtomicReference<Policy> live;
    private final AtomicReference<Policy> shadow = new AtomicReference<>();
    private final SessionMemory sessions;
    private final Object reloadLock = new Object();
    private final AtomicLong reloads = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final AtomicLong shadowEvaluations = new AtomicLong();
    private final AtomicLong shadowDifferences = new AtomicLong();
    private volatile List<PolicyError> lastRefusal = List.of();

    private PolicyHolder(Path file, Map<String, Trust> upstreams, Set<String> knownTypes,
            Optional<FixtureRunner> fixtures, Policy first, Ticker ticker) {
        this.file = file;
        this.upstreams = Map.copyOf(upstreams);
        this.knownTypes = Set.copyOf(knownTypes);
        this.fixtures = fixtures;
        this.live = new AtomicReference<>(first);
        this.sessions = new SessionMemory(first.sessions(), ticker);
    }

    /**
     * Loads the first policy; start-up must stop if this throws.
     *
     * @param fixtures runs the policy's fixture file (its {@code fixtures:} key) before every
     *     load and reload; empty to skip fixtures
     * @param ticker time source for session expiry
     * @throws PolicyException if the file is invalid or one of its fixtures fails
     */
    public static PolicyHolder load(Path file, Map<String, Trust> upstreams, Set<String> knownTypes,
            Optional<FixtureRunner> fixtures, Ticker ticker) throws PolicyException {
        requireNonNull(file, "file");
        requireNonNull(upstreams, "upstreams");
        requireNonNull(knownTypes, "knownTypes");
        requireNonNull(fixtures, "fixtures");
        requireNonNull(ticker, "ticker");
        Policy first = read(file, upstreams, knownTypes, fixtures);
        LOG.info("policy loaded: file={} version={} rules={}", file, first.version(), first.ruleIds().size());
        return new PolicyHolder(file, upstreams, knownTypes, fixtures, first, ticker);
    }

    /** {@link #load} with fixtures skipped and the system clock. */
    public static PolicyHolder load(Path file, Map<String, Trust> upstreams, Set<String> knownTypes)
            throws PolicyException {
        return load(file, upstreams, knownTypes, Optional.empty(), Ticker.systemTicker());
    }

    private static Policy read(Path file, Map<String, Trust> upstreams, Set<String> knownTypes,
            Optional<FixtureRunner> fixtures) throws PolicyException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PolicyException(List.of(new PolicyError(file.toString(), 1, 1,
                    "cannot read the policy file (" + e.getClass().getSimpleName() + "); check the path and permissions")));
        }
        Policy policy = Policy.fromBytes(bytes, file.toString(), Optional.of(file), upstreams, knownTypes);
        if (fixtures.isPresent() && policy.fixtures().isPresent()) {
            runFixtures(policy, policy.fixtures().get(), fixtures.get());
        }
        return policy;
    }

    private static void runFixtures(Policy policy, Path casesFile, FixtureRunner runner) throws PolicyException {
        FixtureFile cases = FixtureFile.load(casesFile);
        List<PolicyError> failures = new ArrayList<>();
        for (CaseResult r : runner.run(policy, cases)) {
            if (r.status() == CaseResult.Status.FAIL) {
                failures.add(new PolicyError(cases.file(), r.fixtureCase().line(), 1, "fixture failed: "
                        + r.fixtureCase().description() + " -- " + r.detail()
                        + "; fix the policy or the expectation"));
            }
        }
        if (!failures.isEmpty()) {
            throw new PolicyException(failures);
        }
    }

    /** The live policy. */
    public Policy current() {
        return live.get();
    }

    /** Decides one request with the live policy and sticky sessions. */
    public Decision decide(RequestFacts facts) {
        return evaluate(facts).decision();
    }

    /** Decides one request, and in shadow mode also asks the candidate (which never changes the outcome). */
    public Evaluation evaluate(RequestFacts facts) {
        requireNonNull(facts, "facts");
        Policy policy = live.get();
        Decision decision = sessions.stick(policy.decide(facts), facts, policy, true);
        Policy candidate = shadow.get();
        if (candidate == null) {
            return new Evaluation(decision, Optional.empty());
        }
        Optional<Decision> shadowDecision;
        try {
            shadowDecision = Optional.of(sessions.stick(candidate.decide(facts), facts, candidate, false));
        } catch (RuntimeException e) {
            // The candidate is on trial: its failure must never touch live traffic.
            LOG.warn("shadow policy failed: version={} error={}", candidate.version(), e.getClass().getSimpleName());
            shadowDecision = Optional.empty();
        }
        Evaluation evaluation = new Evaluation(decision, shadowDecision);
        shadowEvaluations.incrementAndGet();
        if (evaluation.differs()) {
            shadowDifferences.incrementAndGet();
        }
        return evaluation;
    }

    /**
     * Re-reads the policy file. A file whose content did not change is left alone (not counted);
     * an invalid one is refused and the live policy stays.
     */
    public ReloadOutcome reload() {
        synchronized (reloadLock) {
            Policy old = live.get();
            Policy next;
            try {
                next = read(file, upstreams, knownTypes, fixtures);
            } catch (PolicyException e) {
                refusals.incrementAndGet();
                lastRefusal = e.errors();
                LOG.warn("policy reload refused: file={} errors={} keeping version={}", file, e.errors().size(),
                        old.version());
                e.errors().forEach(err -> LOG.warn("policy error: {}", err));
                return new ReloadOutcome(false, old.version(), e.errors());
            }
            if (next.version().equals(old.version())) {
                return new ReloadOutcome(false, old.version(), List.of());
            }
            sessions.reconfigure(next.sessions());
            live.set(next);
            reloads.incrementAndGet();
            lastRefusal = List.of();
            LOG.info("policy reloaded: file={} version={} previous={} rules={}", file, next.version(), old.version(),
                    next.ruleIds().size());
            return new ReloadOutcome(true, next.version(), List.of());
        }
    }

    /** Starts evaluating {@code candidate} beside the live policy. */
    public void shadow(Policy candidate) {
        requireNonNull(candidate, "candidate");
        shadow.set(candidate);
        LOG.info("shadow policy set: file={} version={}", candidate.file(), candidate.version());
    }

    /** Loads a candidate file for shadow mode, validated like a live policy (fixtures included). */
    public Policy shadow(Path candidateFile) throws PolicyException {
        Policy candidate = read(candidateFile, upstreams, knownTypes, fixtures);
        shadow(candidate);
        return candidate;
    }

    public void clearShadow() {
        shadow.set(null);
    }

    public Optional<Policy> shadow() {
        return Optional.ofNullable(shadow.get());
    }

    /** Successful reloads (swaps) since start. */
    public long reloads() {
        return reloads.get();
    }

    /** Refused reloads since start. */
    public long refusals() {
        return refusals.get();
    }

    /** Errors of the last refused reload; empty after a successful one. */
    public List<PolicyError> lastRefusal() {
        return lastRefusal;
    }

    public long shadowEvaluations() {
        return shadowEvaluations.get();
    }

    public long shadowDifferences() {
        return shadowDifferences.get();
    }

    /** The watched file. */
    public Path file() {
        return file;
    }

    public SessionMemory sessions() {
        return sessions;
    }

    static boolean sameOutcome(Decision a, Decision b) {
        return a.action() == b.action() && a.upstream().equals(b.upstream())
                && a.decidingRule().equals(b.decidingRule()) && a.redactTypes().equals(b.redactTypes());
    }
}
