package io.sightline.appliance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * A file named by a path option (the scrape config, the exporters file): read and parsed at start,
 * every failure a {@link ConfigException} naming the option and the file. Stateless.
 */
final class OptionFile {
    private OptionFile() {
    }

    /**
     * The file of {@code option} parsed by {@code parser}, or empty when the option is unset.
     *
     * @param parser throws {@link IllegalArgumentException} naming what is wrong in the text
     */
    static <T> Optional<T> read(ApplianceConfig config, Setting option, Function<String, T> parser) {
        String file = config.text(option);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(option.key() + ": cannot read " + file + ": " + e.getMessage());
        }
        try {
            return Optional.of(parser.apply(text));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(option.key() + ": " + file + ": " + e.getMessage());
        }
    }
}
