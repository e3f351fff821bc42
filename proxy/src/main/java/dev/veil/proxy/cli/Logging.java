package dev.veil.proxy.cli;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** The command line's part in logging: log lines are written by a background thread (see logback.xml). */
final class Logging {

    private Logging() {
    }

    /**
     * Writes out the log lines still queued and stops logging. Called last, when a command ends
     * and when {@code serve} has drained, so that its final lines are not lost with the process.
     */
    static void flushAndStop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
