package io.sightline.query.api.loki;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.sightline.query.logql.LogqlQueryException;
import io.sightline.query.logql.LogqlResult;
import io.sightline.storage.tsdb.LabelMatcher;

/**
 * A stand-in for the engine's tail filter that understands {@code {selector}} and
 * {@code {selector} |= "text"}: enough to check what the tail does with what a filter answers. While
 * {@link #gate} is closed, {@code apply} waits on it, so tests can hold the tail's thread.
 */
final class TestTailFilter implements LogqlTailFilter {
    volatile CountDownLatch gate = new CountDownLatch(0);
    /** Counted down each time {@code apply} starts. */
    volatile CountDownLatch entered = new CountDownLatch(0);

    @Override
    public Pipeline compile(String query) {
        int close = query.indexOf('}');
        if (!query.startsWith("{") || close < 0) {
            throw new LogqlQueryException(LogqlQueryException.Kind.BAD_QUERY,
                    "parse error at line 1, col 1: syntax error: unexpected IDENTIFIER");
        }
        List<LabelMatcher> selector = StreamSelectorParser.parse(query.substring(0, close + 1));
        String rest = query.substring(close + 1).trim();
        String contains = rest.startsWith("|=") ? rest.substring(2).trim().replace("\"", "") : "";
        return new Pipeline() {
            @Override
            public boolean selects(Map<String, String> streamLabels) {
                return selector.stream().allMatch(m -> m.matches(streamLabels.getOrDefault(m.name(), "")));
            }

            @Override
            public LogqlResult.LogStream apply(LogTailSource.TailRecord record) {
                entered.countDown();
                try {
                    if (!gate.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("test gate never opened");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                if (!record.line().contains(contains)) {
                    return null;
                }
                Map<String, String> labels = new HashMap<>(record.streamLabels());
                labels.putAll(record.structuredMetadata());
                return new LogqlResult.LogStream(labels, List.of(new LogqlResult.LogEntry(record.timeNanos(),
                        record.line(), record.structuredMetadata(), Map.of())));
            }
        };
    }
}
