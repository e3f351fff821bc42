package dev.veil.detectors.validate;

/**
 * IPv6 addresses in text form (RFC 4291 section 2.2): eight groups of one to four hex digits,
 * one "::" standing for a run of zero groups, an optional dotted IPv4 tail. Parsed by hand
 * rather than by {@code InetAddress}, which may try name resolution on odd input.
 */
public final class Ipv6 {

    private Ipv6() {
    }

    public static boolean valid(String s) {
        if (s.length() < 2 || s.length() > 45) {
            return false;
        }
        int doubleColon = s.indexOf("::");
        if (doubleColon >= 0 && s.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String head = doubleColon >= 0 ? s.substring(0, doubleColon) : s;
        String tail = doubleColon >= 0 ? s.substring(doubleColon + 2) : "";
        int groups = 0;
        for (String part : new String[] {head, tail}) {
            if (part.isEmpty()) {
                continue;
            }
            String[] pieces = part.split(":", -1);
            for (int i = 0; i < pieces.length; i++) {
                String p = pieces[i];
                boolean last = part == tail || doubleColon < 0 ? i == pieces.length - 1 : false;
                if (last && p.indexOf('.') >= 0) {
                    if (!Ipv4.valid(p)) {
                        return false;
                    }
                    groups += 2;
                } else if (hexGroup(p)) {
                    groups++;
                } else {
                    return false;
                }
            }
        }
        return doubleColon >= 0 ? groups <= 7 : groups == 8;
    }

    private static boolean hexGroup(String p) {
        if (p.isEmpty() || p.length() > 4) {
            return false;
        }
        for (int i = 0; i < p.length(); i++) {
            if (Character.digit(p.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
