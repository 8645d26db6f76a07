package io.sightline.ingest.loki;

import java.util.List;
import java.util.Locale;

/**
 * The OpenTelemetry severity number of a Loki level name. Loki's detected levels are {@code trace},
 * {@code debug}, {@code info}, {@code warn}, {@code error}, {@code critical}, {@code fatal} and
 * {@code unknown}; common spellings (case-insensitive) map with them: {@code warning}, {@code err},
 * {@code crit}, {@code panic}, {@code emerg}, {@code alert} (fatal range), {@code dbg}, {@code information},
 * {@code notice} (info). Anything else, {@code unknown} included, is 0 (unspecified). The number is
 * the first of its range (TRACE 1, DEBUG 5, INFO 9, WARN 13, ERROR 17, FATAL 21). Stateless.
 */
final class LokiSeverity {
    /** Where the level is looked for, in this order: an entry's structured metadata, then the stream labels. */
    static final List<String> LEVEL_NAMES = List.of("level", "severity", "detected_level");

    private LokiSeverity() {
    }

    static int number(String level) {
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "trace" -> 1;
            case "debug", "dbg" -> 5;
            case "info", "information", "notice" -> 9;
            case "warn", "warning" -> 13;
            case "error", "err" -> 17;
            case "critical", "crit", "fatal", "panic", "emerg", "alert" -> 21;
            default -> 0;
        };
    }
}
