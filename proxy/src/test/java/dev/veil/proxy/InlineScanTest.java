package dev.veil.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.veil.detectors.Detector;
import dev.veil.detectors.Finding;
import dev.veil.detectors.Scanner;
import dev.veil.detectors.custom.RegexDetector;
import dev.veil.proxy.config.VeilConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which scans may run on the network thread: only Veil's own detectors, up to the configured size. */
class InlineScanTest {

    private static Scanner standardPlus(Detector extra) {
        List<Detector> all = new ArrayList<>(Scanner.standard().detectors());
        all.add(extra);
        return new Scanner(all);
    }

    @Test
    void standardDetectors_areScannedInlineUpToTheDefault() {
        assertEquals(4096, Veil.inlineScanMaxBytes(VeilConfig.defaults(), Scanner.standard()));
    }

    @Test
    void configuredSize_isUsed_andZeroTurnsItOff() {
        VeilConfig c = VeilConfig.defaults();
        assertEquals(100, Veil.inlineScanMaxBytes(c.withServer(c.server().withInlineScanMaxBytes(100)),
                Scanner.standard()));
        assertEquals(0, Veil.inlineScanMaxBytes(c.withServer(c.server().withInlineScanMaxBytes(0)),
                Scanner.standard()));
    }

    @Test
    void customExpression_sendsEveryScanToTheScanThreads() {
        Scanner s = standardPlus(new RegexDetector("ticket", "TICKET-[0-9]+", 0.9, List.of()));
        assertEquals(0, Veil.inlineScanMaxBytes(VeilConfig.defaults(), s));
    }

    @Test
    void detectorFromElsewhere_sendsEveryScanToTheScanThreads() {
        Detector foreign = new Detector() {
            @Override
            public String id() {
                return "foreign";
            }

            @Override
            public List<String> types() {
                return List.of("custom.foreign");
            }

            @Override
            public List<Finding> detect(String text) {
                return List.of();
            }
        };
        assertEquals(0, Veil.inlineScanMaxBytes(VeilConfig.defaults(), standardPlus(foreign)));
    }
}
