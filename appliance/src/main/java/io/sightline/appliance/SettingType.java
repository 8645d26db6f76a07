package io.sightline.appliance;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How an option's text becomes a value, with the check that it is allowed. */
enum SettingType {
    PATH {
        @Override
        Object parse(String value) {
            if (value.isBlank()) {
                throw new IllegalArgumentException("must be a path");
            }
            try {
                return Path.of(value);
            } catch (InvalidPathException e) {
                throw new IllegalArgumentException("not a valid path: " + e.getReason());
            }
        }
    },
    OPTIONAL_PATH {
        @Override
        Object parse(String value) {
            return value.isBlank() ? "" : PATH.parse(value);
        }
    },
    /** An http(s) URL, or empty for none. */
    OPTIONAL_URL {
        @Override
        Object parse(String value) {
            if (value.isBlank()) {
                return "";
            }
            try {
                java.net.URI uri = new java.net.URI(value.trim());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    throw new IllegalArgumentException("must be an http or https URL with a host, e.g. http://127.0.0.1:8081");
                }
                return uri.toString();
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("not a valid URL: " + e.getReason());
            }
        }
    },
    HOST {
        @Override
        Object parse(String value) {
            if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("must be an address or host name, e.g. 127.0.0.1 or 0.0.0.0");
            }
            return value.trim();
        }
    },
    PORT {
        @Override
        Object parse(String value) {
            int port = parseInt(value, "a port number 0-65535 (0 picks a free port)");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("must be a port number 0-65535 (0 picks a free port)");
            }
            return port;
        }
    },
    POSITIVE_INT {
        @Override
        Object parse(String value) {
            int number = parseInt(value, "a whole number of at least 1");
            if (number < 1) {
                throw new IllegalArgumentException("must be a whole number of at least 1");
            }
            return number;
        }
    },
    /** A whole number, possibly negative or zero; the component's own check bounds it. */
    INTEGER {
        @Override
        Object parse(String value) {
            return parseInt(value, "a whole number");
        }
    },
    BOOLEAN {
        @Override
        Object parse(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("must be true or false");
            };
        }
    },
    /** Names separated by commas (a YAML list too); empty for none. */
    NAMES {
        @Override
        Object parse(String value) {
            return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(n -> !n.isEmpty()).toList();
        }
    },
    /** Comma-separated decimal numbers, e.g. histogram bounds in seconds: 0.1,0.25,1. */
    NUMBERS {
        @Override
        Object parse(String value) {
            try {
                return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(n -> !n.isEmpty())
                        .map(Double::valueOf).toList();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be numbers separated by commas, e.g. 0.1,0.25,1");
            }
        }
    },
    /** Bytes with an optional unit: 512, 64KiB, 16MiB, 4GiB, also KB/MB/GB (powers of 1000). */
    BYTES {
        @Override
        Object parse(String value) {
            Matcher matcher = BYTES_PATTERN.matcher(value.trim());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("must be a size such as 1048576, 512KiB, 16MiB or 2GiB");
            }
            long number = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "B" : matcher.group(2).toUpperCase(Locale.ROOT);
            long multiplier = switch (unit) {
                case "", "B" -> 1L;
                case "KB" -> 1_000L;
                case "MB" -> 1_000_000L;
                case "GB" -> 1_000_000_000L;
                case "TB" -> 1_000_000_000_000L;
                case "KIB", "K" -> 1L << 10;
                case "MIB", "M" -> 1L << 20;
                case "GIB", "G" -> 1L << 30;
                case "TIB", "T" -> 1L << 40;
                default -> throw new IllegalArgumentException("unknown unit '" + unit + "': use B, KiB, MiB, GiB, TiB, KB, MB, GB or TB");
            };
            try {
                return Math.multiplyExact(number, multiplier);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("too large");
            }
        }
    },
    /** A duration in Prometheus's form: 500ms, 30s, 5m, 2h, 7d, 1w, or combined as 1h30m. */
    DURATION {
        @Override
        Object parse(String value) {
            String text = value.trim();
            Matcher matcher = DURATION_PART.matcher(text);
            long millis = 0;
            int end = 0;
            while (matcher.find() && matcher.start() == end) {
                long amount = Long.parseLong(matcher.group(1));
                millis += amount * switch (matcher.group(2)) {
                    case "ms" -> 1L;
                    case "s" -> 1_000L;
                    case "m" -> 60_000L;
                    case "h" -> 3_600_000L;
                    case "d" -> 86_400_000L;
                    case "w" -> 604_800_000L;
                    case "y" -> 31_536_000_000L;
                    default -> throw new IllegalStateException();
                };
                end = matcher.end();
            }
            if (text.isEmpty() || end != text.length()) {
                throw new IllegalArgumentException("must be a duration such as 500ms, 30s, 5m, 2h, 7d or 1h30m");
            }
            return Duration.ofMillis(millis);
        }
    },
    SYNC_POLICY {
        @Override
        Object parse(String value) {
            return io.sightline.storage.wal.SyncPolicy.parse(value);
        }
    };

    private static final Pattern BYTES_PATTERN = Pattern.compile("(\\d+)\\s*([a-zA-Z]+)?");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

    abstract Object parse(String value);

    private static int parseInt(String value, String expected) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be " + expected);
        }
    }
}
