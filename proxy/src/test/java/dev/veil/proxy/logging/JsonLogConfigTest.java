package dev.veil.proxy.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The JSON logging option ({@code -Dlogback.configurationFile=logback-json.xml}) as shipped in the jar. */
class JsonLogConfigTest {

    private final LoggerContext context = new LoggerContext();
    private Encoder<ILoggingEvent> encoder;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void configure() throws Exception {
        URL config = getClass().getResource("/logback-json.xml");
        // The adapter behind org.slf4j.MDC, so the test sets the request id exactly as the proxy does.
        context.setMDCAdapter(MDC.getMDCAdapter());
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        joran.doConfigure(config);
        // The root logger writes through the background appender, which holds the JSON one.
        AsyncAppender async = assertInstanceOf(AsyncAppender.class,
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("ASYNC"));
        Appender<ILoggingEvent> appender = async.getAppender("JSON");
        encoder = ((OutputStreamAppender<ILoggingEvent>) assertInstanceOf(OutputStreamAppender.class, appender))
                .getEncoder();
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private String encode(String message, Object... args) {
        Logger logger = context.getLogger("dev.veil.proxy.server.ApiHandler");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, null, args);
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void event_isOneJsonObjectOnOneLineWithTheRequestId() throws Exception {
        MDC.put("request_id", "req-7f3a");
        String line;
        try {
            line = encode("upstream {} answered {} after {} ms", "local", 503, 12);
        } finally {
            MDC.remove("request_id");
        }

        assertTrue(line.endsWith("\n"), line);
        assertEquals(1, line.lines().count(), line);
        JsonNode json = new ObjectMapper().readTree(line);
        assertEquals("WARN", json.get("level").asText());
        assertEquals("dev.veil.proxy.server.ApiHandler", json.get("loggerName").asText());
        assertEquals("upstream local answered 503 after 12 ms", json.get("formattedMessage").asText());
        assertEquals("req-7f3a", json.get("mdc").get("request_id").asText());
        assertTrue(json.get("timestamp").isNumber());
        assertFalse(json.has("context"), "no logger-context noise on every line");
        assertFalse(json.has("arguments"), "arguments appear once, inside the formatted message");
    }

    @Test
    void messageWithQuotesAndNewlines_staysOneValidLine() throws Exception {
        String line = encode("refused: {}", "a \"quoted\"\nsecond line\\");
        assertEquals(1, line.lines().count(), line);
        assertEquals("refused: a \"quoted\"\nsecond line\\",
                new ObjectMapper().readTree(line).get("formattedMessage").asText());
    }

    @Test
    void nettyIsQuietBelowWarn() {
        assertEquals(Level.WARN, context.getLogger("io.netty").getLevel());
    }
}
