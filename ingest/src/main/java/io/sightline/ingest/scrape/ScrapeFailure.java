package io.sightline.ingest.scrape;

/** A scrape that yields no page: the message is what the target's health shows ({@code up} = 0). */
final class ScrapeFailure extends Exception {
    ScrapeFailure(String message) {
        super(message);
    }

    ScrapeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
