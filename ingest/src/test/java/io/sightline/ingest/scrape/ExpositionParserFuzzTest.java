package io.sightline.ingest.scrape;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Mutated golden pages (characters replaced, inserted, deleted, lines cut): the parser either
 * reads the page or throws {@link ExpositionException} naming a line of the page, never anything
 * else. Seeded: the seed is printed; replay with {@code -Dtests.seed=}.
 */
class ExpositionParserFuzzTest {
    private static final String ALPHABET = "{}=\",#\\ \t\nabc_:019.+-eEInfNaN\u00e9";

    @Test
    void mutatedPagesFailOnlyWithANamedLine() throws Exception {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("ExpositionParserFuzzTest seed: -Dtests.seed=" + seed);
        Random random = new Random(seed);
        List<Path> pages = ExpositionParserTest.cases().filter(p -> !Files.exists(
                p.resolveSibling(p.getFileName().toString().replaceAll("\\.(prom|om)$", ".error")))).toList();
        assertThat(pages).isNotEmpty();
        int failures = 0;
        for (int round = 0; round < 20_000; round++) {
            Path source = pages.get(random.nextInt(pages.size()));
            ExpositionFormat format = source.toString().endsWith(".om") ? ExpositionFormat.OPENMETRICS : ExpositionFormat.PROMETHEUS_TEXT;
            StringBuilder page = new StringBuilder(Files.readString(source, StandardCharsets.UTF_8));
            for (int m = 1 + random.nextInt(3); m > 0 && !page.isEmpty(); m--) {
                int at = random.nextInt(page.length());
                char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                switch (random.nextInt(4)) {
                    case 0 -> page.setCharAt(at, c);
                    case 1 -> page.insert(at, c);
                    case 2 -> page.deleteCharAt(at);
                    default -> page.setLength(at);
                }
            }
            int lines = (int) page.chars().filter(ch -> ch == '\n').count() + 1;
            try {
                ExpositionParser.parse(page.toString(), format, 0);
            } catch (ExpositionException e) {
                failures++;
                assertThat(e.line()).as("seed %d, page:%n%s", seed, page).isBetween(0, lines);
                assertThat(e.getMessage()).isNotBlank();
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + e + " on page:\n" + page, e);
            }
        }
        assertThat(failures).as("mutations do break pages").isPositive();
    }
}
