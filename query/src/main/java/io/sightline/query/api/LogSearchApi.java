package io.sightline.query.api;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.query.logs.LogSearchParameters;
import io.sightline.storage.logs.LogPage;
import io.sightline.storage.logs.LogQuerier;
import io.sightline.storage.logs.LogRecord;
import io.sightline.storage.logs.LogSearch;

/**
 * {@code GET /api/v1/logs/search}: records newest first, one page at a time.
 *
 * <pre>{"status":"success","data":{"records":[...],"total":N,"next":"cursor"|null}}</pre>
 *
 * {@code total} counts every match in the range; {@code next} goes back as {@code cursor} for the
 * following page.
 */
public final class LogSearchApi implements HttpService {
    private final LogQuerier logs;
    private final LogSearchParameters parameters;

    public LogSearchApi(LogQuerier logs, LogSearchParameters parameters) {
        this.logs = logs;
        this.parameters = parameters;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/search", this::search);
    }

    private void search(ServerRequest request, ServerResponse response) {
        try {
            var query = request.query();
            LogSearch search = parameters.parse(query.names(), name -> query.contains(name) ? query.all(name) : null);
            LogPage page = logs.search(search);
            ApiResponses.success(response, json -> {
                json.beginObject();
                json.name("records").beginArray();
                for (LogRecord record : page.records()) {
                    LogRecordJson.write(json, record);
                }
                json.endArray();
                json.name("total").value(page.scanned());
                json.name("next");
                if (page.nextCursor().isPresent()) {
                    json.value(page.nextCursor().get());
                } else {
                    json.nullValue();
                }
                json.endObject();
            });
        } catch (RuntimeException e) {
            ApiResponses.failure(response, e);
        }
    }
}
