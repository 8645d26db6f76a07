package io.sightline.query.promql.engine;

import io.sightline.query.promql.parser.GoStrings;
import io.sightline.storage.tsdb.Labels;

/** Labels printed as Go's labels.String() does for error messages: {@code {__name__="x", a="b"}}. */
final class LabelsText {
    private LabelsText() {
    }

    static String of(Labels labels) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(labels.name(i)).append('=').append(GoStrings.quote(labels.value(i)));
        }
        return out.append('}').toString();
    }
}
