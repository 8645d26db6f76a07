package io.sightline.query.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's {@code strconv.FormatFloat} for the {@code 'e'}, {@code 'f'} and {@code 'g'} formats, which
 * {@code fmt} (and so templates, {@code printf} and Prometheus's {@code humanize}) builds on.
 *
 * <p>Digits come from the exact binary value rounded half-to-even (Go's decimal rounding of an exact
 * expansion), or, for precision -1, from the shortest decimal that reads back to the same double
 * ({@code Double.toString} gives those digits since JDK 19). The layout rules are Go's: {@code 'g'}
 * switches to an exponent when it is below -4 or at least the precision, 6 for the shortest form, so
 * {@code 1e+06} but {@code 100000}.
 */
final class GoFloats {
    private GoFloats() {
    }

    /** {@code strconv.FormatFloat(v, 'g', -1, 64)}, what {@code fmt.Print} and {@code %v} write. */
    static String shortest(double v) {
        return format(v, 'g', -1);
    }

    /**
     * @param verb one of {@code e E f F g G}
     * @param prec digits after the point ({@code e}, {@code f}) or significant digits ({@code g}); -1
     *             for the fewest that identify the value
     * @return the text with a leading {@code -} when negative, {@code +Inf}/{@code -Inf}/{@code NaN}
     */
    static String format(double v, char verb, int prec) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        boolean neg = Double.doubleToRawLongBits(v) < 0;
        double abs = Math.abs(v);
        char kind = Character.toLowerCase(verb);
        if (kind == 'f' && verb == 'F') {
            verb = 'f';
        }
        Digits d;
        boolean shortest = prec < 0;
        if (shortest) {
            d = Digits.of(abs == 0 ? BigDecimal.ZERO : new BigDecimal(Double.toString(abs)));
            prec = switch (kind) {
                case 'e' -> Math.max(d.nd - 1, 0);
                case 'f' -> Math.max(d.nd - d.dp, 0);
                default -> d.nd;
            };
        } else {
            BigDecimal exact = new BigDecimal(abs);
            BigDecimal rounded = switch (kind) {
                case 'e' -> exact.round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
                case 'f' -> exact.setScale(prec, RoundingMode.HALF_EVEN);
                default -> exact.round(new MathContext(prec == 0 ? 1 : prec, RoundingMode.HALF_EVEN));
            };
            if (kind == 'g' && prec == 0) {
                prec = 1;
            }
            d = Digits.of(rounded);
        }
        StringBuilder out = new StringBuilder(24);
        if (neg) {
            out.append('-');
        }
        switch (kind) {
            case 'e' -> appendE(out, d, prec, verb);
            case 'f' -> appendF(out, d, prec);
            default -> {
                int eprec = prec;
                if (eprec > d.nd && d.nd >= d.dp) {
                    eprec = d.nd;
                }
                if (shortest) {
                    eprec = 6;
                }
                int exp = d.dp - 1;
                if (exp < -4 || exp >= eprec) {
                    appendE(out, d, Math.min(prec, d.nd) - 1, verb == 'G' ? 'E' : 'e');
                } else {
                    appendF(out, d, Math.max((prec > d.dp ? d.nd : prec) - d.dp, 0));
                }
            }
        }
        return out.toString();
    }

    private static void appendE(StringBuilder out, Digits d, int prec, char e) {
        out.append(d.nd == 0 ? '0' : d.digits.charAt(0));
        if (prec > 0) {
            out.append('.');
            int i = 1;
            int m = Math.min(d.nd, prec + 1);
            if (i < m) {
                out.append(d.digits, i, m);
                i = m;
            }
            for (; i <= prec; i++) {
                out.append('0');
            }
        }
        out.append(e);
        int exp = d.nd == 0 ? 0 : d.dp - 1;
        out.append(exp < 0 ? '-' : '+');
        exp = Math.abs(exp);
        if (exp < 10) {
            out.append('0');
        }
        out.append(exp);
    }

    private static void appendF(StringBuilder out, Digits d, int prec) {
        if (d.dp > 0) {
            int m = Math.min(d.nd, d.dp);
            out.append(d.digits, 0, m);
            for (; m < d.dp; m++) {
                out.append('0');
            }
        } else {
            out.append('0');
        }
        if (prec > 0) {
            out.append('.');
            for (int i = 1; i <= prec; i++) {
                int j = d.dp + i - 1;
                out.append(j >= 0 && j < d.nd ? d.digits.charAt(j) : '0');
            }
        }
    }

    /** Decimal digits without leading or trailing zeros; the value is {@code 0.digits × 10^dp}. */
    private record Digits(String digits, int nd, int dp) {
        static Digits of(BigDecimal value) {
            if (value.signum() == 0) {
                return new Digits("", 0, 0);
            }
            BigDecimal stripped = value.stripTrailingZeros();
            String digits = stripped.unscaledValue().toString();
            return new Digits(digits, digits.length(), digits.length() - stripped.scale());
        }
    }
}
