package io.sightline.query.promql.engine;

/** Where Go's math package (which Prometheus uses) differs from java.lang.Math on special values. */
final class GoMath {
    private GoMath() {
    }

    /** Go: Pow(x, ±0) = 1 and Pow(1, y) = 1 for any x, y (even NaN); Pow(-1, ±Inf) = 1. */
    static double pow(double x, double y) {
        if (y == 0 || x == 1) {
            return 1;
        }
        if (x == -1 && Double.isInfinite(y)) {
            return 1;
        }
        return Math.pow(x, y);
    }

    /** Go: Max(x, +Inf) = +Inf even when x is NaN; otherwise NaN wins. */
    static double max(double x, double y) {
        if (x == Double.POSITIVE_INFINITY || y == Double.POSITIVE_INFINITY) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(x, y);
    }

    /** Go: Min(x, -Inf) = -Inf even when x is NaN; otherwise NaN wins. */
    static double min(double x, double y) {
        if (x == Double.NEGATIVE_INFINITY || y == Double.NEGATIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        return Math.min(x, y);
    }
}
