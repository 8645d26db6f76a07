package io.sightline.query.rules;

/** A rule's health after its last evaluation, as the rules API reports it. */
public enum RuleHealth {
    /** Not evaluated yet. */
    UNKNOWN("unknown"),
    OK("ok"),
    ERR("err");

    private final String apiName;

    RuleHealth(String apiName) {
        this.apiName = apiName;
    }

    public String apiName() {
        return apiName;
    }
}
