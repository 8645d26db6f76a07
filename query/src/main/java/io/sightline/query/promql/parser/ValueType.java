package io.sightline.query.promql.parser;

/** The four PromQL value types. */
public enum ValueType {
    SCALAR("scalar", "scalar"),
    STRING("string", "string"),
    VECTOR("vector", "instant vector"),
    MATRIX("matrix", "range vector");

    private final String apiName;
    private final String documentedName;

    ValueType(String apiName, String documentedName) {
        this.apiName = apiName;
        this.documentedName = documentedName;
    }

    /** The {@code resultType} of Prometheus's HTTP API. */
    public String apiName() {
        return apiName;
    }

    /** The name the documentation and error messages use ("instant vector", "range vector"). */
    public String documentedName() {
        return documentedName;
    }
}
