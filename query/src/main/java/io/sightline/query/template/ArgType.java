package io.sightline.query.template;

/**
 * The Go parameter type a {@link TemplateFunction} declares, which decides what arguments the
 * executor accepts before calling it, with Go's messages ({@code expected string; found 5},
 * {@code wrong type for value; expected string; got int}).
 */
public enum ArgType {
    /** {@code interface{}}: any value; "no value" arrives as {@code null}. */
    ANY("interface {}"),
    /**
     * {@code reflect.Value}: any value, and "no value" arrives as the executor's no-value marker (the
     * built-ins {@code eq}, {@code len}, {@code index}, ... see the difference).
     */
    VALUE("reflect.Value"),
    STRING("string"),
    /** Go {@code int}: a {@code Long} (an {@code Integer} argument is widened). */
    INT("int"),
    /** Go {@code float64}: a {@code Double}; an integer literal is accepted, as Go accepts it. */
    FLOAT64("float64"),
    BOOL("bool"),
    /** A {@link GoTime}. */
    TIME("time.Time");

    private final String goName;

    ArgType(String goName) {
        this.goName = goName;
    }

    /** The type's name as Go prints it in messages. */
    public String goName() {
        return goName;
    }
}
