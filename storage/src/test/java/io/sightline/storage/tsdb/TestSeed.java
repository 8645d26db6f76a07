package io.sightline.storage.tsdb;

import java.util.SplittableRandom;

/**
 * The seed of a randomized test: {@code -Dtests.seed=HEX} replays one, otherwise a fresh one is
 * drawn. Either way it is printed, so a failure can be replayed.
 */
public final class TestSeed {
    private TestSeed() {
    }

    public static SplittableRandom random(String test) {
        String given = System.getProperty("tests.seed");
        long seed = given == null || given.isBlank() ? System.nanoTime() ^ test.hashCode() : Long.parseUnsignedLong(given, 16);
        System.out.println(test + ": replay with -Dtests.seed=" + Long.toHexString(seed));
        return new SplittableRandom(seed);
    }
}
