package dev.veil.proxy.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.veil.proxy.config.CircuitBreakerSettings;
import dev.veil.proxy.upstream.CircuitBreaker.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private long now = 1_000_000_000L;
    private final List<String> changes = new ArrayList<>();
    private final CircuitBreaker breaker = new CircuitBreaker("local",
            new CircuitBreakerSettings(3, Duration.ofSeconds(10)), () -> now,
            (upstream, from, to, failures) -> changes.add(upstream + ":" + from + "->" + to + "@" + failures));

    private void fail(int times) {
        for (int i = 0; i < times; i++) {
            CircuitBreaker.Permit permit = breaker.tryAcquire();
            assertNotNull(permit, "call " + i + " was refused");
            permit.failed();
        }
    }

    @Test
    void opensAfterThresholdConsecutiveFailures_andRefusesCalls() {
        fail(2);
        assertEquals(State.CLOSED, breaker.state());

        fail(1);

        assertEquals(State.OPEN, breaker.state());
        assertNull(breaker.tryAcquire());
        assertEquals(List.of("local:CLOSED->OPEN@3"), changes);
        assertEquals(Duration.ofSeconds(10), breaker.retryAfter());
    }

    @Test
    void successBetweenFailures_resetsTheCount() {
        fail(2);
        breaker.tryAcquire().succeeded();
        fail(2);

        assertEquals(State.CLOSED, breaker.state());
    }

    @Test
    void afterCoolDown_letsExactlyOneTrialThrough_andItsSuccessCloses() {
        fail(3);
        now += Duration.ofSeconds(9).toNanos();
        assertNull(breaker.tryAcquire(), "the cool-down has not passed");
        assertEquals(Duration.ofSeconds(1), breaker.retryAfter());

        now += Duration.ofSeconds(1).toNanos();
        CircuitBreaker.Permit trial = breaker.tryAcquire();
        assertNotNull(trial);
        assertEquals(State.HALF_OPEN, breaker.state());
        assertNull(breaker.tryAcquire(), "a second call while the trial is in flight");

        trial.succeeded();

        assertEquals(State.CLOSED, breaker.state());
        assertNotNull(breaker.tryAcquire());
        assertEquals(List.of("local:CLOSED->OPEN@3", "local:OPEN->HALF_OPEN@3", "local:HALF_OPEN->CLOSED@0"), changes);
    }

    @Test
    void failedTrial_reopensForAnotherCoolDown() {
        fail(3);
        now += Duration.ofSeconds(10).toNanos();

        breaker.tryAcquire().failed();

        assertEquals(State.OPEN, breaker.state());
        assertNull(breaker.tryAcquire());
        now += Duration.ofSeconds(10).toNanos();
        assertNotNull(breaker.tryAcquire());
    }

    @Test
    void abandonedTrial_letsTheNextCallBeTheTrial() {
        fail(3);
        now += Duration.ofSeconds(10).toNanos();

        breaker.tryAcquire().abandoned();

        assertEquals(State.HALF_OPEN, breaker.state());
        assertNotNull(breaker.tryAcquire());
    }

    @Test
    void failureAfterSuccess_stillCounts_onceOnly() {
        CircuitBreaker.Permit brokeMidStream = breaker.tryAcquire();
        brokeMidStream.succeeded();
        brokeMidStream.failed();
        brokeMidStream.failed();
        fail(1);
        assertEquals(State.CLOSED, breaker.state(), "two failures so far");

        fail(1);

        assertEquals(State.OPEN, breaker.state());
    }

    @Test
    void thresholdZero_neverOpens() {
        CircuitBreaker off = new CircuitBreaker("openai", CircuitBreakerSettings.OFF, () -> now,
                (u, f, t, n) -> changes.add(u));
        for (int i = 0; i < 100; i++) {
            off.tryAcquire().failed();
        }

        assertEquals(State.CLOSED, off.state());
        assertEquals(List.of(), changes);
    }
}
