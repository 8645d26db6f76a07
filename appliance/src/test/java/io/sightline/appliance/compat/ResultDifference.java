package io.sightline.appliance.compat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * How two Prometheus API answers differ, or null when they do not: status and error type, result
 * type, series (by their label sets; in order only when the query orders them), timestamps exactly
 * and values within a relative tolerance (NaN equals NaN, infinities by sign).
 */
final class ResultDifference {
    private ResultDifference() {
    }

    static String of(JsonObject expected, JsonObject actual, boolean ordered, double tolerance) {
        String status = expected.get("status").getAsString();
        if (!status.equals(string(actual, "status"))) {
            return "status " + string(actual, "status") + ", expected " + status;
        }
        if (status.equals("error")) {
            String type = string(expected, "errorType");
            return type.equals(string(actual, "errorType")) ? null : "error type " + string(actual, "errorType") + ", expected " + type;
        }
        JsonObject expectedData = expected.getAsJsonObject("data");
        JsonObject actualData = actual.getAsJsonObject("data");
        String type = string(expectedData, "resultType");
        if (!type.equals(string(actualData, "resultType"))) {
            return "result type " + string(actualData, "resultType") + ", expected " + type;
        }
        return switch (type) {
            case "scalar", "string" -> point(expectedData.getAsJsonArray("result"), actualData.getAsJsonArray("result"), tolerance);
            default -> series(expectedData.getAsJsonArray("result"), actualData.getAsJsonArray("result"), ordered, tolerance);
        };
    }

    private static String series(JsonArray expected, JsonArray actual, boolean ordered, double tolerance) {
        List<JsonObject> want = objects(expected);
        List<JsonObject> got = objects(actual);
        if (!ordered) {
            Comparator<JsonObject> byMetric = Comparator.comparing(o -> o.get("metric").toString());
            want.sort(byMetric);
            got.sort(byMetric);
        }
        if (want.size() != got.size()) {
            return got.size() + " series, expected " + want.size();
        }
        for (int i = 0; i < want.size(); i++) {
            JsonObject w = want.get(i);
            JsonObject g = got.get(i);
            if (!w.get("metric").equals(g.get("metric"))) {
                return "series #" + i + " is " + g.get("metric") + ", expected " + w.get("metric");
            }
            String difference = w.has("value")
                    ? point(w.getAsJsonArray("value"), g.getAsJsonArray("value"), tolerance)
                    : points(w.getAsJsonArray("values"), g.getAsJsonArray("values"), tolerance);
            if (difference != null) {
                return w.get("metric") + ": " + difference;
            }
        }
        return null;
    }

    private static String points(JsonArray expected, JsonArray actual, double tolerance) {
        if (actual == null) {
            return "no values";
        }
        if (expected.size() != actual.size()) {
            return actual.size() + " points, expected " + expected.size();
        }
        for (int i = 0; i < expected.size(); i++) {
            String difference = point(expected.get(i).getAsJsonArray(), actual.get(i).getAsJsonArray(), tolerance);
            if (difference != null) {
                return difference;
            }
        }
        return null;
    }

    private static String point(JsonArray expected, JsonArray actual, double tolerance) {
        if (actual == null || actual.size() != 2) {
            return "point " + actual + ", expected " + expected;
        }
        if (expected.get(0).getAsBigDecimal().compareTo(actual.get(0).getAsBigDecimal()) != 0) {
            return "time " + actual.get(0) + ", expected " + expected.get(0);
        }
        String want = expected.get(1).getAsString();
        String got = actual.get(1).getAsString();
        if (want.equals(got) || close(want, got, tolerance)) {
            return null;
        }
        return "value " + got + " at " + expected.get(0) + ", expected " + want;
    }

    private static boolean close(String want, String got, double tolerance) {
        try {
            double w = parse(want);
            double g = parse(got);
            if (Double.isNaN(w) || Double.isNaN(g) || Double.isInfinite(w) || Double.isInfinite(g)) {
                return Double.compare(w, g) == 0;
            }
            return Math.abs(w - g) <= tolerance * Math.max(Math.abs(w), Math.abs(g));
        } catch (NumberFormatException notNumbers) {
            return false;
        }
    }

    private static double parse(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
    }

    private static List<JsonObject> objects(JsonArray array) {
        List<JsonObject> objects = new ArrayList<>();
        if (array != null) {
            for (JsonElement element : array) {
                objects.add(element.getAsJsonObject());
            }
        }
        return objects;
    }

    private static String string(JsonObject object, String member) {
        JsonElement value = object == null ? null : object.get(member);
        return value == null || value.isJsonNull() ? "<none>" : value.getAsString();
    }
}
