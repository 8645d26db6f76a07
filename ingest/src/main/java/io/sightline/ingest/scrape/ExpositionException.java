package io.sightline.ingest.scrape;

/**
 * A scraped page that is not valid exposition text: the message names the 1-based line and the
 * problem, e.g. {@code line 3: expected '=' after label name "code", found '}'}.
 */
public final class ExpositionException extends Exception {
    private final int line;

    public ExpositionException(int line, String problem) {
        super(line > 0 ? "line " + line + ": " + problem : problem);
        this.line = line;
    }

    /** The 1-based line of the problem; 0 when it concerns the whole page. */
    public int line() {
        return line;
    }
}
