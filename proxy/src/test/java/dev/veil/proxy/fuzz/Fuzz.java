package dev.veil.proxy.fuzz;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Runs a fuzz target: many cases, each drawn from a {@link Random} seeded for that case alone, so
 * that one failing case can be replayed without the ones before it.
 *
 * <p>Brief by default (the target's own iteration count, a few seconds in the normal test run);
 * longer on demand:
 * <ul>
 *   <li>{@code -Dveil.fuzz.iterations=200000}: that many cases per target;</li>
 *   <li>{@code -Dveil.fuzz.seconds=600}: as many cases as fit in that time, per target;</li>
 *   <li>{@code -Dveil.fuzz.seed=N}: the first case uses seed N (the next ones follow from it).
 *   Without it the seed is random, so every run explores new inputs.</li>
 * </ul>
 * A failure names the case's seed and the command line that replays it, e.g.
 * {@code mvn -B -o verify -pl proxy -am -Dtest=RequestParserFuzzTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dveil.failIfNoTests=false -Dveil.fuzz.seed=N -Dveil.fuzz.iterations=1}.
 *
 * <p>Not thread-safe; one call runs one target on the calling thread.
 */
public final class Fuzz {

    /** Spreads case seeds apart (the golden ratio, as in SplittableRandom). */
    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    /** One case of a target: draw an input from {@code random}, check the property, throw if it fails. */
    @FunctionalInterface
    public interface Target {
        void run(Random random) throws Exception;
    }

    /** What a run did, for tests that check their own coverage. */
    public record Summary(long cases, long firstSeed) {
    }

    private Fuzz() {
    }

    /**
     * Runs {@code target} for its default number of cases, or as the system properties say.
     *
     * @param testClass the test class, named in the replay command of a failure
     * @throws AssertionError naming the failing case's seed; its cause is the original failure
     */
    public static Summary run(Class<?> testClass, int defaultIterations, Target target) {
        requireNonNull(testClass, "testClass");
        requireNonNull(target, "target");
        long first = Long.getLong("veil.fuzz.seed", new SecureRandom().nextLong());
        Long seconds = Long.getLong("veil.fuzz.seconds");
        long iterations = seconds != null && System.getProperty("veil.fuzz.iterations") == null
                ? Long.MAX_VALUE : Long.getLong("veil.fuzz.iterations", defaultIterations);
        long deadline = seconds == null ? Long.MAX_VALUE : System.nanoTime() + seconds * 1_000_000_000L;
        long n = 0;
        for (; n < iterations && System.nanoTime() < deadline; n++) {
            long seed = first + n * GAMMA;
            try {
                target.run(new Random(seed));
            } catch (Exception | AssertionError | StackOverflowError e) {
                String replay = "mvn -B -o verify -pl proxy -am -Dtest=" + testClass.getSimpleName()
                        + " -Dsurefire.failIfNoSpecifiedTests=false -Dveil.failIfNoTests=false"
                        + " -Dveil.fuzz.seed=" + seed + " -Dveil.fuzz.iterations=1";
                String message = testClass.getSimpleName() + ": case " + n + " (seed " + seed + ") failed: " + e
                        + "\nreplay: " + replay;
                System.err.println(message);
                throw new AssertionError(message, e);
            }
        }
        return new Summary(n, first);
    }
}
