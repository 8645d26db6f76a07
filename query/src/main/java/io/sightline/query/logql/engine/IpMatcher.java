package io.sightline.query.logql.engine;

import java.math.BigInteger;
import java.net.InetAddress;

/**
 * Loki's {@code ip("...")} patterns: one address ({@code 192.168.0.1}, {@code ::1}), a range
 * ({@code 10.0.0.1-10.0.0.9}, inclusive) or a CIDR ({@code 10.0.0.0/8}); IPv4 and IPv6. For a line
 * filter, every run of address characters in the line is tried. Addresses are parsed as literals only
 * (never resolved). Immutable; thread-safe.
 */
final class IpMatcher {
    private final BigInteger low;
    private final BigInteger high;
    private final int length;

    IpMatcher(String pattern) {
        String p = pattern.strip();
        int slash = p.indexOf('/');
        int dash = p.indexOf('-');
        if (slash >= 0) {
            byte[] base = parse(p.substring(0, slash));
            int bits = Integer.parseInt(p.substring(slash + 1));
            if (base == null || bits < 0 || bits > base.length * 8) {
                throw new IllegalArgumentException("invalid ip pattern " + pattern);
            }
            length = base.length;
            BigInteger value = new BigInteger(1, base);
            int hostBits = base.length * 8 - bits;
            BigInteger mask = BigInteger.ONE.shiftLeft(hostBits).subtract(BigInteger.ONE);
            low = value.andNot(mask);
            high = low.or(mask);
        } else if (dash >= 0) {
            byte[] from = parse(p.substring(0, dash).strip());
            byte[] to = parse(p.substring(dash + 1).strip());
            if (from == null || to == null || from.length != to.length) {
                throw new IllegalArgumentException("invalid ip pattern " + pattern);
            }
            length = from.length;
            low = new BigInteger(1, from);
            high = new BigInteger(1, to);
        } else {
            byte[] one = parse(p);
            if (one == null) {
                throw new IllegalArgumentException("invalid ip pattern " + pattern);
            }
            length = one.length;
            low = new BigInteger(1, one);
            high = low;
        }
    }

    /** Whether {@code text} is an address in the pattern. */
    boolean matchesAddress(String text) {
        byte[] address = parse(text);
        if (address == null || address.length != length) {
            return false;
        }
        BigInteger value = new BigInteger(1, address);
        return value.compareTo(low) >= 0 && value.compareTo(high) <= 0;
    }

    /** Whether any address in the line is in the pattern. */
    boolean matchesLine(String line) {
        int i = 0;
        while (i < line.length()) {
            if (!addressChar(line.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < line.length() && addressChar(line.charAt(i))) {
                i++;
            }
            if (matchesAddress(line.substring(start, i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean addressChar(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':';
    }

    /** The bytes of an IPv4 (strict dotted quad) or IPv6 literal, or null. */
    static byte[] parse(String text) {
        if (text.indexOf(':') >= 0) {
            try {
                return InetAddress.ofLiteral(text).getAddress();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return null;
            }
            for (int j = 0; j < part.length(); j++) {
                if (!Character.isDigit(part.charAt(j))) {
                    return null;
                }
            }
            int v = Integer.parseInt(part);
            if (v > 255) {
                return null;
            }
            out[i] = (byte) v;
        }
        return out;
    }
}
