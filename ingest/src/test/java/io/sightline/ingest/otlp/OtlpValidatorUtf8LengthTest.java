package io.sightline.ingest.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

/** The validator's UTF-8 length counts exactly what protobuf's encoding of the string holds. */
class OtlpValidatorUtf8LengthTest {
    @Test
    void countsLikeProtobufEncodes() {
        for (String text : new String[] {"", "abc", "é", "€", "😀", "a😀b", "\ud800", "x\udc00y", "\ud800\ud800"}) {
            assertThat(OtlpValidator.utf8Length(text)).as(text)
                    .isEqualTo(ByteString.copyFromUtf8(text).size());
        }
    }

    @Test
    void randomStrings() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("OtlpValidatorUtf8LengthTest seed: -Dtests.seed=" + seed);
        SplittableRandom random = new SplittableRandom(seed);
        char[] pool = {'a', 'Z', '\u00e9', '\u07ff', '\u0800', '\u20ac', '\uffff', '\ud83d', '\ude00', '\udbff', '\udc00'};
        for (int round = 0; round < 10_000; round++) {
            char[] chars = new char[random.nextInt(12)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = pool[random.nextInt(pool.length)];
            }
            String text = new String(chars);
            assertThat(OtlpValidator.utf8Length(text)).as("seed %d, %s", seed, text)
                    .isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        }
    }
}
