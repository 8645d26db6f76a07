package io.sightline.ui;

import java.util.Map;

/**
 * The appliance's own state as the overview's ingest health and the status page show it, supplied by
 * the appliance (the UI knows no ingest or WAL classes). Implementations are thread-safe and cheap:
 * each page view calls them.
 */
public interface ApplianceStatus {
    /** The effective configuration, key by key, secrets (passwords, tokens, URLs' user info) redacted. */
    Map<String, String> configuration();

    /** Version, commit, Java runtime and start time, as name → value. */
    Map<String, String> buildInfo();
}
