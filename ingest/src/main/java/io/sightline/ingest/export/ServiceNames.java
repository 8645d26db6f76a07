package io.sightline.ingest.export;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;

/**
 * The service a resource names for {@link ExportFilter#allowsService}: its {@code service.name}
 * attribute ("" when absent). A non-string value is taken in the form the log and trace stores give
 * it (an integer's decimal digits, a double as Java prints it, {@code true}/{@code false}); arrays,
 * maps and bytes name no service (""). Stateless.
 */
final class ServiceNames {
    static final String SERVICE_NAME = "service.name";

    private ServiceNames() {
    }

    static String of(Resource resource) {
        for (KeyValue attribute : resource.getAttributesList()) {
            if (attribute.getKey().equals(SERVICE_NAME)) {
                return text(attribute.getValue());
            }
        }
        return "";
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            default -> "";
        };
    }
}
