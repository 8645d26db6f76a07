package io.sightline.ui.services;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links between the service pages and to the logs and traces pages, each carrying the range. */
final class ServiceLinks {
    private ServiceLinks() {
    }

    /** {@code /services/<name>} without a query: the name as one encoded path segment. */
    static String servicePath(String service) {
        return "/services/" + pathSegment(service);
    }

    static String service(String service, String rangeQuery) {
        return servicePath(service) + "?" + rangeQuery;
    }

    static String trace(String traceId, String rangeQuery) {
        return "/traces/" + pathSegment(traceId) + "?" + rangeQuery;
    }

    /** The logs page for one service's errors, or one trace's records when {@code traceId} is not empty. */
    static String logs(String service, String traceId, String rangeQuery) {
        StringBuilder link = new StringBuilder("/logs?service=").append(query(service));
        if (traceId.isEmpty()) {
            link.append("&min_severity=ERROR");
        } else {
            link.append("&trace_id=").append(query(traceId));
        }
        return link.append('&').append(rangeQuery).toString();
    }

    static String pathSegment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String query(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
