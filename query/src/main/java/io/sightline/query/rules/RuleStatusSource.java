package io.sightline.query.rules;

import java.util.List;

/** What the rules and alerts APIs read: the loaded groups' state. Implementations are thread-safe. */
public interface RuleStatusSource {
    /** Every loaded group in load order (files in the order given, groups in file order). */
    List<GroupStatus> groups();

    /** Every alert that has not resolved (pending or firing) over all alerting rules. */
    List<ActiveAlert> alerts();

    /** No rules. */
    RuleStatusSource EMPTY = new RuleStatusSource() {
        @Override
        public List<GroupStatus> groups() {
            return List.of();
        }

        @Override
        public List<ActiveAlert> alerts() {
            return List.of();
        }
    };
}
