package io.sightline.appliance;

/** The version the jar was built as (its manifest), or "dev" when run from classes. */
final class Version {
    private Version() {
    }

    static String current() {
        String version = Version.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
