package io.sightline.ingest.export;

import java.io.Closeable;

/**
 * Sends requests to one endpoint in one protocol's framing (compression, content type, headers,
 * TLS). Safe for concurrent use: a sharded exporter sends its shards' requests in parallel.
 */
public interface ExportTransport extends Closeable {
    /**
     * Sends {@code request} and waits for the answer, at most the transport's timeout. Failures of
     * the target or the network are outcomes, never exceptions.
     */
    SendOutcome send(ExportRequest request);

    /** Where requests go, for logs and the status page (no credentials). */
    String target();

    @Override
    void close();
}
