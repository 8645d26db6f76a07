package io.sightline.ui;

import java.util.List;

import io.sightline.storage.traces.SpanRecord;

/**
 * One span of a {@link Waterfall}: where its bar sits and whether it is on the critical path.
 *
 * @param span     the stored span
 * @param depth    0 for a root, its parent's depth + 1 otherwise
 * @param children how many child spans follow it in the layout
 * @param bar      the span's bar, in percent of the trace's duration
 * @param critical the span's pieces of the critical path, in percent of the trace's duration (empty: off the path)
 */
record WaterfallRow(SpanRecord span, int depth, int children, Bar bar, List<Bar> critical) {
    WaterfallRow {
        critical = List.copyOf(critical);
    }

    public boolean onCriticalPath() {
        return !critical.isEmpty();
    }

    public boolean error() {
        return span.statusCode() == SpanRecord.STATUS_ERROR;
    }

    /** {@code left:x%;width:y%} for the bar's style attribute (numbers only, never user text). */
    public String barStyle() {
        return bar.style();
    }

    /**
     * A horizontal bar.
     *
     * @param offsetPercent where it starts, 0–100
     * @param widthPercent  how wide, 0–100
     */
    record Bar(double offsetPercent, double widthPercent) {
        public String style() {
            return "left:" + offsetPercent + "%;width:" + widthPercent + "%";
        }
    }
}
