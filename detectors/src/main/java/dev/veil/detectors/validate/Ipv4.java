package dev.veil.detectors.validate;

/** Dotted-quad IPv4 addresses: four decimal octets 0-255 without leading zeros. */
public final class Ipv4 {

    private Ipv4() {
    }

    public static boolean valid(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !Digits.all(p) || (p.length() > 1 && p.charAt(0) == '0')
                    || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
