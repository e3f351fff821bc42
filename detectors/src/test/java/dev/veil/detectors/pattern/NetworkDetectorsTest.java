package dev.veil.detectors.pattern;

import static dev.veil.detectors.pattern.DetectorAssertions.assertFinds;
import static dev.veil.detectors.pattern.DetectorAssertions.assertNothing;

import dev.veil.detectors.Detector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkDetectorsTest {

    private final Detector ipv4 = NetworkDetectors.ipv4();
    private final Detector ipv6 = NetworkDetectors.ipv6();
    private final Detector mac = NetworkDetectors.mac();
    private final Detector url = NetworkDetectors.urlCredentials();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ssh into 192.168.1.10 now        | 192.168.1.10",
        "from 8.8.8.8:53                  | 8.8.8.8",
        "addr=(10.0.0.255)                | 10.0.0.255",
        "255.255.255.0.                   | 255.255.255.0",
    })
    void ipv4_isFound(String text, String expected) {
        assertFinds(ipv4, text.strip(), expected.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "version 1.2.3.4",
        "upgrade to v1.2.3.4",
        "Release 10.0.1.2 is out",
        "oid 1.3.6.1",
        "256.1.1.1",
        "1.2.3.4.5",
        "01.02.03.04",
        "192.168.1",
    })
    void ipv4_notFound(String text) {
        assertNothing(ipv4, text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "host 2001:db8::8a2e:370:7334 up                | 2001:db8::8a2e:370:7334",
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334        | 2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        "link fe80::1ff:fe23:4567:890a%eth0             | fe80::1ff:fe23:4567:890a",
        "mapped ::ffff:192.0.2.128                      | ::ffff:192.0.2.128",
    })
    void ipv6_isFound(String text, String expected) {
        assertFinds(ipv6, text.strip(), expected.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "at 12:30:45 today",
        "std::vector<int>",
        "a::b::c",
        "1:2:3:4:5:6:7:8:9",
        "2001:db8::1::2",
        "dead:beef",
    })
    void ipv6_notFound(String text) {
        assertNothing(ipv6, text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "mac 00:1A:2B:3C:4D:5E.   | 00:1A:2B:3C:4D:5E",
        "hw 00-1a-2b-3c-4d-5e     | 00-1a-2b-3c-4d-5e",
        "cisco 001a.2b3c.4d5e     | 001a.2b3c.4d5e",
    })
    void mac_isFound(String text, String expected) {
        assertFinds(mac, text.strip(), expected.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {"00:1A:2B:3C:4D", "00:1A-2B:3C:4D:5E", "2020.0101.1234", "00:1A:2B:3C:4D:5E:6F"})
    void mac_notFound(String text) {
        assertNothing(mac, text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "curl https://admin:hunter22@example.com/api      | https://admin:hunter22@example.com/api",
        "ftp://bob:Pa55w0rd@files.example.org:21/x        | ftp://bob:Pa55w0rd@files.example.org:21/x",
    })
    void urlCredentials_isFound(String text, String expected) {
        assertFinds(url, text.strip(), expected.strip());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://example.com/path",
        "https://user@example.com/",
        "https://user:${PASSWORD}@example.com/",
        "https://user:<password>@example.com/",
        "https://user:****@example.com/",
        "mail me at bob@example.com",
    })
    void urlCredentials_notFound(String text) {
        assertNothing(url, text);
    }
}
