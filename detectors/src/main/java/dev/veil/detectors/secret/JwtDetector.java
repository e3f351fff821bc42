package dev.veil.detectors.secret;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON Web Tokens (JWS compact form): three base64url parts. A candidate counts only if its
 * header decodes to a JSON object naming an algorithm ({@code "alg"}) and its payload decodes
 * to a JSON object, so random dotted base64 is not reported.
 *
 * <p>Immutable and thread-safe.
 */
final class JwtDetector implements Detector {

    static final String TYPE = "secret.jwt";

    private static final Pattern JWT = Pattern.compile(
            "(?<![A-Za-z0-9_-])(eyJ[A-Za-z0-9_-]{8,4096}+)\\.([A-Za-z0-9_-]{8,16384}+)\\.([A-Za-z0-9_-]{0,2048}+)"
                    + "(?![A-Za-z0-9_-])");

    @Override
    public String id() {
        return TYPE;
    }

    @Override
    public List<String> types() {
        return List.of(TYPE);
    }

    @Override
    public List<Finding> detect(String text) {
        if (!text.contains("eyJ")) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        Matcher m = JWT.matcher(text);
        while (m.find()) {
            String header = decode(m.group(1));
            String payload = decode(m.group(2));
            if (header != null && payload != null && header.strip().startsWith("{") && header.contains("\"alg\"")
                    && payload.strip().startsWith("{")) {
                double score = m.group(3).isEmpty() ? 0.8 : 0.95;
                findings.add(new Finding(TYPE, m.start(), m.end(), score, TYPE));
            }
        }
        return findings;
    }

    private static String decode(String part) {
        try {
            return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "JwtDetector";
    }
}
