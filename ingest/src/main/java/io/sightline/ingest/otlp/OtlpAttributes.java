package io.sightline.ingest.otlp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;

/**
 * OTLP attributes as the stores keep them (log records and spans alike): a map in the order sent
 * whose values are String, Long, Double, Boolean, byte[], List or Map (nested as sent); an unset
 * value becomes "". Thread-safe (stateless).
 */
final class OtlpAttributes {
    private OtlpAttributes() {
    }

    /** Attributes in the order sent; a repeated key keeps its last value. */
    static Map<String, Object> map(List<KeyValue> attributes) {
        Map<String, Object> map = new LinkedHashMap<>(Math.max(4, attributes.size() * 2));
        for (KeyValue attribute : attributes) {
            map.put(attribute.getKey(), value(attribute.getValue()));
        }
        return map;
    }

    static Object value(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case BOOL_VALUE -> value.getBoolValue();
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case BYTES_VALUE -> value.getBytesValue().toByteArray();
            case ARRAY_VALUE -> {
                List<Object> list = new ArrayList<>(value.getArrayValue().getValuesCount());
                for (AnyValue element : value.getArrayValue().getValuesList()) {
                    list.add(value(element));
                }
                yield list;
            }
            case KVLIST_VALUE -> map(value.getKvlistValue().getValuesList());
            // A string-table index only means something inside a profiles dictionary; logs and spans never use it.
            case STRING_VALUE_STRINDEX, VALUE_NOT_SET -> "";
        };
    }
}
