package io.sightline.query.api.prometheus;

import java.util.Objects;

/**
 * What {@code /api/v1/status/buildinfo} reports, in Prometheus's fields. Grafana reads
 * {@code version} to decide which Prometheus features it may use, so the integrator passes the
 * Prometheus version whose API this one matches (see query/README.md), not Sightline's own.
 *
 * @param version   the Prometheus API version answered, e.g. {@code 3.0.0}
 * @param revision  the source revision (a git commit) of this build
 * @param branch    the source branch
 * @param buildUser who built it
 * @param buildDate when, e.g. {@code 20260101-12:00:00}
 * @param goVersion Prometheus's name for the runtime: here the Java version, e.g. {@code java25}
 */
public record BuildInfo(String version, String revision, String branch, String buildUser, String buildDate,
                        String goVersion) {
    public BuildInfo {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(buildUser, "buildUser");
        Objects.requireNonNull(buildDate, "buildDate");
        Objects.requireNonNull(goVersion, "goVersion");
    }
}
