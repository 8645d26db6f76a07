package io.sightline.query.api.tempo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sightline.storage.traces.SpanRecord;

/**
 * A trace's spans grouped as OTLP sends them: by resource (service name and resource attributes),
 * then by instrumentation scope, each group in order of first appearance. Immutable.
 */
record ResourceGroups(List<Resource> resources) {
    /** One resource and its scopes; {@code attributes} has {@code service.name} first when there is one. */
    record Resource(Map<String, Object> attributes, List<Scope> scopes) {
    }

    /** One scope and its spans. */
    record Scope(String name, String version, List<SpanRecord> spans) {
    }

    static ResourceGroups of(List<SpanRecord> spans) {
        Map<List<Object>, Map<List<String>, List<SpanRecord>>> groups = new LinkedHashMap<>();
        Map<List<Object>, Map<String, Object>> attributes = new LinkedHashMap<>();
        for (SpanRecord span : spans) {
            List<Object> resourceKey = List.of(span.serviceName(), span.resource());
            attributes.computeIfAbsent(resourceKey, k -> {
                Map<String, Object> all = new LinkedHashMap<>();
                if (!span.serviceName().isEmpty()) {
                    all.put("service.name", span.serviceName());
                }
                span.resource().forEach(all::putIfAbsent);
                return all;
            });
            groups.computeIfAbsent(resourceKey, k -> new LinkedHashMap<>())
                    .computeIfAbsent(List.of(span.scopeName(), span.scopeVersion()), k -> new ArrayList<>())
                    .add(span);
        }
        List<Resource> resources = new ArrayList<>();
        for (Map.Entry<List<Object>, Map<List<String>, List<SpanRecord>>> r : groups.entrySet()) {
            List<Scope> scopes = new ArrayList<>();
            for (Map.Entry<List<String>, List<SpanRecord>> s : r.getValue().entrySet()) {
                scopes.add(new Scope(s.getKey().get(0), s.getKey().get(1), List.copyOf(s.getValue())));
            }
            resources.add(new Resource(attributes.get(r.getKey()), List.copyOf(scopes)));
        }
        return new ResourceGroups(List.copyOf(resources));
    }
}
