package io.sightline.query.rules;

import java.util.Map;

/**
 * One rule of a group, as a rule file declares it: a recording rule or an alerting rule. Immutable.
 */
public sealed interface Rule permits RecordingRule, AlertingRule {
    /** The recorded metric name or the alert name. */
    String name();

    /** The PromQL expression, as written in the file. */
    String expr();

    /** The rule's labels, sorted by name (templates, for an alerting rule); an empty value removes that label. */
    Map<String, String> labels();
}
