package io.sightline.query.alerting.notify;

import java.util.List;

import io.sightline.storage.tsdb.LabelMatcher;

/**
 * One inhibition rule, as Alertmanager's {@code inhibit_rules} entry: a firing alert matching
 * {@code sourceMatchers} mutes every alert matching {@code targetMatchers} that has the same values
 * (a missing label counting as empty) for the {@code equal} labels. An alert matching both sides does
 * not inhibit another that also matches both.
 */
public record InhibitRule(List<LabelMatcher> sourceMatchers, List<LabelMatcher> targetMatchers, List<String> equal) {
    public InhibitRule {
        sourceMatchers = List.copyOf(sourceMatchers);
        targetMatchers = List.copyOf(targetMatchers);
        equal = List.copyOf(equal);
    }

    /**
     * From Alertmanager's matcher strings, e.g. {@code of(List.of("severity=\"critical\""), List.of("severity=\"warning\""), List.of("service_name"))}.
     *
     * @throws IllegalArgumentException naming the bad matcher
     */
    public static InhibitRule of(List<String> source, List<String> target, List<String> equal) {
        return new InhibitRule(source.stream().map(AlertmanagerMatchers::parse).toList(),
                target.stream().map(AlertmanagerMatchers::parse).toList(), equal);
    }
}
