package io.sightline.query.rules;

import java.util.Locale;

/** An alert's state, ordered as Prometheus orders them (a rule's state is its alerts' highest). */
public enum AlertState {
    INACTIVE, PENDING, FIRING;

    /** The name the API and the {@code alertstate} label use: {@code inactive}, {@code pending}, {@code firing}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
